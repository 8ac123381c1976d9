import type { WorkingTimeDto } from '../../../../src/modules/scheduling/schemas.ts';

/**
 * What the calendar grid shades and refuses to open a booking on: the past, and for each therapist the time
 * outside their working hours, their breaks, time off and holidays (from the server's working time, which uses
 * the booking engine's rules). A room's column is open while some therapist works at its location.
 */
export type ClosedReason = 'past' | 'time_off' | 'holiday' | 'break' | 'outside_hours' | 'nobody_working';

interface Spans<K> {
  start: number;
  end: number;
  kind: K;
}
interface TherapistTime {
  working: Spans<string>[]; // kind: the location id
  away: Spans<WorkingTimeDto['therapists'][number]['away'][number]['kind']>[];
}
export type WorkingIndex = Map<string, TherapistTime>;

/** The server's working time as epoch milliseconds, by therapist: parsed once, read for every slot. */
export function indexWorkingTime(data: WorkingTimeDto): WorkingIndex {
  return new Map(
    data.therapists.map((t) => [
      t.therapistId,
      {
        working: t.working.map((w) => ({
          start: Date.parse(w.start),
          end: Date.parse(w.end),
          kind: w.locationId,
        })),
        away: t.away.map((a) => ({ start: Date.parse(a.start), end: Date.parse(a.end), kind: a.kind })),
      },
    ]),
  );
}

const overlaps = (s: { start: number; end: number }, start: number, end: number) =>
  s.start < end && start < s.end;

/** Why a therapist cannot be booked for [start, end), or null when that is working time. */
function therapistReason(
  time: TherapistTime,
  start: number,
  end: number,
  locationId?: string,
): ClosedReason | null {
  if (time.away.some((a) => a.kind === 'time_off' && overlaps(a, start, end))) return 'time_off';
  const inHours = time.working.some(
    (w) => w.start <= start && end <= w.end && (locationId === undefined || w.kind === locationId),
  );
  if (!inHours) {
    return time.away.some((a) => a.kind === 'holiday' && overlaps(a, start, end))
      ? 'holiday'
      : 'outside_hours';
  }
  if (time.away.some((a) => a.kind === 'break' && overlaps(a, start, end))) return 'break';
  return null;
}

/**
 * Whose time a stretch of the grid is: one therapist's (at one location, for a room's column), or any
 * therapist's at a location (a room's column when booking the first available). Neither: only the past counts.
 */
export interface Column {
  therapistId?: string;
  locationId?: string;
}

/**
 * Why [start, end) (epoch ms) cannot be booked in the column, or null when it can as far as the calendar knows
 * (other appointments and rooms are the server's to check). Without working time for the column (not loaded,
 * or a therapist it does not list) only the past is shaded: the server still has the last word.
 */
export function closedReason(
  index: WorkingIndex | undefined,
  column: Column,
  start: number,
  end: number,
  now: number,
): ClosedReason | null {
  if (start < now) return 'past';
  if (!index) return null;
  if (column.therapistId) {
    const time = index.get(column.therapistId);
    return time ? therapistReason(time, start, end, column.locationId) : null;
  }
  if (!column.locationId) return null;
  for (const time of index.values()) {
    if (therapistReason(time, start, end, column.locationId) === null) return null;
  }
  return 'nobody_working';
}

/** What the desk is told on clicking or dropping on shaded time; `who` names the therapist or the room. */
export function closedText(reason: ClosedReason, who: string): string {
  switch (reason) {
    case 'past':
      return 'That time has passed: pick a time still to come.';
    case 'time_off':
      return `${who} is on time off then.`;
    case 'holiday':
      return `${who} is off that day.`;
    case 'break':
      return `${who} is on a break then.`;
    case 'outside_hours':
      return `That is outside ${who}’s working hours.`;
    case 'nobody_working':
      return `No therapist works at ${who}’s location then.`;
  }
}
