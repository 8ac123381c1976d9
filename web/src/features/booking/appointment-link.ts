import type { Appointment } from '../../api/scheduling.ts';
import { formatDate, formatTimeRange } from '../../components/format.ts';

/**
 * What to say about the appointment an e-mail link names when it is no longer among the coming ones: that it
 * was moved (its new time, if coming, is highlighted in the list) or cancelled, and on which day, in the
 * clinic's zone. Nothing for an appointment that is still coming.
 */
export function linkedAppointmentNotice(
  a: Pick<Appointment, 'status' | 'start' | 'end' | 'cancelledAt' | 'rescheduledTo'>,
  zone: string,
): string | null {
  if (a.status !== 'cancelled') return null;
  const when = formatTimeRange(a.start, a.end, zone, true);
  const on = a.cancelledAt ? ` on ${formatDate(a.cancelledAt, zone)}` : '';
  return a.rescheduledTo
    ? `This appointment (${when}) was moved to another time${on}.`
    : `This appointment (${when}) was cancelled${on}.`;
}
