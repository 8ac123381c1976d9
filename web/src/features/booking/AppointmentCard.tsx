import { useId, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { type Appointment, scheduling } from '../../api/scheduling.ts';
import { Field } from '../../components/Field.tsx';
import { formatTimeRange } from '../../components/format.ts';
import { CancellationNote } from '../calendar/CancellationNote.tsx';
import { STATUS_LABELS } from '../calendar/refs.ts';
import { ChangeTime } from './ChangeTime.tsx';
import { SiteAddress } from './SiteAddress.tsx';

/** One of the patient's coming appointments, with what they can do to it (confirm, move, cancel, ask earlier). */
export function AppointmentCard({
  appointment: a,
  zone,
  nameOf,
  clinicId,
  asking,
  onEarlier,
  onChanged,
}: {
  appointment: Appointment;
  zone: string;
  nameOf: (therapistId: string) => string | undefined;
  clinicId: string;
  /** The "Ask for an earlier time" form is open under this card: its buttons wait. */
  asking: boolean;
  onEarlier: () => void;
  onChanged: (message: string) => void;
}) {
  const [open, setOpen] = useState<'move' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const live = a.status === 'booked' || a.status === 'confirmed';
  const therapist = nameOf(a.therapistId);
  // Each appointment repeats the same buttons: they are described by the appointment's time.
  const headingId = useId();
  return (
    <>
      <h3 id={headingId}>{formatTimeRange(a.start, a.end, zone, true)}</h3>
      <p>
        {a.serviceName}
        {therapist ? ` with ${therapist}` : ''}.{' '}
        <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
      </p>
      <p>
        <SiteAddress location={a.location} />
      </p>
      {live && !open && !asking ? (
        <div className="action-bar">
          {a.status === 'booked' ? (
            <button
              type="button"
              className="button"
              aria-describedby={headingId}
              onClick={async () => {
                try {
                  await scheduling.transition(clinicId, a.id, 'confirm');
                  onChanged('Thank you, your appointment is confirmed.');
                } catch (e) {
                  onChanged(messageOf(e));
                }
              }}
            >
              Confirm I’m coming
            </button>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            aria-describedby={headingId}
            onClick={() => setOpen('move')}
          >
            Change the time
          </button>
          <button
            type="button"
            className="button button-secondary"
            aria-describedby={headingId}
            onClick={onEarlier}
          >
            Ask for an earlier time
          </button>
          <button
            type="button"
            className="button button-danger-quiet"
            aria-describedby={headingId}
            onClick={() => setOpen('cancel')}
          >
            Cancel…
          </button>
        </div>
      ) : null}
      {open === 'move' ? (
        <ChangeTime
          clinicId={clinicId}
          zone={zone}
          appointment={a}
          nameOf={nameOf}
          onClose={() => setOpen(null)}
          onMoved={(moved) =>
            onChanged(`Your appointment is moved to ${formatTimeRange(moved.start, moved.end, zone, true)}.`)
          }
        />
      ) : null}
      {open === 'cancel' ? (
        <form
          className="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!reason.trim()) return setError('Give a reason');
            try {
              const u = await scheduling.cancel(clinicId, a.id, { reason: reason.trim() });
              onChanged(
                u.cancelledLate
                  ? 'Your appointment is cancelled (late cancellation).'
                  : 'Your appointment is cancelled.',
              );
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          <CancellationNote clinicId={clinicId} start={a.start} />
          <Field label="Why are you cancelling? (required)" error={error}>
            {(p) => (
              <input
                {...p}
                value={reason}
                maxLength={500}
                required
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-danger">
              Cancel appointment
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(null)}>
              Keep it
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
