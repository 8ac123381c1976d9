/**
 * Plain-data types for the availability engine. Everything here is serialisable (strings and numbers only),
 * so API handlers can pass database rows through after a trivial mapping.
 *
 * Time conventions (see README.md):
 * - An {@link Instant} is an ISO-8601 string WITH an explicit offset (`Z` or `±hh:mm`).
 * - A {@link LocalDate} / {@link LocalTime} is wall-clock time in the clinic's IANA time zone.
 * - Date ranges are half-open: `fromDate` inclusive, `toDate` exclusive.
 */

/** ISO-8601 instant with explicit offset, e.g. `2026-03-09T16:00:00.000Z` or `2026-03-09T09:00:00-07:00`. */
export type Instant = string;
/** Local calendar date in the clinic zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** Local wall-clock time `HH:mm` (00:00–23:59); `24:00` is accepted as an end time meaning midnight. */
export type LocalTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's convention). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Patients are bound by minimum notice and maximum days ahead; staff may book anything free in the future. */
export type Audience = 'patient' | 'staff';

export interface ClinicRules {
  /** Patients cannot book a start earlier than `now + minNoticeMinutes`. */
  minNoticeMinutes: number;
  /** Patients can book up to and including the local date `today + maxDaysAhead`. */
  maxDaysAhead: number;
  /** Start times fall on local wall-clock multiples of this many minutes (15 → :00, :15, :30, :45). */
  slotGranularityMinutes: number;
  /** Cancellations later than this many hours before the start are "late". Not used by availability. */
  lateCancellationHours: number;
}

export interface Clinic {
  /** IANA zone, e.g. `America/Los_Angeles`. All local dates and times are interpreted in it. */
  timeZone: string;
  rules: ClinicRules;
  /** Clinic-wide closed dates; act like a holiday for every therapist (extra hours still apply). */
  closedDates?: readonly LocalDate[];
}

export interface Service {
  id: string;
  /** Treatment length in minutes; a positive multiple of 5 (30, 45, 60, 75, 90, …). */
  durationMinutes: number;
  /** Preparation time before the treatment; must be free for BOTH therapist and room. */
  bufferBeforeMinutes: number;
  /** Turnover time after the treatment; must be free for BOTH therapist and room. */
  bufferAfterMinutes: number;
  /** A room qualifies only if it has every one of these tags. */
  requiredEquipment: readonly string[];
  /** Therapists allowed to deliver the service (the therapist must also list the service in `serviceIds`). */
  therapistIds: readonly string[];
  /** If given, only these rooms may be used. */
  roomIds?: readonly string[];
}

/** A recurring working interval. If `end <= start` the interval runs past midnight into the next day. */
export interface WeeklyHours {
  weekday: Weekday;
  start: LocalTime;
  end: LocalTime;
  locationId: string;
}

/** A recurring break; applies to every working window (regular or extra) on that weekday. */
export interface WeeklyBreak {
  weekday: Weekday;
  start: LocalTime;
  end: LocalTime;
}

/** The therapist does not work their regular weekly hours on this date (extra hours still apply). */
export interface HolidayException {
  kind: 'holiday';
  date: LocalDate;
  note?: string;
}

/**
 * Unavailable from (`startDate` `startTime`) to (`endDate` `endTime`). Without `startTime` it starts at the
 * beginning of `startDate`; without `endTime` it lasts to the end of `endDate` (so whole days are inclusive).
 * Time off overrides everything, including extra hours.
 */
export interface TimeOffException {
  kind: 'timeOff';
  startDate: LocalDate;
  endDate: LocalDate;
  startTime?: LocalTime;
  endTime?: LocalTime;
}

/** Additional working hours on one date at a location (added on top of, or instead of, weekly hours). */
export interface ExtraHoursException {
  kind: 'extraHours';
  date: LocalDate;
  start: LocalTime;
  end: LocalTime;
  locationId: string;
}

export type TherapistException = HolidayException | TimeOffException | ExtraHoursException;

export interface Therapist {
  id: string;
  /** Services this therapist offers. */
  serviceIds: readonly string[];
  weeklyHours: readonly WeeklyHours[];
  breaks: readonly WeeklyBreak[];
  exceptions: readonly TherapistException[];
}

export interface Room {
  id: string;
  locationId: string;
  equipment: readonly string[];
}

export type AppointmentStatus = 'booked' | 'confirmed' | 'checked-in' | 'completed' | 'cancelled' | 'no-show';

/**
 * An existing appointment. `start`/`end` are the TREATMENT times; its buffers are given separately and
 * the interval `[start - bufferBefore, end + bufferAfter)` is blocked for its therapist and its room.
 */
export interface Appointment {
  id: string;
  therapistId: string;
  roomId: string;
  start: Instant;
  end: Instant;
  /** Defaults to 0. */
  bufferBeforeMinutes?: number;
  /** Defaults to 0. */
  bufferAfterMinutes?: number;
  status: AppointmentStatus;
}

export interface AvailabilityInput {
  clinic: Clinic;
  services: readonly Service[];
  /** Order matters: it breaks ties for first-available collapsing. */
  therapists: readonly Therapist[];
  /** Order matters: the first free suitable room (in this order) is assigned. */
  rooms: readonly Room[];
  appointments: readonly Appointment[];
}

export interface AvailabilityQuery {
  serviceId: string;
  /** First local date (inclusive). */
  fromDate: LocalDate;
  /** Last local date (EXCLUSIVE). A slot belongs to the local date on which its treatment starts. */
  toDate: LocalDate;
  therapistId?: string;
  locationId?: string;
  now: Instant;
  audience: Audience;
  /** Collapse to one slot per start time (the first therapist, in input order, who is free). */
  firstAvailable?: boolean;
  /** Appointments to ignore, e.g. the one being rescheduled. */
  excludeAppointmentIds?: readonly string[];
}

/** A bookable start. `start`/`end` are the treatment (buffers excluded), as UTC ISO instants. */
export interface Slot {
  start: Instant;
  end: Instant;
  /** Local date of the start in the clinic zone. */
  localDate: LocalDate;
  /** Local wall-clock start `HH:mm`. */
  localTime: LocalTime;
  /** Local ISO with offset, e.g. `2026-11-01T01:30:00-08:00` (disambiguates DST overlaps). */
  localStart: string;
  therapistId: string;
  roomId: string;
  locationId: string;
}
