import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { serviceInput } from '../../../../src/modules/scheduling/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { type Service, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert, EmptyState } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { money } from '../calendar/time.ts';
import { IdCheckboxes, NumberInput, PriceInput, TagsInput } from './inputs.tsx';

type Input = z.input<typeof serviceInput>;
type Output = z.output<typeof serviceInput>;

export function ServicesSection({ refs, onDone }: { refs: ScheduleRefs; onDone: (message: string) => void }) {
  const clinic = useClinic();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const services = (refs.services.data?.items ?? []).filter((s) => !s.archived);
  return (
    <section aria-labelledby="services-heading">
      <h2 id="services-heading">Services</h2>
      {services.length === 0 ? (
        <EmptyState title="No services yet">Add the session types patients can book.</EmptyState>
      ) : null}
      <ul className="setup-list">
        {services.map((s) => (
          <li key={s.id} className="card setup-item">
            <div>
              <h3>{s.name}</h3>
              <p className="muted">
                {s.durationMinutes} min
                {s.bufferBeforeMinutes || s.bufferAfterMinutes
                  ? ` (+${s.bufferBeforeMinutes} before, +${s.bufferAfterMinutes} after)`
                  : ''}{' '}
                · {money(s.priceCents)} · {s.kind === 'new_patient' ? 'New patients' : 'Follow-up'} ·{' '}
                {s.onlineBookable ? 'Bookable online' : 'Staff booking only'} · {s.therapistIds.length}{' '}
                therapist(s)
              </p>
              <p>
                {s.requiredEquipment.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </p>
            </div>
            <div className="action-bar">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setEditing(s)}
                aria-label={`Edit ${s.name}`}
              >
                Edit
              </button>
              <button
                type="button"
                className="button button-danger-quiet"
                aria-label={`Archive ${s.name}`}
                onClick={async () => {
                  try {
                    await scheduling.archiveService(clinic.id, s.id);
                    onDone(`${s.name} is archived: no new bookings; history stays.`);
                  } catch (error) {
                    onDone(messageOf(error));
                  }
                }}
              >
                Archive
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <div className="card">
          <h3>{editing === 'new' ? 'New service' : `Edit ${editing.name}`}</h3>
          <ServiceForm
            key={editing === 'new' ? 'new' : editing.id}
            service={editing === 'new' ? undefined : editing}
            refs={refs}
            onCancel={() => setEditing(null)}
            onSaved={(s) => {
              setEditing(null);
              onDone(`${s.name} is saved.`);
            }}
          />
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add a service
        </button>
      )}
    </section>
  );
}

function ServiceForm({
  service,
  refs,
  onSaved,
  onCancel,
}: {
  service?: Service;
  refs: ScheduleRefs;
  onSaved: (s: Service) => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(serviceInput),
    defaultValues: {
      name: service?.name ?? '',
      description: service?.description ?? undefined,
      durationMinutes: service?.durationMinutes ?? 60,
      bufferBeforeMinutes: service?.bufferBeforeMinutes ?? 0,
      bufferAfterMinutes: service?.bufferAfterMinutes ?? 0,
      priceCents: service?.priceCents ?? 0,
      kind: service?.kind ?? 'follow_up',
      onlineBookable: service?.onlineBookable ?? true,
      requiredEquipment: service?.requiredEquipment ?? [],
      therapistIds: service?.therapistIds ?? [],
      roomIds: service?.roomIds ?? [],
    },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      onSaved(
        service
          ? await scheduling.updateService(clinic.id, service.id, values)
          : await scheduling.createService(clinic.id, values),
      );
    } catch (error) {
      setFormError(
        applyApiError(error, setError, [
          'name',
          'durationMinutes',
          'bufferBeforeMinutes',
          'bufferAfterMinutes',
          'priceCents',
          'requiredEquipment',
          'therapistIds',
          'roomIds',
        ]),
      );
    }
  });
  const rooms = (refs.rooms.data?.items ?? []).filter((r) => !r.archived);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field label="Name" error={errors.name?.message}>
        {(p) => <input {...p} {...register('name')} />}
      </Field>
      <Field label="Description" hint="Shown to patients booking online" error={errors.description?.message}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            {...register('description', { setValueAs: (v: string) => v?.trim() || undefined })}
          />
        )}
      </Field>
      <div className="field-grid">
        <Controller
          control={control}
          name="durationMinutes"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Duration (minutes)"
              hint="30, 45, 60, 75, 90 or any multiple of 5"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="priceCents"
          render={({ field, fieldState }) => (
            <PriceInput label="Price (USD)" field={field} error={fieldState.error?.message} />
          )}
        />
        <Controller
          control={control}
          name="bufferBeforeMinutes"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Buffer before (minutes)"
              hint="Room preparation"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="bufferAfterMinutes"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Buffer after (minutes)"
              hint="Room turnover"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
      </div>
      <Field label="For" error={errors.kind?.message}>
        {(p) => (
          <select {...p} {...register('kind')}>
            <option value="new_patient">New patients</option>
            <option value="follow_up">Follow-up visits</option>
          </select>
        )}
      </Field>
      <Checkbox label="Patients may book it online" {...register('onlineBookable')} />
      <Controller
        control={control}
        name="requiredEquipment"
        render={({ field, fieldState }) => (
          <TagsInput
            label="Equipment needed"
            hint="Tags a room must have, separated by commas (e.g. hydraulic-table, hot-packs)"
            field={field}
            error={fieldState.error?.message}
          />
        )}
      />
      <Controller
        control={control}
        name="therapistIds"
        render={({ field }) => (
          <IdCheckboxes
            legend="Therapists who deliver it"
            options={(refs.therapists.data?.items ?? []).map((t) => ({
              id: t.therapistId,
              label: t.displayName,
            }))}
            field={field}
            error={errors.therapistIds?.message}
          />
        )}
      />
      <Controller
        control={control}
        name="roomIds"
        render={({ field }) => (
          <IdCheckboxes
            legend="Only in these rooms (none ticked: any room with the equipment)"
            options={rooms.map((r) => ({
              id: r.id,
              label: `${r.name}${refs.locationName(r.locationId) ? ` · ${refs.locationName(r.locationId)}` : ''}`,
            }))}
            field={field}
            error={errors.roomIds?.message}
          />
        )}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {service ? 'Save service' : 'Add service'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
