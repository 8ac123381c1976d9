/** Builders for the scheduling tests (not a test file itself). Defaults: Los Angeles clinic, one 60-minute
 * service, therapists working 09:00–17:00 every day at `loc-1`, hourly slots, no buffers. */
import { DateTime } from 'luxon';
import type {
  Appointment,
  AppointmentStatus,
  AvailabilityInput,
  AvailabilityQuery,
  Clinic,
  ClinicRules,
  Room,
  Service,
  Slot,
  Therapist,
  Weekday,
} from './types.ts';

export const LA = 'America/Los_Angeles';
export const ALL_DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export function rules(overrides: Partial<ClinicRules> = {}): ClinicRules {
  return {
    minNoticeMinutes: 0,
    maxDaysAhead: 365,
    slotGranularityMinutes: 60,
    lateCancellationHours: 24,
    ...overrides,
  };
}

export function clinic(overrides: Partial<ClinicRules> = {}, timeZone = LA): Clinic {
  return { timeZone, rules: rules(overrides) };
}

export function service(overrides: Partial<Service> = {}): Service {
  return {
    id: 'svc',
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    requiredEquipment: [],
    therapistIds: ['t1', 't2', 't3'],
    ...overrides,
  };
}

export function therapist(id: string, overrides: Partial<Therapist> = {}): Therapist {
  return {
    id,
    serviceIds: ['svc'],
    weeklyHours: ALL_DAYS.map((weekday) => ({ weekday, start: '09:00', end: '17:00', locationId: 'loc-1' })),
    breaks: [],
    exceptions: [],
    ...overrides,
  };
}

export function room(id: string, overrides: Partial<Room> = {}): Room {
  return { id, locationId: 'loc-1', equipment: [], ...overrides };
}

/** Appointment from LOCAL times in `zone` (e.g. `2026-03-09T10:00`). */
export function appt(
  id: string,
  therapistId: string,
  roomId: string,
  localStart: string,
  localEnd: string,
  extra: {
    status?: AppointmentStatus;
    bufferBeforeMinutes?: number;
    bufferAfterMinutes?: number;
    zone?: string;
  } = {},
): Appointment {
  const zone = extra.zone ?? LA;
  return {
    id,
    therapistId,
    roomId,
    start: utc(localStart, zone),
    end: utc(localEnd, zone),
    status: extra.status ?? 'booked',
    bufferBeforeMinutes: extra.bufferBeforeMinutes,
    bufferAfterMinutes: extra.bufferAfterMinutes,
  };
}

/** UTC ISO instant of a local ISO date-time in `zone`. */
export function utc(local: string, zone = LA): string {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad local time ${local}`);
  return dt.toUTC().toISO()!;
}

export function input(partial: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    clinic: clinic(),
    services: [service()],
    therapists: [therapist('t1')],
    rooms: [room('r1')],
    appointments: [],
    ...partial,
  };
}

/** Query for one local date (or `[fromDate, toDate)`), staff audience, `now` long before. */
export function query(fromDate: string, partial: Partial<AvailabilityQuery> = {}): AvailabilityQuery {
  return {
    serviceId: 'svc',
    fromDate,
    now: '2026-01-01T00:00:00Z',
    audience: 'staff',
    ...partial,
    toDate: partial.toDate ?? DateTime.fromISO(fromDate).plus({ days: 1 }).toISODate()!,
  };
}

export const times = (slots: readonly Slot[]): string[] => slots.map((s) => s.localTime);
export const who = (slots: readonly Slot[]): string[] =>
  slots.map((s) => `${s.localTime} ${s.therapistId}/${s.roomId}`);
