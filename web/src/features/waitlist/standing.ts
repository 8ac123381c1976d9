import type { WaitlistItem } from '../../api/waitlist.ts';
import { formatWeekdayTime } from '../../components/format.ts';

/** What the desk must do about an offer a patient without an e-mail address was not sent. */
const PHONE_THEM = 'No e-mail address on file, so they were not told: phone them about this offer.';

/**
 * The desk's word for where an entry stands: the entry's status, its latest offer, and its date window; with
 * `action` when an open offer needs the desk to phone the patient.
 */
export function standing(
  item: WaitlistItem,
  today: string,
  zone: string,
): { label: string; tone: 'info' | 'success' | 'warning' | 'muted'; detail?: string; action?: string } {
  const offer = item.latestOffer;
  if (item.status === 'fulfilled') return { label: 'Booked', tone: 'success' };
  if (item.status === 'cancelled') return { label: 'Cancelled', tone: 'muted' };
  if (offer?.status === 'open')
    return {
      label: 'Offered',
      tone: 'info',
      detail: `${formatWeekdayTime(offer.start, zone)}, open until ${formatWeekdayTime(offer.expiresAt, zone)}`,
      ...(item.patientEmailOnFile ? {} : { action: PHONE_THEM }),
    };
  if (item.toDate < today) return { label: 'Expired', tone: 'warning', detail: 'Their dates have passed' };
  if (offer?.status === 'expired')
    return {
      label: 'Waiting',
      tone: 'muted',
      detail: `Offer of ${formatWeekdayTime(offer.start, zone)} expired`,
    };
  if (offer?.status === 'taken')
    return {
      label: 'Waiting',
      tone: 'muted',
      detail: `Offer of ${formatWeekdayTime(offer.start, zone)} went to someone else`,
    };
  return { label: 'Waiting', tone: 'muted' };
}
