import type { Appointment } from '../../api/scheduling.ts';
import { firstVisitNote } from './desk.ts';

/** For the front desk: the patient's first visit at the clinic, with a warning when booked as a follow-up. */
export function FirstVisitMark({ appointment }: { appointment: Appointment }) {
  const note = firstVisitNote(appointment);
  if (!note) return null;
  return (
    <span
      className={`badge ${note.warning ? 'badge-warning' : 'badge-info'} first-visit-mark`}
      title={note.description}
    >
      {note.label}
      <span className="visually-hidden">: {note.description}</span>
    </span>
  );
}
