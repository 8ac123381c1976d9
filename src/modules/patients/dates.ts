/** Calendar helpers for patient records. Pure: the caller passes the clock and the clinic's time zone. */

/** The clinic's local calendar date (YYYY-MM-DD) at instant `now`. */
export function localDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The clinic's local date and time at instant `at`, with the zone's abbreviation, as people read it:
 * "Nov 27, 2026, 2:05 PM PST" (the date as `dayText` writes it; a zone without a common abbreviation
 * shows its offset, "GMT+5:30").
 */
export function localDateTimeText(at: Date, timeZone: string): string {
  return `${dayText(localDate(at, timeZone))}, ${clockText(at, timeZone, { timeZoneName: 'short' })}`;
}

/**
 * The same in full, for messages a patient reads away from the app (e-mails): "Friday, November 27, 2026 at
 * 2:05 PM PST". `withYear: false` drops the year ("Friday, November 27 at 2:05 PM PST"); `short` writes the
 * compact form a text message needs ("Fri, Nov 27, 2:05 PM PST").
 */
export function localDateTimeLongText(
  at: Date,
  timeZone: string,
  form: { withYear?: boolean; short?: boolean } = {},
): string {
  const { withYear = true, short = false } = form;
  return clockText(at, timeZone, {
    weekday: short ? 'short' : 'long',
    month: short ? 'short' : 'long',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZoneName: 'short',
  });
}

/** 12-hour clock time with the given date parts; ICU's narrow spaces become plain ones (e-mail and PDF fonts). */
function clockText(at: Date, timeZone: string, parts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', ...parts })
    .format(at)
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** Whole years from `dateOfBirth` to `today` (both YYYY-MM-DD). A 29 February birthday counts from 1 March. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

export const ADULT_AGE = 18;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** A calendar date (YYYY-MM-DD) as people read it, "Nov 21, 2026": the same day in every time zone. */
export function dayText(date: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
