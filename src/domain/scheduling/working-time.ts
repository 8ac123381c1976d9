import { localInterval, planTherapist, timeOffInterval, workingWindows } from './hours.ts';
import type { Interval } from './intervals.ts';
import { toIso, ZoneClock } from './time.ts';
import { removedTime, type Span } from './time-off.ts';
import type { LocalDate, Therapist } from './types.ts';

/** A stretch a therapist works at one location (weekly or extra hours; touching windows merged). */
export interface WorkingSpan extends Span {
  locationId: string;
}

/** Time inside or around the working hours that cannot be booked, and why. */
export interface AwaySpan extends Span {
  kind: 'break' | 'time_off' | 'holiday';
}

export interface WorkingTime {
  working: WorkingSpan[];
  away: AwaySpan[];
}

/**
 * A therapist's working time over local dates `[fromDate, toDate)`, for a calendar to shade what cannot be
 * booked: the working windows the engine uses (holidays and clinic closed dates remove the weekly hours, extra
 * hours add to them), and the breaks, time off and holidays that take time from them, each named. Spans are
 * clipped to the range and sorted by start. A start inside a working span and outside every away span is what
 * `checkBooking` calls working time (buffers, other appointments and rooms aside).
 */
export function workingTime(
  therapist: Therapist,
  range: { fromDate: LocalDate; toDate: LocalDate; timeZone: string; closedDates?: readonly LocalDate[] },
): WorkingTime {
  const clock = new ZoneClock(range.timeZone);
  clock.assertDate(range.fromDate);
  clock.assertDate(range.toDate);
  const from = clock.at(range.fromDate, '00:00').ms;
  const to = clock.at(range.toDate, '00:00').ms;
  // The day before too: a window or break that starts then may run past midnight into the range.
  const dates: LocalDate[] = [];
  for (let date = clock.addDays(range.fromDate, -1); date < range.toDate; date = clock.addDays(date, 1)) {
    dates.push(date);
  }
  const plan = planTherapist(therapist);
  const closed = new Set(range.closedDates ?? []);
  const clip = (iv: Interval): Interval | null => {
    const start = Math.max(iv.start, from);
    const end = Math.min(iv.end, to);
    return end > start ? { start, end } : null;
  };
  const span = (iv: Interval) => ({ start: toIso(iv.start), end: toIso(iv.end) });

  const working: WorkingSpan[] = [];
  for (const window of workingWindows(plan, dates, clock, closed)) {
    const clipped = clip(window);
    if (clipped) working.push({ ...span(clipped), locationId: window.locationId });
  }

  const away: (Interval & { kind: AwaySpan['kind'] })[] = [];
  const add = (iv: Interval, kind: AwaySpan['kind']) => {
    const clipped = clip(iv);
    if (clipped) away.push({ ...clipped, kind });
  };
  for (const date of dates) {
    for (const b of plan.breaks[clock.weekday(date)] ?? []) {
      const { from: start, to: end } = localInterval(clock, date, b.start, b.end);
      add({ start: start.ms, end: end.ms }, 'break');
    }
    if (plan.holidays.has(date) || closed.has(date)) {
      for (const s of removedTime({ kind: 'holiday', date }, range.timeZone, plan.extra.get(date))) {
        add({ start: Date.parse(s.start), end: Date.parse(s.end) }, 'holiday');
      }
    }
  }
  for (const t of plan.timeOff) add(timeOffInterval(clock, t), 'time_off');
  away.sort((a, b) => a.start - b.start || a.end - b.end);
  return { working, away: away.map((a) => ({ ...span(a), kind: a.kind })) };
}
