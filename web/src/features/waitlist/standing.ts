import type { WaitlistItem } from '../../api/waitlist.ts';
import { formatWeekdayTime } from '../../components/format.ts';

/** The desk's word for where an entry stands: the entry's status, its latest offer, and its date window. */
export function standing(
  item: WaitlistItem,
  today: string,
  zone: string,
): { label: string; tone: 'info' | 'success' | 'warning' | 'muted'; detail?: string } {
  const offer = item.latestOffer;
  if (item.status === 'fulfilled') return { label: 'Booked', tone: 'success' };
  if (item.status === 'cancelled') return { label: 'Cancelled', tone: 'muted' };
  if (offer?.status === 'open')
    return {
      label: 'Offered',
      tone: 'info',
      detail: `${formatWeekdayTime(offer.start, zone)}, open until ${formatWeekdayTime(offer.expiresAt, zone)}`,
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
