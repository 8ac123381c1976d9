import type { Appointment, Service } from '../../api/scheduling.ts';
import { addDays, laterDate } from '../calendar/time.ts';

type Known = Pick<Appointment, 'serviceId' | 'therapistId' | 'status' | 'localStart'>;

export interface EarlierTimeDefaults {
  serviceId?: string;
  therapistId?: string;
  fromDate: string;
  toDate: string;
}

/** How far ahead a request for an earlier time looks when there is no appointment to bring forward. */
export const EARLIER_TIME_DAYS = 14;

/**
 * What "Ask for an earlier time" starts with. For an appointment: its session and therapist, any day before it.
 * The general request (with anyone): the session of the patient's next appointment, any day before it; or, for
 * a patient who has been seen, a follow-up (the one they last had, if it was one); only someone never seen
 * starts from a new-patient session. `appointments` are the patient's own, past and coming.
 */
export function earlierTimeDefaults(input: {
  appointment: Known | null;
  appointments: Known[];
  services: Pick<Service, 'id' | 'kind'>[];
  today: string;
}): EarlierTimeDefaults {
  const { appointments, services, today } = input;
  const dayOf = (a: Known) => a.localStart.slice(0, 10);
  const before = (a: Known) => laterDate(addDays(dayOf(a), -1), today);
  if (input.appointment) {
    const { serviceId, therapistId } = input.appointment;
    return { serviceId, therapistId, fromDate: today, toDate: before(input.appointment) };
  }
  const next = appointments
    .filter((a) => (a.status === 'booked' || a.status === 'confirmed') && dayOf(a) >= today)
    .sort((a, b) => a.localStart.localeCompare(b.localStart))[0];
  if (next) return { serviceId: next.serviceId, fromDate: today, toDate: before(next) };
  const toDate = addDays(today, EARLIER_TIME_DAYS);
  const kindOf = (serviceId: string) => services.find((s) => s.id === serviceId)?.kind;
  const lastVisit = appointments
    .filter((a) => a.status === 'completed' || a.status === 'checked_in')
    .sort((a, b) => b.localStart.localeCompare(a.localStart))[0];
  if (lastVisit) {
    const followUp =
      kindOf(lastVisit.serviceId) === 'follow_up'
        ? lastVisit.serviceId
        : services.find((s) => s.kind === 'follow_up')?.id;
    return { serviceId: followUp, fromDate: today, toDate };
  }
  return { serviceId: services.find((s) => s.kind === 'new_patient')?.id, fromDate: today, toDate };
}
