import { DateTime } from 'luxon';

/** Clinic-zone date and time helpers (luxon): every time on screen is in the clinic's zone, whatever the browser's. */

export const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });

/** "Tue, Mar 10" */
export const dayLabel = (iso: string, zone: string) => inZone(iso, zone).toFormat('ccc, LLL d');
/** "Tuesday, March 10, 2026" */
export const longDayLabel = (iso: string, zone: string) => inZone(iso, zone).toFormat('cccc, LLLL d, yyyy');
/** "10:30 AM" */
export const timeLabel = (iso: string, zone: string) => inZone(iso, zone).toFormat('h:mm a');
/** "Tue, Mar 10, 10:30 AM" */
export const dateTimeLabel = (iso: string, zone: string) => inZone(iso, zone).toFormat('ccc, LLL d, h:mm a');

/** "Pacific Daylight Time (America/Los Angeles)": the zone named for people. */
export function zoneLabel(zone: string, at?: string): string {
  const dt = at ? inZone(at, zone) : DateTime.now().setZone(zone);
  return `${dt.offsetNameLong ?? zone} (${zone.replaceAll('_', ' ')})`;
}

/** Today's local date in the zone, YYYY-MM-DD. */
export const todayIn = (zone: string) => DateTime.now().setZone(zone).toISODate()!;

export const addDays = (date: string, days: number) =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/** Monday of the week containing `date` (YYYY-MM-DD). */
export const weekStart = (date: string) =>
  DateTime.fromISO(date, { zone: 'UTC' }).startOf('week').toISODate()!;

/** A local `YYYY-MM-DDTHH:mm` in the zone as an ISO instant with offset. */
export const localToIso = (local: string, zone: string) =>
  DateTime.fromISO(local, { zone }).toISO({ suppressMilliseconds: true })!;

/** An instant as a local `YYYY-MM-DDTHH:mm` for <input type="datetime-local">. */
export const isoToLocalInput = (iso: string, zone: string) =>
  inZone(iso, zone).toFormat("yyyy-LL-dd'T'HH:mm");

/** The later of two local dates (YYYY-MM-DD compare as strings). */
export const laterDate = (a: string, b: string) => (a > b ? a : b);
