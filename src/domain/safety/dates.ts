import { DateTime } from 'luxon';

/** A calendar date (UTC midnight), or null when the text is not a valid ISO date. */
export function parseIsoDate(value: string | undefined): DateTime | null {
  if (value === undefined) return null;
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid ? parsed.startOf('day') : null;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.diff(from, 'days').days);
}

/** Whole years of age on `on`. */
export function ageInYears(birth: DateTime, on: DateTime): number {
  return Math.floor(on.diff(birth, 'years').years);
}

export function toIsoDate(date: DateTime): string {
  return date.toISODate() ?? '';
}
