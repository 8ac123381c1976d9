import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, type FieldError, type UseFormRegister, useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { therapistSchedule } from '../../../../src/modules/scheduling/schemas.ts';
import { scheduling, type TherapistSchedule } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { IdCheckboxes } from '../../components/IdCheckboxes.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { EmptyState } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { ExceptionsPanel } from './ExceptionsPanel.tsx';
import { SetupSection } from './scaffolding.tsx';
import { locationChoiceLabels } from './text.ts';

type Input = z.input<typeof therapistSchedule>;
type Output = z.output<typeof therapistSchedule>;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function TherapistsSection({
  refs,
  onDone,
}: {
  refs: ScheduleRefs;
  onDone: (message: string) => void;
}) {
  const therapists = refs.therapists.data?.items ?? [];
  const [chosen, setChosen] = useState(therapists[0]?.therapistId ?? '');
  const therapist = therapists.find((t) => t.therapistId === chosen);
  if (therapists.length === 0) {
    return (
      <EmptyState title="No therapists yet">
        <p>Invite therapists from Members; they appear here once they have joined.</p>
      </EmptyState>
    );
  }
  return (
    <SetupSection id="therapists" title="Therapists">
      <Field label="Therapist">
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {therapists.map((t) => (
              <option key={t.therapistId} value={t.therapistId}>
                {t.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {therapist ? (
        <>
          <div className="card">
            <h3>Weekly hours, breaks and services</h3>
            <ScheduleForm
              key={therapist.therapistId}
              therapist={therapist}
              refs={refs}
              onSaved={() => onDone(`${therapist.displayName}’s schedule is saved.`)}
            />
          </div>
          <div className="card section">
            <h3>Time off, holidays and extra hours</h3>
            <ExceptionsPanel key={therapist.therapistId} therapist={therapist} refs={refs} onDone={onDone} />
          </div>
        </>
      ) : null}
    </SetupSection>
  );
}

function ScheduleForm({
  therapist,
  refs,
  onSaved,
}: {
  therapist: TherapistSchedule;
  refs: ScheduleRefs;
  onSaved: () => void;
}) {
  const clinic = useClinic();
  const locations = refs.locations.data?.items ?? [];
  // The hours row leaves the location a narrow select: each location by what tells it from the others.
  const locationLabels = locationChoiceLabels(locations.map((l) => l.name));
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(therapistSchedule),
    defaultValues: {
      weeklyHours: therapist.weeklyHours,
      breaks: therapist.breaks,
      serviceIds: therapist.serviceIds,
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const hours = useFieldArray({ control, name: 'weeklyHours' });
  const breaks = useFieldArray({ control, name: 'breaks' });
  return (
    <ServerForm
      form={form}
      fields={['weeklyHours', 'breaks', 'serviceIds']}
      onSave={async (values) => {
        await scheduling.saveSchedule(clinic.id, therapist.therapistId, values);
        onSaved();
      }}
      submitLabel="Save schedule"
    >
      <fieldset>
        <legend>Working hours</legend>
        {hours.fields.length === 0 ? <p className="muted">No working hours: not bookable.</p> : null}
        <div className="hours-rows">
          {hours.fields.map((f, i) => (
            <div className="hours-row" key={f.id}>
              <DayAndTimes name={`weeklyHours.${i}`} register={register} errors={errors.weeklyHours?.[i]} />
              <Field label="Location" error={errors.weeklyHours?.[i]?.locationId?.message}>
                {(p) => (
                  <select {...p} {...register(`weeklyHours.${i}.locationId`)}>
                    {locations.map((l, n) => (
                      <option key={l.id} value={l.id}>
                        {locationLabels[n]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => hours.remove(i)}
                aria-label={`Remove working hours ${i + 1}`}
              >
                Remove
              </button>
            </div>
          ))}
        </div>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            const last = hours.fields.at(-1);
            hours.append({
              weekday: last ? (Number(last.weekday) % 7) + 1 : 1,
              start: last?.start ?? '09:00',
              end: last?.end ?? '17:00',
              locationId: last?.locationId ?? locations[0]?.id ?? '',
            });
          }}
        >
          Add working hours
        </button>
      </fieldset>
      <fieldset>
        <legend>Breaks</legend>
        <div className="hours-rows">
          {breaks.fields.map((f, i) => (
            <div className="hours-row no-location" key={f.id}>
              <DayAndTimes name={`breaks.${i}`} register={register} errors={errors.breaks?.[i]} />
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => breaks.remove(i)}
                aria-label={`Remove break ${i + 1}`}
              >
                Remove
              </button>
            </div>
          ))}
        </div>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => breaks.append({ weekday: 1, start: '12:00', end: '12:30' })}
        >
          Add a break
        </button>
      </fieldset>
      <Controller
        control={control}
        name="serviceIds"
        render={({ field }) => (
          <IdCheckboxes
            legend="Services offered"
            options={(refs.services.data?.items ?? [])
              .filter((s) => !s.archived)
              .map((s) => ({ id: s.id, label: s.name }))}
            field={field}
            error={errors.serviceIds?.message}
          />
        )}
      />
    </ServerForm>
  );
}

/** A weekday and a time span: one row of working hours or of breaks. */
function DayAndTimes({
  name,
  register,
  errors,
}: {
  name: `weeklyHours.${number}` | `breaks.${number}`;
  register: UseFormRegister<Input>;
  errors?: { weekday?: FieldError; start?: FieldError; end?: FieldError };
}) {
  return (
    <>
      <Field label="Day" error={errors?.weekday?.message}>
        {(p) => (
          <select {...p} {...register(`${name}.weekday`, { valueAsNumber: true })}>
            {WEEKDAYS.map((d, n) => (
              <option key={d} value={n + 1}>
                {d}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From" error={errors?.start?.message}>
        {(p) => <input {...p} type="time" {...register(`${name}.start`)} />}
      </Field>
      <Field label="Until" error={errors?.end?.message}>
        {(p) => <input {...p} type="time" {...register(`${name}.end`)} />}
      </Field>
    </>
  );
}
