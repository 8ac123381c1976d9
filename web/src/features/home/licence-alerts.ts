import type { LicenceAlert } from '../../../../src/modules/credentials/schemas.ts';
import { formatDay } from '../../components/format.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * One alert in plain words: "Sam Ortiz — Certified Massage Therapist (CMT) expired 11 days ago (Nov 17, 2026);
 * 3 appointments are booked with them after that date."
 */
export function licenceAlertText(alert: LicenceAlert): string {
  const day = formatDay;
  const { daysToExpiry: d } = alert;
  const when =
    d < 0
      ? `expired ${plural(-d, 'day', 'days')} ago (${day(alert.expiresOn)})`
      : d === 0
        ? `expires today (${day(alert.expiresOn)})`
        : `expires in ${plural(d, 'day', 'days')} (${day(alert.expiresOn)})`;
  const n = alert.appointmentsAfterExpiry;
  const booked =
    n === 0
      ? 'no appointment is booked with them after that date'
      : `${plural(n, 'appointment is', 'appointments are')} booked with them after that date`;
  return `${alert.therapistName} — ${alert.title} ${when}; ${booked}.`;
}
