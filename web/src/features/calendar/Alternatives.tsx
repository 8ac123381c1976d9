import type { Alternatives as AlternativesData, Slot } from '../../api/scheduling.ts';
import { dateTimeLabel } from './time.ts';

/**
 * The nearest free times after a refused booking or move, as buttons to pick instead. `reason` is the server's
 * own word on why the time was refused (taken, outside the working hours, in the past…), shown first.
 */
export function Alternatives({
  alternatives,
  timeZone,
  nameOf,
  onPick,
  busy,
  reason,
  // Without the server's reason, a 409 says only that the time is not free: booked meanwhile, or (first
  // available) no therapist free then.
  message = reason
    ? 'Pick one of the nearest free times instead:'
    : 'That time is not free. These are the nearest free times:',
}: {
  alternatives: AlternativesData;
  timeZone: string;
  nameOf?: (therapistId: string) => string | undefined;
  onPick: (slot: Slot) => void;
  busy?: boolean;
  reason?: string;
  message?: string;
}) {
  const slots = [...alternatives.before, ...alternatives.after];
  return (
    <div className="alternatives alert alert-warning" role="alert">
      {reason ? <p className="alternatives-reason">{reason}</p> : null}
      <p>
        {slots.length > 0
          ? message
          : reason
            ? 'No other time is free nearby.'
            : 'That time is not free, and no other time is free nearby.'}
      </p>
      {slots.length > 0 ? (
        <ul className="alternative-list">
          {slots.map((slot) => {
            const who = nameOf?.(slot.therapistId);
            return (
              <li key={`${slot.start}-${slot.therapistId}`}>
                <button
                  type="button"
                  className="button button-secondary alternative"
                  disabled={busy}
                  onClick={() => onPick(slot)}
                >
                  {dateTimeLabel(slot.start, timeZone)}
                  {who ? ` with ${who}` : ''}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
