import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { formatCents } from '../../../../src/domain/billing/money.ts';
import { serviceInput } from '../../../../src/modules/scheduling/schemas.ts';
import { type Service, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { IdCheckboxes } from '../../components/IdCheckboxes.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { EmptyState } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { NumberInput, PriceInput, TagsInput } from './inputs.tsx';
import { SetupEditor, SetupItem, SetupSection } from './scaffolding.tsx';
import { equipmentLabel } from './text.ts';

type Input = z.input<typeof serviceInput>;
type Output = z.output<typeof serviceInput>;

/** The room's turnover around a session, e.g. " + 15 min turnover after". */
function turnover(before: number, after: number): string {
  if (!before && !after) return '';
  if (before && after) return ` + ${before} min turnover before, ${after} after`;
  return before ? ` + ${before} min turnover before` : ` + ${after} min turnover after`;
}

export function ServicesSection({ refs, onDone }: { refs: ScheduleRefs; onDone: (message: string) => void }) {
  const clinic = useClinic();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const services = (refs.services.data?.items ?? []).filter((s) => !s.archived);
  return (
    <SetupSection id="services" title="Services">
      {services.length === 0 ? (
        <EmptyState title="No services yet">Add the session types patients can book.</EmptyState>
      ) : null}
      <ul className="setup-list">
        {services.map((s) => (
          <SetupItem
            key={s.id}
            name={s.name}
            onEdit={() => setEditing(s)}
            archive={() => scheduling.archiveService(clinic.id, s.id)}
            archivedMessage={`${s.name} is archived: no new bookings; history stays.`}
            onDone={onDone}
          >
            <h3>{s.name}</h3>
            <p className="muted">
              {s.durationMinutes} min
              {turnover(s.bufferBeforeMinutes, s.bufferAfterMinutes)} · {formatCents(s.priceCents)} ·{' '}
              {s.kind === 'new_patient' ? 'New patients' : 'Follow-up'} ·{' '}
              {s.onlineBookable ? 'Bookable online' : 'Staff booking only'} · {s.therapistIds.length}{' '}
              {s.therapistIds.length === 1 ? 'therapist' : 'therapists'}
            </p>
            <p>
              {s.requiredEquipment.map((tag) => (
                <span key={tag} className="tag">
                  {equipmentLabel(tag)}
                </span>
              ))}
            </p>
          </SetupItem>
        ))}
      </ul>
      <SetupEditor
        editing={editing}
        noun="service"
        onAdd={() => setEditing('new')}
        onClose={() => setEditing(null)}
        onDone={onDone}
      >
        {(service, actions) => <ServiceForm service={service} refs={refs} {...actions} />}
      </SetupEditor>
    </SetupSection>
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
  const form = useForm<Input, unknown, Output>({
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
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const rooms = (refs.rooms.data?.items ?? []).filter((r) => !r.archived);
  return (
    <ServerForm
      form={form}
      fields={[
        'name',
        'durationMinutes',
        'bufferBeforeMinutes',
        'bufferAfterMinutes',
        'priceCents',
        'requiredEquipment',
        'therapistIds',
        'roomIds',
      ]}
      onSave={async (values) =>
        onSaved(
          service
            ? await scheduling.updateService(clinic.id, service.id, values)
            : await scheduling.createService(clinic.id, values),
        )
      }
      submitLabel={service ? 'Save service' : 'Add service'}
      onCancel={onCancel}
    >
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
    </ServerForm>
  );
}
