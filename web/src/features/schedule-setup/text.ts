import { inZone } from '../calendar/time.ts';

/** What set-up fields show as text and keep as values: dollars and cents, reminder hours, equipment tags. */

export const MORE_THAN_CENTS = 'Use at most two decimals (cents), e.g. 12.35';
export const REMINDER_HOURS_FORMAT = 'Enter hours as numbers separated by commas, e.g. 48, 2';

/** "$1,045.5" → "1045.5": what people type around an amount that is not part of it. */
const amountText = (text: string) => text.replace(/[$,\s]/g, '');

/**
 * Whole cents from dollars as typed ("45", "$1,045.50", "-5", the sign left for the schema to refuse);
 * NaN when it is not an amount or goes below a cent, never rounded: 12.345 is refused, not charged as 12.35.
 */
export function dollarsToCents(text: string): number {
  const match = /^(-?)(\d*)(?:\.(\d{0,2}))?$/.exec(amountText(text));
  if (!match || !/\d/.test(`${match[2]}${match[3] ?? ''}`)) return Number.NaN;
  const [, sign, dollars, cents = ''] = match;
  return (sign ? -1 : 1) * (Number(dollars || 0) * 100 + Number(cents.padEnd(2, '0')));
}

/** Whether an amount as typed has digits below a cent ("12.345"), which `dollarsToCents` refuses. */
export const hasFractionOfCent = (text: string) => /^-?\d*\.\d{3,}$/.test(amountText(text));

/**
 * Reminder hours as typed ("48, 2") in minutes before the start; an entry that is not a number stays NaN for
 * the schema to refuse, and `error` says how to write it.
 */
export function reminderMinutes(text: string): { minutes: number[]; error?: string } {
  const minutes = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (/^\d+(\.\d+)?$/.test(t) ? Math.round(Number(t) * 60) : Number.NaN));
  return minutes.some(Number.isNaN) ? { minutes, error: REMINDER_HOURS_FORMAT } : { minutes };
}

/** An equipment tag as people read it: "hydraulic-table" → "Hydraulic table". */
export function equipmentLabel(tag: string): string {
  const words = tag.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "3 booked appointments fall in this time off", "1 booked appointment falls on this holiday". */
export function bookedHeadline(total: number, kind: 'time_off' | 'holiday'): string {
  const where = kind === 'holiday' ? 'on this holiday' : 'in this time off';
  return total === 1 ? `1 booked appointment falls ${where}` : `${total} booked appointments fall ${where}`;
}

/** The calendar on the appointment's day in the clinic's zone, with the appointment open. */
export const calendarLink = (id: string, start: string, timeZone: string) =>
  `/calendar?date=${inZone(start, timeZone).toISODate()}&appointment=${encodeURIComponent(id)}`;

/** A clinic clock time as stored ("13:00", "24:00") as people read it: "1:00 PM", "midnight". */
export function clockTime(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  if (h % 24 === 0 && m === 0) return 'midnight';
  return `${h % 12 || 12}:${String(m).padStart(2, '0')} ${h % 24 < 12 ? 'AM' : 'PM'}`;
}

/**
 * Where a time off starts and ends: its times fall on its first and last days, one stretch between them
 * ("Nov 30, 2026, 1:00 PM to Dec 1, 2026, 5:00 PM"), not the same hours each day.
 */
export function timeOffSpan(
  e: { startDate: string; endDate: string; startTime: string | null; endTime: string | null },
  day: (date: string) => string,
): string {
  const at = (date: string, time: string | null) => (time ? `${day(date)}, ${clockTime(time)}` : day(date));
  if (e.startDate === e.endDate)
    return e.startTime || e.endTime
      ? `${day(e.startDate)}, ${clockTime(e.startTime ?? '00:00')}–${clockTime(e.endTime ?? '24:00')}`
      : day(e.startDate);
  return `${at(e.startDate, e.startTime)} to ${at(e.endDate, e.endTime)}`;
}

/** A separator between a shared name and a location's own ("Harbor — ", "Harbor: ", "Harbor - "). */
const NAME_SEPARATOR = /\s*[—–\-:|·,/]\s+/g;

/**
 * Locations named as a narrow select can tell them apart: each name without the part they all begin with
 * ("Harbor — Little Italy" and "Harbor — North Park" → "Little Italy" and "North Park"). Whole names when they
 * share no such part, or when there is only one.
 */
export function locationChoiceLabels(names: readonly string[]): string[] {
  const [first] = names;
  if (first === undefined || names.length < 2) return [...names];
  let shared = 0;
  for (const match of first.matchAll(NAME_SEPARATOR)) {
    const end = match.index + match[0].length;
    const prefix = first.slice(0, end);
    if (names.every((n) => n.startsWith(prefix) && n.length > end)) shared = end;
  }
  return names.map((n) => n.slice(shared));
}
