import { addDays, dayText, localDate, localDateTimeText } from '../../../src/modules/patients/dates.ts';

/** Date and time in a clinic's time zone, e.g. "Mar 4, 2026, 9:30 AM". */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  try {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      new Date(iso),
    );
  } catch {
    return new Date(iso).toLocaleString();
  }
}

/**
 * Date and time in a clinic's time zone, named: "Mar 4, 2026, 2:39 PM PST". For what a patient may read away
 * from the clinic, where an unnamed time could be taken for their own zone's.
 */
export function formatDateTimeWithZone(iso: string, timeZone: string): string {
  return localDateTimeText(new Date(iso), timeZone);
}

export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A due date as "Mar 4, 2026", with "(overdue)" once the clinic's `today` is past it. */
export function formatDueDay(date: string, today: string): string {
  return `${formatDay(date)}${date < today ? ' (overdue)' : ''}`;
}

/** A calendar date (`2026-03-04`) as "Mar 4", for a chart's axis. */
export function formatMonthDay(date: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A calendar date (`2026-03-04`) as "Mar 4, 2026", the same in every time zone (as the server writes it). */
export function formatDay(date: string | null | undefined): string {
  return date ? dayText(date) : '—';
}

/** The instant a wall-clock time (`2026-03-04T00:00`) happens in `timeZone`, as an ISO string. */
export function zonedTimeToIso(local: string, timeZone: string): string {
  const asUtc = new Date(`${local}:00Z`);
  const offsetAt = (instant: Date) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    const wall = Date.UTC(
      +parts.year!,
      +parts.month! - 1,
      +parts.day!,
      +parts.hour!,
      +parts.minute!,
      +parts.second!,
    );
    return wall - instant.getTime();
  };
  let instant = new Date(asUtc.getTime() - offsetAt(asUtc));
  instant = new Date(asUtc.getTime() - offsetAt(instant));
  return instant.toISOString();
}

/** A time of day in a clinic's time zone, e.g. "9:30 AM". */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/**
 * A visit's span in a clinic's time zone, the shared parts said once: "10:00 – 11:00 AM", "11:15 AM – 12:00 PM";
 * with `withDay`, "Tue, Dec 1, 2:00 – 2:45 PM".
 */
export function formatTimeRange(startIso: string, endIso: string, timeZone: string, withDay = false): string {
  const options: Intl.DateTimeFormatOptions = {
    ...(withDay ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  };
  const [start, end] = [new Date(startIso), new Date(endIso)];
  const clock = new Intl.DateTimeFormat('en-US', options);
  if (clock.format(start) !== clock.format(end)) return clock.formatRange(start, end);
  // The hour repeated when clocks fall back reads the same at both ends: name each end's offset.
  const named = new Intl.DateTimeFormat('en-US', { ...options, timeZoneName: 'short' });
  return `${named.format(start)} – ${named.format(end)}`;
}

/** Weekday, date and time in a clinic's time zone, e.g. "Thu, Nov 26, 9:30 AM". */
export function formatWeekdayTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** The local date (YYYY-MM-DD) in a time zone at an instant (now by default), as the server computes it. */
export function localDateIn(timeZone: string, at: Date = new Date()): string {
  return localDate(at, timeZone);
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export const plusDays = addDays;
