import { DateTime, IANAZone } from 'luxon';
import { toIso } from './instant.ts';
import type { Instant, LocalDate, LocalTime, Weekday } from './types.ts';

export { parseInstant, toIso } from './instant.ts';

export const MINUTE_MS = 60_000;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function assertLocalTime(value: LocalTime, label = 'time'): void {
  if (!TIME_RE.test(value)) throw new RangeError(`${label}: expected HH:mm, got "${value}"`);
}

/** Minutes since local midnight of an `HH:mm` string (`24:00` → 1440). */
export function minutesOf(value: LocalTime): number {
  assertLocalTime(value);
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

/** A resolved local wall-clock moment: where it falls on the timeline and how it reads locally. */
export interface LocalPoint {
  ms: number;
  /** Actual local date/time of `ms` (after gap shifting): 02:30 in a spring-forward gap reads 03:30. */
  date: LocalDate;
  minuteOfDay: number;
  /** UTC offset in minutes at `ms`, from luxon. */
  offset: number;
  /** `+05:30` style label, from luxon. */
  offsetLabel: string;
}

/** Human-facing fields of a start instant. */
export interface Stamp {
  start: Instant;
  localDate: LocalDate;
  localTime: LocalTime;
  localStart: string;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `HH:mm` for a minute of day; values ≥ 1440 wrap (callers move the date). */
export function formatMinutes(minuteOfDay: number): LocalTime {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

interface DayInfo {
  /** Midnight (start of the local date) in the clinic zone, resolved by luxon. */
  midnight: DateTime;
  /** Luxon confirmed: starts at 00:00, lasts 24 h, same offset at both midnights — no DST change. */
  plain: boolean;
  offsetLabel: string;
}

const DAY_MS = 86_400_000;

/**
 * All zone math for one query, delegated to luxon and memoised (luxon calls cost several microseconds,
 * and the same local dates/times recur for every therapist).
 *
 * Per local date, luxon resolves midnight and the next midnight. On a plain day (both at 00:00, 24 h
 * apart, same offset) wall-clock time advances exactly with elapsed time, so `date time` is midnight plus
 * the elapsed minutes. On any other day (DST change, or a zone whose midnight is skipped) every local
 * time is resolved by luxon individually.
 *
 * DST resolution (pinned by tests): a local time inside a spring-forward gap is moved forward by the gap
 * (02:30 → 03:30); an ambiguous local time in a fall-back overlap resolves to the EARLIER occurrence.
 * Times are resolved with luxon's `set()` from the day's midnight, never `DateTime.fromObject`, whose
 * ambiguity resolution guesses from the current system date and would make results depend on the clock.
 */
export class ZoneClock {
  readonly zone: string;
  private readonly points = new Map<string, LocalPoint>();
  private readonly calendar = new Map<LocalDate, DateTime>();
  private readonly midnights = new Map<LocalDate, DateTime>();
  private readonly dates = new Map<string, LocalDate>();
  private readonly days = new Map<LocalDate, DayInfo>();

  constructor(zone: string) {
    if (!IANAZone.create(zone).isValid) throw new RangeError(`unknown IANA time zone "${zone}"`);
    this.zone = zone;
  }

  /** The date as a calendar value (UTC-based luxon date: weekday and day arithmetic need no zone). */
  private cal(date: LocalDate): DateTime {
    let dt = this.calendar.get(date);
    if (dt === undefined) {
      dt = DATE_RE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('format');
      if (!dt.isValid) throw new RangeError(`expected a local date YYYY-MM-DD, got "${date}"`);
      this.calendar.set(date, dt);
    }
    return dt;
  }

  private midnight(date: LocalDate): DateTime {
    let dt = this.midnights.get(date);
    if (dt === undefined) {
      const c = this.cal(date);
      dt = DateTime.fromObject({ year: c.year, month: c.month, day: c.day }, { zone: this.zone });
      this.midnights.set(date, dt);
    }
    return dt;
  }

  private day(date: LocalDate): DayInfo {
    let info = this.days.get(date);
    if (info === undefined) {
      const midnight = this.midnight(date);
      const next = this.midnight(this.addDays(date, 1));
      const plain =
        midnight.hour === 0 &&
        midnight.minute === 0 &&
        next.toMillis() - midnight.toMillis() === DAY_MS &&
        next.offset === midnight.offset;
      info = { midnight, plain, offsetLabel: midnight.toFormat('ZZ') };
      this.days.set(date, info);
    }
    return info;
  }

  /** Validates a local date string (throws RangeError). */
  assertDate(date: LocalDate): void {
    this.cal(date);
  }

  weekday(date: LocalDate): Weekday {
    return this.cal(date).weekday as Weekday;
  }

  addDays(date: LocalDate, days: number): LocalDate {
    const key = `${date}|${days}`;
    let out = this.dates.get(key);
    if (out === undefined) {
      out = this.cal(date).plus({ days }).toISODate()!;
      this.dates.set(key, out);
    }
    return out;
  }

  /** Whole days from `a` to `b` (calendar days, DST-independent). */
  daysBetween(a: LocalDate, b: LocalDate): number {
    return Math.round(this.cal(b).diff(this.cal(a), 'days').days);
  }

  /** The instant at which local `date` `time` occurs (`24:00` = next day's midnight). */
  at(date: LocalDate, time: LocalTime): LocalPoint {
    const key = `${date}T${time}`;
    let point = this.points.get(key);
    if (point === undefined) {
      let minutes = minutesOf(time);
      let day = this.day(date);
      if (minutes === 1440) {
        day = this.day(this.addDays(date, 1));
        minutes = 0;
      }
      if (day.plain) {
        point = {
          ms: day.midnight.toMillis() + minutes * MINUTE_MS,
          date: day.midnight.toISODate()!,
          minuteOfDay: minutes,
          offset: day.midnight.offset,
          offsetLabel: day.offsetLabel,
        };
      } else {
        const dt = day.midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
        point = {
          ms: dt.toMillis(),
          date: dt.toISODate()!,
          minuteOfDay: dt.hour * 60 + dt.minute,
          offset: dt.offset,
          offsetLabel: dt.toFormat('ZZ'),
        };
      }
      this.points.set(key, point);
    }
    return point;
  }

  /** Local date on which an instant falls. */
  dateOf(ms: number): LocalDate {
    return DateTime.fromMillis(ms, { zone: this.zone }).toISODate()!;
  }

  /** Full luxon formatting of an instant (the slow, always-correct path). */
  stamp(ms: number): Stamp {
    const dt = DateTime.fromMillis(ms, { zone: this.zone });
    const localTime = dt.toFormat('HH:mm');
    const localDate = dt.toISODate()!;
    return {
      start: toIso(ms),
      localDate,
      localTime,
      localStart: `${localDate}T${localTime}:00${dt.toFormat('ZZ')}`,
    };
  }
}
