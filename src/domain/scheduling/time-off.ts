import { localInterval, timeOffInterval } from './hours.ts';
import { type Interval, sortAndMerge, subtract } from './intervals.ts';
import { toIso, ZoneClock } from './time.ts';
import type { ExtraHoursException, HolidayException, Instant, TimeOffException } from './types.ts';

/** A stretch of the timeline, `[start, end)`, as UTC instants. */
export interface Span {
  start: Instant;
  end: Instant;
}

/**
 * The time a time off or a holiday takes from a therapist, as sorted, non-empty UTC spans: time off overrides
 * everything, so all of it; a holiday takes that date's regular hours, so the whole local date except the extra
 * hours still worked on it (`extraHours` on other dates are ignored). A live appointment of the therapist that
 * overlaps one of the spans no longer has its therapist.
 */
export function removedTime(
  exception: TimeOffException | HolidayException,
  timeZone: string,
  extraHours: readonly ExtraHoursException[] = [],
): Span[] {
  const clock = new ZoneClock(timeZone);
  let spans: Interval[];
  if (exception.kind === 'timeOff') {
    spans = [timeOffInterval(clock, exception)];
  } else {
    const day = { start: clock.at(exception.date, '00:00').ms, end: clock.at(exception.date, '24:00').ms };
    const worked = sortAndMerge(
      extraHours
        .filter((e) => e.date === exception.date)
        .map((e) => {
          const { from, to } = localInterval(clock, e.date, e.start, e.end);
          return { start: from.ms, end: to.ms };
        }),
    );
    spans = subtract([day], worked, (_day, start, end) => ({ start, end }));
  }
  return spans.filter((s) => s.end > s.start).map((s) => ({ start: toIso(s.start), end: toIso(s.end) }));
}

/** Whether `[start, end)` overlaps one of the spans (half-open: touching is not overlapping). */
export function overlapsAny(start: Instant, end: Instant, spans: readonly Span[]): boolean {
  const [s, e] = [Date.parse(start), Date.parse(end)];
  return spans.some((span) => s < Date.parse(span.end) && Date.parse(span.start) < e);
}
