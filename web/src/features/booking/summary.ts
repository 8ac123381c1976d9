import type { PublicService, Slot } from '../../api/scheduling.ts';
import { formatTimeRange } from '../../components/format.ts';
import { serviceLabel } from '../calendar/refs.ts';
import { zoneLabel } from '../calendar/time.ts';

/**
 * What the confirm step says is about to be booked, in words: the session with its length said once
 * ("Medical massage follow-up, 60 min", "Hot stone (90 min)"), the day and time in the clinic's zone, and who.
 */
export function bookingSummary(
  service: Pick<PublicService, 'name' | 'durationMinutes'>,
  slot: Pick<Slot, 'start' | 'end'>,
  zone: string,
  therapistName: string | undefined,
) {
  return {
    session: serviceLabel(service),
    when: formatTimeRange(slot.start, slot.end, zone, true),
    zone: zoneLabel(zone, slot.start),
    with: therapistName ?? 'Your therapist',
  };
}
