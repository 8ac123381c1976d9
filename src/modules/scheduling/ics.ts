import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

/**
 * iCalendar (RFC 5545) output: events carry DTSTART/DTEND with TZID in the clinic's IANA zone, and the
 * calendar carries a VTIMEZONE built here from luxon's zone data (every offset change in a window of years),
 * so no extra time-zone package is needed.
 */

const fmtLocal = (dt: DateTime) => dt.toFormat("yyyyMMdd'T'HHmmss");
const fmtOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** The exact instant (to the minute) at which the zone's offset changes between `a` and `b` (ms). */
function transitionBetween(zone: string, a: number, b: number): number {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const before = offsetAt(a);
  let lo = a;
  let hi = b;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: 'utc' }).toMillis();
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: 'utc' }).toMillis();
  const component = (at: number, from: number) => {
    const dt = DateTime.fromMillis(at, { zone });
    const kind = dt.isInDST ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART is the local time of the change, read with the offset in force just before it.
    const onset = DateTime.fromMillis(at, { zone: 'utc' }).plus({ minutes: from });
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${fmtLocal(onset)}`,
      `TZOFFSETFROM:${fmtOffset(from)}`,
      `TZOFFSETTO:${fmtOffset(dt.offset)}`,
      `TZNAME:${dt.offsetNameShort ?? fmtOffset(dt.offset)}`,
      `END:${kind}`,
    );
  };
  const first = DateTime.fromMillis(start, { zone }).offset;
  component(start, first);
  const step = 86_400_000;
  for (let t = start; t < end; t += step) {
    const a = DateTime.fromMillis(t, { zone }).offset;
    const b = DateTime.fromMillis(t + step, { zone }).offset;
    if (a !== b) component(transitionBetween(zone, t, t + step), a);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

export interface CalendarEvent {
  id: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  cancelled?: boolean;
  sequence?: number;
}

const CALENDAR_METHODS = {
  publish: ICalCalendarMethod.PUBLISH,
  request: ICalCalendarMethod.REQUEST,
  cancel: ICalCalendarMethod.CANCEL,
} as const;

export function buildCalendar(input: {
  name: string;
  timeZone: string;
  events: CalendarEvent[];
  /** `request` invites (or, with a higher sequence, moves) the event; `cancel` removes it (RFC 5546). */
  method?: 'publish' | 'request' | 'cancel';
  now: Date;
}): string {
  const year = input.now.getUTCFullYear();
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Palpa', product: 'Palpa scheduling', language: 'EN' },
    method: CALENDAR_METHODS[input.method ?? 'publish'],
    timezone: { name: input.timeZone, generator: (zone) => vtimezone(zone, year - 1, year + 2) },
  });
  for (const e of input.events) {
    calendar.createEvent({
      id: `${e.id}@palpa`,
      start: DateTime.fromJSDate(e.start, { zone: input.timeZone }),
      end: DateTime.fromJSDate(e.end, { zone: input.timeZone }),
      timezone: input.timeZone,
      summary: e.summary,
      description: e.description,
      location: e.location,
      sequence: e.sequence ?? 0,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // DTSTAMP must be UTC (RFC 5545 §3.8.7.2); ical-generator writes it in the calendar's zone, so fix it here.
  const stamp = DateTime.fromJSDate(input.now, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return calendar.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${stamp}`);
}
