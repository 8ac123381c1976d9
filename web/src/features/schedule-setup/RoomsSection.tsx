import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { roomInput } from '../../../../src/modules/scheduling/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { type Room, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert, EmptyState } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { TagsInput } from './inputs.tsx';

type Input = z.input<typeof roomInput>;
type Output = z.output<typeof roomInput>;

export function RoomsSection({ refs, onDone }: { refs: ScheduleRefs; onDone: (message: string) => void }) {
  const clinic = useClinic();
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const locations = refs.locations.data?.items ?? [];
  const rooms = (refs.rooms.data?.items ?? []).filter((r) => !r.archived);
  return (
    <section aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">Rooms</h2>
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
                <li key={r.id} className="card setup-item">
                  <div>
                    <strong>{r.name}</strong>
                    <p>
                      {r.equipment.length ? (
                        r.equipment.map((tag) => (
                          <span key={tag} className="tag">
                            {tag}
                          </span>
                        ))
                      ) : (
                        <span className="muted">No equipment tags</span>
                      )}
                    </p>
                  </div>
                  <div className="action-bar">
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={`Edit ${r.name}`}
                      onClick={() => setEditing(r)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-danger-quiet"
                      aria-label={`Archive ${r.name}`}
                      onClick={async () => {
                        try {
                          await scheduling.archiveRoom(clinic.id, r.id);
                          onDone(`${r.name} is archived.`);
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
          </div>
        );
      })}
      {editing ? (
        <div className="card">
          <h3>{editing === 'new' ? 'New room' : `Edit ${editing.name}`}</h3>
          <RoomForm
            key={editing === 'new' ? 'new' : editing.id}
            room={editing === 'new' ? undefined : editing}
            refs={refs}
            onCancel={() => setEditing(null)}
            onSaved={(r) => {
              setEditing(null);
              onDone(`${r.name} is saved.`);
            }}
          />
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add a room
        </button>
      )}
    </section>
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
  const [formError, setFormError] = useState<string | null>(null);
  const locations = refs.locations.data?.items ?? [];
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(roomInput),
    defaultValues: {
      locationId: room?.locationId ?? locations[0]?.id ?? '',
      name: room?.name ?? '',
      equipment: room?.equipment ?? [],
      sortOrder: room?.sortOrder ?? refs.rooms.data?.items.length ?? 0,
    },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      onSaved(
        room
          ? await scheduling.updateRoom(clinic.id, room.id, values)
          : await scheduling.createRoom(clinic.id, values),
      );
    } catch (error) {
      setFormError(applyApiError(error, setError, ['locationId', 'name', 'equipment', 'sortOrder']));
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
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
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {room ? 'Save room' : 'Add room'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
