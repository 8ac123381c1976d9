import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { AppointmentsInTimeOff } from '../../api/scheduling.ts';
import { formatTimeRange } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { bookedHeadline, calendarLink } from './text.ts';

const STATUS_NOTES: Partial<Record<string, string>> = {
  confirmed: 'confirmed',
  checked_in: 'checked in',
};

/**
 * The booked patients inside a time off or holiday, each a link to their appointment in the calendar. Before
 * saving (`onSaveAnyway`) it asks whether to save anyway; after, it reminds the desk who still has to be moved.
 * It takes the focus when it appears, so the keyboard lands on it.
 */
export function BookedInTimeOff({
  found,
  kind,
  timeZone,
  saved,
  busy = false,
  error = null,
  onSaveAnyway,
  onDismiss,
}: {
  found: AppointmentsInTimeOff;
  kind: 'time_off' | 'holiday';
  timeZone: string;
  saved: boolean;
  busy?: boolean;
  /** Why saving anyway failed. */
  error?: string | null;
  onSaveAnyway?: () => void;
  onDismiss: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const label = kind === 'holiday' ? 'holiday' : 'time off';
  const more = found.total - found.appointments.length;
  return (
    <div
      className={`alert ${saved ? 'alert-info' : 'alert-warning'} booked-in-time-off`}
      role={saved ? 'status' : 'alert'}
    >
      <h4 className="alert-title" tabIndex={-1} ref={heading}>
        {saved
          ? `The ${label} is saved: ${found.total === 1 ? '1 appointment is' : `${found.total} appointments are`} still booked in it`
          : bookedHeadline(found.total, kind)}
      </h4>
      <p>
        {saved
          ? 'Their appointments were kept. Move or cancel them in the calendar, and let the patients know.'
          : `Saving keeps their appointments: nothing is cancelled. Move or cancel them in the calendar, before or after saving the ${label}.`}
      </p>
      <ul className="booked-list">
        {found.appointments.map((a) => (
          <li key={a.id}>
            <Link to={calendarLink(a.id, a.start, timeZone)}>
              {formatTimeRange(a.start, a.end, timeZone, true)}
            </Link>{' '}
            {a.patientName ?? 'A patient'}
            {STATUS_NOTES[a.status] ? <span className="muted"> ({STATUS_NOTES[a.status]})</span> : null}
          </li>
        ))}
      </ul>
      {more > 0 ? <p>…and {more} more, in the calendar.</p> : null}
      <Alert>{error}</Alert>
      <div className="form-actions">
        {onSaveAnyway ? (
          <button type="button" className="button" disabled={busy} onClick={onSaveAnyway}>
            {busy ? 'Saving…' : `Save ${label} anyway`}
          </button>
        ) : null}
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          {saved ? 'Done' : 'Change it'}
        </button>
      </div>
    </div>
  );
}
