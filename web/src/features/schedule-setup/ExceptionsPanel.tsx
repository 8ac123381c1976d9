import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { exceptionInput } from '../../../../src/modules/scheduling/schemas.ts';
import { messageOf } from '../../api/client.ts';
import {
  type AppointmentsInTimeOff,
  bookedInTimeOffOf,
  scheduling,
  type TherapistException,
  type TherapistSchedule,
} from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { ServerForm } from '../../components/ServerForm.tsx';
import { QueryList } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { todayIn } from '../calendar/time.ts';
import { BookedInTimeOff } from './BookedInTimeOff.tsx';
import { timeOffSpan } from './text.ts';

type Input = z.input<typeof exceptionInput>;
type Output = z.output<typeof exceptionInput>;
/** Time off and holidays take time from the therapist; extra hours add some. */
type Removing = Exclude<Output, { kind: 'extra_hours' }>;
/**
 * Booked patients inside a time off or holiday: before saving (with the values to save anyway), or after an
 * acknowledged save (a reminder of whom to move, kept until dismissed).
 */
type Booked =
  | { saved: false; found: AppointmentsInTimeOff; values: Removing }
  | { saved: true; found: AppointmentsInTimeOff; kind: Removing['kind'] };
const KIND_LABELS = { time_off: 'Time off', holiday: 'Holiday', extra_hours: 'Extra hours' } as const;

const describe = (e: TherapistException) =>
  `${KIND_LABELS[e.kind]}: ${timeOffSpan(e, formatDay)}${e.note ? ` (${e.note})` : ''}`;

export function ExceptionsPanel({
  therapist,
  refs,
  onDone,
}: {
  therapist: TherapistSchedule;
  refs: ScheduleRefs;
  onDone: (m: string) => void;
}) {
  const clinic = useClinic();
  const today = todayIn(clinic.timeZone);
  const exceptions = useQuery({
    queryKey: ['exceptions', clinic.id, therapist.therapistId, today],
    queryFn: () => scheduling.exceptions(clinic.id, therapist.therapistId, today),
  });
  const locations = refs.locations.data?.items ?? [];
  const blank = (v: string) => v || undefined;
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(exceptionInput),
    defaultValues: { kind: 'time_off', startDate: today, endDate: today } as Input,
  });
  const {
    register,
    watch,
    reset,
    setFocus,
    formState: { errors },
  } = form;
  const kind = watch('kind');
  const [booked, setBooked] = useState<Booked | null>(null);
  const [savingAnyway, setSavingAnyway] = useState(false);
  const [anywayError, setAnywayError] = useState<string | null>(null);
  // A change to the form makes a warning about the previous values stale (a saved reminder stays).
  useEffect(() => {
    const subscription = watch(() => setBooked((b) => (b?.saved ? b : null)));
    return () => subscription.unsubscribe();
  }, [watch]);

  async function save(values: Output) {
    const created = await scheduling.addException(clinic.id, therapist.therapistId, values);
    reset({ kind: values.kind, startDate: today, endDate: today, date: today } as Input);
    void exceptions.refetch();
    const found = created.bookedAppointments;
    setBooked(
      values.kind !== 'extra_hours' && found.total > 0 ? { saved: true, found, kind: values.kind } : null,
    );
    const still =
      found.total === 0
        ? ''
        : ` ${found.total === 1 ? '1 appointment is' : `${found.total} appointments are`} still booked in it.`;
    onDone(`${KIND_LABELS[values.kind]} added for ${therapist.displayName}.${still}`);
  }

  async function saveAnyway(values: Removing) {
    setSavingAnyway(true);
    setAnywayError(null);
    try {
      await save({ ...values, acknowledgeBookedAppointments: true });
    } catch (error) {
      setAnywayError(messageOf(error));
    } finally {
      setSavingAnyway(false);
    }
  }
  // The union's members differ: read errors loosely by field name.
  const err = errors as Partial<Record<string, { message?: string }>>;
  return (
    <>
      <QueryList
        query={exceptions}
        retry={false}
        empty={<p className="muted">Nothing planned from today on.</p>}
      >
        {(items) => (
          <ul className="setup-list">
            {items.map((e) => (
              <li key={e.id} className="setup-item">
                <span>{describe(e)}</span>
                <button
                  type="button"
                  className="button button-danger-quiet"
                  aria-label={`Remove ${describe(e)}`}
                  onClick={async () => {
                    try {
                      await scheduling.removeException(clinic.id, therapist.therapistId, e.id);
                      void exceptions.refetch();
                      onDone('Removed.');
                    } catch (error) {
                      onDone(messageOf(error));
                    }
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryList>
      <ServerForm
        form={form}
        fields={
          ['startDate', 'endDate', 'startTime', 'endTime', 'date', 'start', 'end', 'locationId'] as never
        }
        onSave={async (values) => {
          setBooked((b) => (b?.saved ? b : null));
          setAnywayError(null);
          try {
            await save(values);
          } catch (error) {
            // Booked patients in the time: say who, and let the desk save anyway. Anything else: the form shows it.
            const found = bookedInTimeOffOf(error);
            if (!found || values.kind === 'extra_hours') throw error;
            setBooked({ saved: false, found, values });
          }
        }}
        submitLabel="Add"
      >
        <Field label="Kind">
          {(p) => (
            <select {...p} {...register('kind')}>
              <option value="time_off">Time off (dates, optionally times)</option>
              <option value="holiday">Holiday (no regular hours that day)</option>
              <option value="extra_hours">Extra hours</option>
            </select>
          )}
        </Field>
        {kind === 'time_off' ? (
          <div className="field-grid">
            <Field label="First day" error={err.startDate?.message}>
              {(p) => <input {...p} type="date" {...register('startDate')} />}
            </Field>
            <Field label="Last day" error={err.endDate?.message}>
              {(p) => <input {...p} type="date" {...register('endDate')} />}
            </Field>
            <Field
              label="Starts at (optional)"
              hint="On the first day. Leave both times empty for whole days"
              error={err.startTime?.message}
            >
              {(p) => <input {...p} type="time" {...register('startTime', { setValueAs: blank })} />}
            </Field>
            <Field
              label="Ends at (optional)"
              hint="On the last day: the time off runs without a break from start to end"
              error={err.endTime?.message}
            >
              {(p) => <input {...p} type="time" {...register('endTime', { setValueAs: blank })} />}
            </Field>
          </div>
        ) : (
          <div className="field-grid">
            <Field label="Date" error={err.date?.message}>
              {(p) => <input {...p} type="date" {...register('date')} />}
            </Field>
            {kind === 'extra_hours' ? (
              <>
                <Field label="Location" error={err.locationId?.message}>
                  {(p) => (
                    <select {...p} {...register('locationId')}>
                      {locations.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="From" error={err.start?.message}>
                  {(p) => <input {...p} type="time" {...register('start')} />}
                </Field>
                <Field label="Until" error={err.end?.message}>
                  {(p) => <input {...p} type="time" {...register('end')} />}
                </Field>
              </>
            ) : null}
          </div>
        )}
        <Field label="Note (optional)" error={err.note?.message}>
          {(p) => <input {...p} {...register('note', { setValueAs: blank })} />}
        </Field>
        {booked ? (
          <BookedInTimeOff
            key={booked.saved ? 'saved' : 'unsaved'}
            found={booked.found}
            kind={booked.saved ? booked.kind : booked.values.kind}
            timeZone={clinic.timeZone}
            saved={booked.saved}
            busy={savingAnyway}
            error={anywayError}
            onSaveAnyway={booked.saved ? undefined : () => void saveAnyway(booked.values)}
            onDismiss={() => {
              const wasKind = booked.saved ? booked.kind : booked.values.kind;
              setBooked(null);
              setAnywayError(null);
              setFocus(booked.saved ? 'kind' : wasKind === 'holiday' ? 'date' : 'startDate');
            }}
          />
        ) : null}
      </ServerForm>
    </>
  );
}
