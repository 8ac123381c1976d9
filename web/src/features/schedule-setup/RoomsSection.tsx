import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { roomInput } from '../../../../src/modules/scheduling/schemas.ts';
import { type Room, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { EmptyState } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { TagsInput } from './inputs.tsx';
import { SetupEditor, SetupItem, SetupSection } from './scaffolding.tsx';
import { equipmentLabel } from './text.ts';

type Input = z.input<typeof roomInput>;
type Output = z.output<typeof roomInput>;

export function RoomsSection({ refs, onDone }: { refs: ScheduleRefs; onDone: (message: string) => void }) {
  const clinic = useClinic();
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const locations = refs.locations.data?.items ?? [];
  const rooms = (refs.rooms.data?.items ?? []).filter((r) => !r.archived);
  return (
    <SetupSection id="rooms" title="Rooms">
      {rooms.length === 0 ? (
        <EmptyState title="No rooms yet">Add the treatment rooms (tables) of each location.</EmptyState>
      ) : null}
      {locations.map((location) => {
        const here = rooms.filter((r) => r.locationId === location.id);
        if (here.length === 0) return null;
        return (
          <div key={location.id}>
            <h3>{location.name}</h3>
            <ul className="setup-list">
              {here.map((r) => (
                <SetupItem
                  key={r.id}
                  name={r.name}
                  onEdit={() => setEditing(r)}
                  archive={() => scheduling.archiveRoom(clinic.id, r.id)}
                  archivedMessage={`${r.name} is archived.`}
                  onDone={onDone}
                >
                  <strong>{r.name}</strong>
                  <p>
                    {r.equipment.length ? (
                      r.equipment.map((tag) => (
                        <span key={tag} className="tag">
                          {equipmentLabel(tag)}
                        </span>
                      ))
                    ) : (
                      <span className="muted">No equipment tags</span>
                    )}
                  </p>
                </SetupItem>
              ))}
            </ul>
          </div>
        );
      })}
      <SetupEditor
        editing={editing}
        noun="room"
        onAdd={() => setEditing('new')}
        onClose={() => setEditing(null)}
        onDone={onDone}
      >
        {(room, actions) => <RoomForm room={room} refs={refs} {...actions} />}
      </SetupEditor>
    </SetupSection>
  );
}

function RoomForm({
  room,
  refs,
  onSaved,
  onCancel,
}: {
  room?: Room;
  refs: ScheduleRefs;
  onSaved: (r: Room) => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  const locations = refs.locations.data?.items ?? [];
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(roomInput),
    defaultValues: {
      locationId: room?.locationId ?? locations[0]?.id ?? '',
      name: room?.name ?? '',
      equipment: room?.equipment ?? [],
      sortOrder: room?.sortOrder ?? refs.rooms.data?.items.length ?? 0,
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  return (
    <ServerForm
      form={form}
      fields={['locationId', 'name', 'equipment', 'sortOrder']}
      onSave={async (values) =>
        onSaved(
          room
            ? await scheduling.updateRoom(clinic.id, room.id, values)
            : await scheduling.createRoom(clinic.id, values),
        )
      }
      submitLabel={room ? 'Save room' : 'Add room'}
      onCancel={onCancel}
    >
      <div className="field-grid">
        <Field label="Room name" error={errors.name?.message}>
          {(p) => <input {...p} {...register('name')} />}
        </Field>
        <Field label="Location" error={errors.locationId?.message}>
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
      </div>
      <Controller
        control={control}
        name="equipment"
        render={({ field, fieldState }) => (
          <TagsInput
            label="Equipment"
            hint="Separated by commas, e.g. hydraulic-table, hot-packs"
            field={field}
            error={fieldState.error?.message}
          />
        )}
      />
    </ServerForm>
  );
}
