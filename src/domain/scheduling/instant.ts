import type { Instant } from './types.ts';

/**
 * UTC instants: parsing and formatting. This is UTC calendar work only (no time zones, no offsets of
 * the clinic zone); it is hot because every appointment is parsed and every slot is formatted.
 */

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const DAY_MS = 86_400_000;

/** Date.parse accepts day 29–31 in any month (2026-02-30 rolls into March); reject such dates. */
function realDate(value: string): boolean {
  const day = Number(value.slice(8, 10));
  if (day <= 28) return true;
  const daysInMonth = new Date(
    Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)), 0),
  ).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Parses an ISO instant that carries an explicit offset (`Z` or `±hh:mm`). Strings without one are
 * rejected: they would be read in the process's local zone, a hidden input this module refuses.
 */
export function parseInstant(value: Instant, label = 'instant'): number {
  let ms = INSTANT_RE.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isNaN(ms) && !realDate(value)) ms = Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${label}: expected an ISO instant with offset, got "${value}"`);
  return ms;
}

const dayPrefix = new Map<number, string>();

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `toISOString()` output (`2026-03-09T16:00:00.000Z`), with the date part memoised per UTC day. */
export function toIso(ms: number): Instant {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    if (dayPrefix.size > 20_000) dayPrefix.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  const rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor(rest / 60_000) % 60;
  const s = Math.floor(rest / 1000) % 60;
  return `${prefix}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest % 1000, 3)}Z`;
}
