import { type Interval, mergeTwo, sortAndMerge, subtract } from './intervals.ts';
import { formatMinutes, MINUTE_MS, minutesOf, type Stamp, toIso, type ZoneClock } from './time.ts';
import type {
  ExtraHoursException,
  LocalDate,
  LocalTime,
  Therapist,
  TimeOffException,
  WeeklyBreak,
  WeeklyHours,
} from './types.ts';

/**
 * The luxon-resolved local start of a working window. Inside a window whose start and end have the same
 * UTC offset (checked with luxon), local wall time advances exactly with elapsed time, so the local time
 * of any instant in it is `anchor + elapsed`. Windows that contain a DST transition (`constant: false`)
 * are formatted per slot by luxon instead.
 */
export interface Anchor {
  ms: number;
  date: LocalDate;
  minuteOfDay: number;
  offsetLabel: string;
  constant: boolean;
}

/** A stretch of time a therapist works at one location. */
export interface Window extends Interval {
  locationId: string;
  anchor: Anchor;
}

/** A therapist's schedule indexed for fast per-date lookups. Built once per query. */
export interface TherapistPlan {
  therapist: Therapist;
  /** Index = ISO weekday (1–7). */
  weekly: WeeklyHours[][];
  breaks: WeeklyBreak[][];
  holidays: Set<LocalDate>;
  extra: Map<LocalDate, ExtraHoursException[]>;
  timeOff: TimeOffException[];
}

export function planTherapist(therapist: Therapist): TherapistPlan {
  const weekly: WeeklyHours[][] = [[], [], [], [], [], [], [], []];
  const breaks: WeeklyBreak[][] = [[], [], [], [], [], [], [], []];
  for (const h of therapist.weeklyHours) weekly[h.weekday]?.push(h);
  for (const b of therapist.breaks) breaks[b.weekday]?.push(b);
  const plan: TherapistPlan = {
    therapist,
    weekly,
    breaks,
    holidays: new Set(),
    extra: new Map(),
    timeOff: [],
  };
  for (const e of therapist.exceptions) {
    if (e.kind === 'holiday') plan.holidays.add(e.date);
    else if (e.kind === 'timeOff') plan.timeOff.push(e);
    else {
      const list = plan.extra.get(e.date);
      if (list) list.push(e);
      else plan.extra.set(e.date, [e]);
    }
  }
  return plan;
}

/** `[date start, end)`; an end at or before the start means the interval runs into the next day. */
export function localInterval(clock: ZoneClock, date: LocalDate, start: LocalTime, end: LocalTime) {
  const from = clock.at(date, start);
  const endDate = minutesOf(end) <= minutesOf(start) ? clock.addDays(date, 1) : date;
  return { from, to: clock.at(endDate, end) };
}

function makeWindow(clock: ZoneClock, date: LocalDate, start: LocalTime, end: LocalTime, locationId: string) {
  const { from, to } = localInterval(clock, date, start, end);
  const anchor: Anchor = {
    ms: from.ms,
    date: from.date,
    minuteOfDay: from.minuteOfDay,
    offsetLabel: from.offsetLabel,
    constant: from.offset === to.offset,
  };
  return { start: from.ms, end: to.ms, locationId, anchor };
}

/**
 * Regular weekly hours (skipped on holidays / clinic closed dates) plus extra hours, for each date in
 * `dates`, optionally restricted to one location. Sorted by start; touching windows at the same location
 * are merged so a treatment may span them.
 */
export function workingWindows(
  plan: TherapistPlan,
  dates: readonly LocalDate[],
  clock: ZoneClock,
  closedDates: ReadonlySet<LocalDate>,
  locationId?: string,
): Window[] {
  const raw: Window[] = [];
  for (const date of dates) {
    if (!plan.holidays.has(date) && !closedDates.has(date)) {
      for (const h of plan.weekly[clock.weekday(date)] ?? []) {
        if (locationId === undefined || h.locationId === locationId) {
          raw.push(makeWindow(clock, date, h.start, h.end, h.locationId));
        }
      }
    }
    for (const e of plan.extra.get(date) ?? []) {
      if (locationId === undefined || e.locationId === locationId) {
        raw.push(makeWindow(clock, date, e.start, e.end, e.locationId));
      }
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const out: Window[] = [];
  for (const w of raw) {
    if (w.end <= w.start) continue;
    const prev = out[out.length - 1];
    if (prev && prev.locationId === w.locationId && w.start <= prev.end) {
      if (w.end > prev.end) {
        const anchor = { ...prev.anchor, constant: prev.anchor.constant && w.anchor.constant };
        out[out.length - 1] = { ...prev, end: w.end, anchor };
      }
    } else {
      out.push(w);
    }
  }
  return out;
}

/** Breaks on each date plus every time-off range, as a sorted merged list. */
export function unavailableTimes(
  plan: TherapistPlan,
  dates: readonly LocalDate[],
  clock: ZoneClock,
): Interval[] {
  const list: Interval[] = [];
  for (const date of dates) {
    for (const b of plan.breaks[clock.weekday(date)] ?? []) {
      const { from, to } = localInterval(clock, date, b.start, b.end);
      list.push({ start: from.ms, end: to.ms });
    }
  }
  for (const t of plan.timeOff) list.push(timeOffInterval(clock, t));
  return sortAndMerge(list);
}

/** A time off on the timeline: from its start (midnight without a time) to its end (its last day's end without one). */
export function timeOffInterval(clock: ZoneClock, t: TimeOffException): Interval {
  const from = clock.at(t.startDate, t.startTime ?? '00:00');
  const to = clock.at(t.endDate, t.endTime ?? '24:00');
  return { start: from.ms, end: to.ms };
}

export function sliceWindow(w: Window, start: number, end: number): Window {
  return { start, end, locationId: w.locationId, anchor: w.anchor };
}

/** Working windows minus breaks, time off and (optionally) the therapist's own busy intervals. */
export function availableWindows(
  plan: TherapistPlan,
  dates: readonly LocalDate[],
  clock: ZoneClock,
  closedDates: ReadonlySet<LocalDate>,
  busy: readonly Interval[],
  locationId?: string,
): Window[] {
  const windows = workingWindows(plan, dates, clock, closedDates, locationId);
  if (windows.length === 0) return windows;
  const off = unavailableTimes(plan, dates, clock);
  const blocked = busy.length === 0 ? off : off.length === 0 ? busy : mergeTwo(off, busy);
  return subtract(windows, blocked, sliceWindow);
}

/** Local fields for an instant inside a window: anchor arithmetic when the offset is constant, else luxon. */
export function stampIn(anchor: Anchor, ms: number, clock: ZoneClock): Stamp {
  if (!anchor.constant) return clock.stamp(ms);
  const minutes = anchor.minuteOfDay + Math.floor((ms - anchor.ms) / MINUTE_MS);
  const days = Math.floor(minutes / 1440);
  const localDate = days === 0 ? anchor.date : clock.addDays(anchor.date, days);
  const localTime = formatMinutes(minutes);
  return {
    start: toIso(ms),
    localDate,
    localTime,
    localStart: `${localDate}T${localTime}:00${anchor.offsetLabel}`,
  };
}
