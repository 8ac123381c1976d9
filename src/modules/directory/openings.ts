import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type Executor, rowsOf } from '../../db/connection.ts';
import {
  appointments,
  clinics,
  LIVE_STATUSES,
  memberships,
  rooms,
  schedulingSettings,
  services,
  serviceTherapists,
  therapistBreaks,
  therapistExceptions,
  therapistHours,
} from '../../db/schema/index.ts';
import {
  type AppointmentStatus,
  type AvailabilityInput,
  getAvailability,
  type Slot,
  type TherapistException,
  type Weekday,
} from '../../domain/scheduling/index.ts';
import { DEFAULT_SETTINGS } from '../scheduling/engine-input.ts';

/**
 * The availability engine run for the directory: each public therapist's first bookable starts (patient rules:
 * minimum notice, grid, maximum days ahead) for their shortest online-bookable service, up to `STARTS_KEPT`
 * of them within the horizon (the 7-day window plus `COMPLETE_TTL_MS`).
 *
 * Efficient by construction: everything the engine needs for a SET of clinics is loaded in one round trip,
 * then the pure engine runs per clinic one local day at a time, only for the therapists still short of
 * `STARTS_KEPT` starts — most are done on the first day or two (early exit). The results are stored by
 * next-openings.ts (the background refresh) and read back by search and the therapist page.
 */
export const OPENING_WINDOW_DAYS = 7;
/**
 * Starts kept per therapist. The next opening is the first kept start at or after now + minimum notice, so a
 * stored row stays right while time passes until its last start is too close: a therapist with a free day
 * would otherwise need a recomputation every grid step (15 minutes) all day.
 */
export const STARTS_KEPT = 16;
/** How long a complete list (every start up to the horizon, possibly none) stays usable. */
export const COMPLETE_TTL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const HORIZON_MS = OPENING_WINDOW_DAYS * DAY_MS + COMPLETE_TTL_MS;

/** A next opening, for the label: the start (UTC ISO) and the clinic's zone. */
export interface Opening {
  start: string;
  timeZone: string;
}

/** One therapist's first bookable starts, as computed at `now`. */
export interface TherapistStarts {
  /** UTC ISO instants, ascending, at most STARTS_KEPT. */
  starts: string[];
  /** true: `starts` holds every start before now + HORIZON_MS (fewer than STARTS_KEPT, possibly none). */
  complete: boolean;
  /** The listed starts' padded intervals (service buffers included): first padded start, last padded end. */
  spanStart: string | null;
  spanEnd: string | null;
}

export interface ClinicStarts {
  timeZone: string;
  minNoticeMinutes: number;
  therapists: Map<string, TherapistStarts>;
}

/** No online-bookable service, or set-up the engine refuses: no opening (never a 500). */
export const NO_STARTS: TherapistStarts = { starts: [], complete: true, spanStart: null, spanEnd: null };

const toEngineStatus = (s: string): AppointmentStatus =>
  (s === 'checked_in' ? 'checked-in' : s === 'no_show' ? 'no-show' : s) as AppointmentStatus;

function toEngineException(e: Loaded['exceptions'][number]): TherapistException {
  if (e.kind === 'holiday') return { kind: 'holiday', date: e.startDate };
  if (e.kind === 'extra_hours') {
    return {
      kind: 'extraHours',
      date: e.startDate,
      start: e.startTime ?? '00:00',
      end: e.endTime ?? '24:00',
      locationId: e.locationId ?? '',
    };
  }
  return {
    kind: 'timeOff',
    startDate: e.startDate,
    endDate: e.endDate,
    startTime: e.startTime ?? undefined,
    endTime: e.endTime ?? undefined,
  };
}

const groupBy = <T>(rows: T[], key: (row: T) => string) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
};

const uuidArray = (ids: readonly string[]) => {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('not a uuid');
  return sql.raw(`'{${ids.join(',')}}'::uuid[]`);
};
const parseJson = <T>(value: unknown): T[] =>
  ((typeof value === 'string' ? JSON.parse(value) : value) as T[] | null) ?? [];

interface Loaded {
  clinics: { id: string; timeZone: string }[];
  settings: {
    clinicId: string;
    minNoticeMinutes: number;
    maxDaysAhead: number;
    slotGranularityMinutes: number;
    lateCancellationHours: number;
  }[];
  services: {
    clinicId: string;
    id: string;
    durationMinutes: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
    requiredEquipment: string[];
    roomIds: string[];
  }[];
  links: { clinicId: string; serviceId: string; therapistId: string }[];
  hours: {
    clinicId: string;
    therapistId: string;
    locationId: string;
    weekday: number;
    startTime: string;
    endTime: string;
  }[];
  breaks: { clinicId: string; therapistId: string; weekday: number; startTime: string; endTime: string }[];
  exceptions: Omit<typeof therapistExceptions.$inferSelect, 'id' | 'note' | 'createdAt'>[];
  rooms: { clinicId: string; id: string; locationId: string; equipment: string[] }[];
  appointments: {
    clinicId: string;
    id: string;
    therapistId: string;
    roomId: string;
    startAt: string;
    endAt: string;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
    status: string;
  }[];
}

/**
 * Everything the engine needs for these clinics (and, when given, only these therapists' hours), in ONE round
 * trip: each table as a json_agg sub-select. Thousands of small rows cost far more to hand over (PGlite
 * especially) than one JSON document. Every sub-select names the clinics itself (`m.clinic_id = any(…)` too):
 * without table statistics (PGlite never analyzes) the planner would otherwise scan every membership.
 */
async function loadForOpenings(
  db: Executor,
  clinicIds: string[],
  therapistIds: string[] | undefined,
  padFrom: Date,
  padTo: Date,
): Promise<Loaded> {
  const c = uuidArray(clinicIds);
  const only = therapistIds ? sql`and x.therapist_id = any(${uuidArray(therapistIds)})` : sql``;
  const fromDate = padFrom.toISOString().slice(0, 10);
  const toDate = padTo.toISOString().slice(0, 10);
  const live = sql.join(
    LIVE_STATUSES.map((st) => sql`${st}`),
    sql`, `,
  );
  const result = await db.execute(sql`select
    (select json_agg(json_build_object('id', x.id, 'timeZone', x.time_zone)) from ${clinics} x where x.id = any(${c})) as clinics,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'minNoticeMinutes', x.min_notice_minutes,
       'maxDaysAhead', x.max_days_ahead, 'slotGranularityMinutes', x.slot_granularity_minutes,
       'lateCancellationHours', x.late_cancellation_hours))
       from ${schedulingSettings} x where x.clinic_id = any(${c})) as settings,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'id', x.id, 'durationMinutes', x.duration_minutes,
       'bufferBeforeMinutes', x.buffer_before_minutes, 'bufferAfterMinutes', x.buffer_after_minutes,
       'requiredEquipment', x.required_equipment, 'roomIds', x.room_ids))
       from ${services} x where x.clinic_id = any(${c}) and x.online_bookable and x.archived_at is null) as services,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'serviceId', x.service_id, 'therapistId', x.therapist_id))
       from ${serviceTherapists} x join ${memberships} m on m.clinic_id = x.clinic_id and m.user_id = x.therapist_id
         and m.role = 'therapist' and m.disabled_at is null
       where x.clinic_id = any(${c}) and m.clinic_id = any(${c}) ${only}) as links,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'therapistId', x.therapist_id, 'locationId', x.location_id,
       'weekday', x.weekday, 'startTime', x.start_time, 'endTime', x.end_time))
       from ${therapistHours} x where x.clinic_id = any(${c}) ${only}) as hours,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'therapistId', x.therapist_id, 'weekday', x.weekday,
       'startTime', x.start_time, 'endTime', x.end_time))
       from ${therapistBreaks} x where x.clinic_id = any(${c}) ${only}) as breaks,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'therapistId', x.therapist_id, 'kind', x.kind,
       'startDate', x.start_date, 'endDate', x.end_date, 'startTime', x.start_time, 'endTime', x.end_time,
       'locationId', x.location_id))
       from ${therapistExceptions} x where x.clinic_id = any(${c}) ${only}
         and x.end_date >= ${fromDate}::date and x.start_date <= ${toDate}::date) as exceptions,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'id', x.id, 'locationId', x.location_id,
       'equipment', x.equipment) order by x.sort_order, x.name, x.id)
       from ${rooms} x where x.clinic_id = any(${c}) and x.archived_at is null) as rooms,
    (select json_agg(json_build_object('clinicId', x.clinic_id, 'id', x.id, 'therapistId', x.therapist_id,
       'roomId', x.room_id, 'startAt', x.start_at, 'endAt', x.end_at, 'bufferBeforeMinutes', x.buffer_before_minutes,
       'bufferAfterMinutes', x.buffer_after_minutes, 'status', x.status))
       from ${appointments} x where x.clinic_id = any(${c}) and x.status in (${live})
         and x.blocked_start < ${padTo.toISOString()}::timestamptz
         and x.blocked_end > ${padFrom.toISOString()}::timestamptz) as appointments`);
  const row = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  return {
    clinics: parseJson(row.clinics),
    settings: parseJson(row.settings),
    services: parseJson(row.services),
    links: parseJson(row.links),
    hours: parseJson(row.hours),
    breaks: parseJson(row.breaks),
    exceptions: parseJson(row.exceptions),
    rooms: parseJson(row.rooms),
    appointments: parseJson(row.appointments),
  };
}

/**
 * First bookable starts of the bookable therapists in each clinic (only `therapistIds` when given): one round
 * trip, then one engine sweep per clinic, service and day. Therapists without an online-bookable service are
 * absent from the result (callers read them as NO_STARTS).
 */
export async function computeOpenings(
  db: Executor,
  clinicIds: string[],
  now: Date,
  therapistIds?: string[],
): Promise<Map<string, ClinicStarts>> {
  const result = new Map<string, ClinicStarts>();
  if (clinicIds.length === 0) return result;
  const horizonEnd = now.getTime() + HORIZON_MS;
  const padFrom = new Date(now.getTime() - 2 * DAY_MS);
  const padTo = new Date(horizonEnd + 2 * DAY_MS);
  const {
    clinics: clinicRows,
    settings: settingsRows,
    services: serviceRows,
    links,
    hours,
    breaks,
    exceptions,
    rooms: roomRows,
    appointments: appts,
  } = await loadForOpenings(db, clinicIds, therapistIds, padFrom, padTo);
  const settingsBy = new Map(settingsRows.map((s) => [s.clinicId, s]));
  const servicesBy = groupBy(serviceRows, (s) => s.clinicId);
  const linksBy = groupBy(links, (l) => l.clinicId);
  const hoursBy = groupBy(hours, (h) => `${h.clinicId}:${h.therapistId}`);
  const breaksBy = groupBy(breaks, (b) => `${b.clinicId}:${b.therapistId}`);
  const exceptionsBy = groupBy(exceptions, (e) => `${e.clinicId}:${e.therapistId}`);
  const roomsBy = groupBy(roomRows, (r) => r.clinicId);
  const apptsBy = groupBy(appts, (a) => a.clinicId);

  for (const clinic of clinicRows) {
    const clinicServices = new Map((servicesBy.get(clinic.id) ?? []).map((s) => [s.id, s]));
    // Each therapist's shortest online-bookable service (ties: lowest id): one engine input per service.
    const serviceOf = new Map<string, (typeof serviceRows)[number]>();
    for (const link of linksBy.get(clinic.id) ?? []) {
      const service = clinicServices.get(link.serviceId);
      if (!service) continue;
      const current = serviceOf.get(link.therapistId);
      if (
        !current ||
        service.durationMinutes < current.durationMinutes ||
        (service.durationMinutes === current.durationMinutes && service.id < current.id)
      ) {
        serviceOf.set(link.therapistId, service);
      }
    }
    const settings = settingsBy.get(clinic.id);
    const rules = settings
      ? {
          minNoticeMinutes: settings.minNoticeMinutes,
          maxDaysAhead: settings.maxDaysAhead,
          slotGranularityMinutes: settings.slotGranularityMinutes,
          lateCancellationHours: settings.lateCancellationHours,
        }
      : DEFAULT_SETTINGS;
    const therapists = new Map<string, TherapistStarts>();
    result.set(clinic.id, {
      timeZone: clinic.timeZone,
      minNoticeMinutes: rules.minNoticeMinutes,
      therapists,
    });
    const engineRooms = (roomsBy.get(clinic.id) ?? []).map((r) => ({
      id: r.id,
      locationId: r.locationId,
      equipment: r.equipment,
    }));
    const engineAppointments = (apptsBy.get(clinic.id) ?? []).map((a) => ({
      id: a.id,
      therapistId: a.therapistId,
      roomId: a.roomId,
      start: new Date(a.startAt).toISOString(),
      end: new Date(a.endAt).toISOString(),
      bufferBeforeMinutes: a.bufferBeforeMinutes,
      bufferAfterMinutes: a.bufferAfterMinutes,
      status: toEngineStatus(a.status),
    }));
    const groups = groupBy([...serviceOf], ([, service]) => service.id);
    const today = DateTime.fromJSDate(now, { zone: clinic.timeZone }).startOf('day');
    for (const [serviceId, members] of groups) {
      const service = clinicServices.get(serviceId)!;
      const found = new Map(members.map(([therapistId]) => [therapistId, [] as number[]]));
      let remaining = [...found.keys()];
      for (let day = 0; remaining.length > 0 && today.plus({ days: day }).toMillis() < horizonEnd; day++) {
        const input: AvailabilityInput = {
          clinic: { timeZone: clinic.timeZone, rules },
          services: [
            {
              id: service.id,
              durationMinutes: service.durationMinutes,
              bufferBeforeMinutes: service.bufferBeforeMinutes,
              bufferAfterMinutes: service.bufferAfterMinutes,
              requiredEquipment: service.requiredEquipment,
              therapistIds: remaining,
              roomIds: service.roomIds.length > 0 ? service.roomIds : undefined,
            },
          ],
          therapists: remaining.map((id) => {
            const key = `${clinic.id}:${id}`;
            return {
              id,
              serviceIds: [service.id],
              weeklyHours: (hoursBy.get(key) ?? []).map((h) => ({
                weekday: h.weekday as Weekday,
                start: h.startTime,
                end: h.endTime,
                locationId: h.locationId,
              })),
              breaks: (breaksBy.get(key) ?? []).map((b) => ({
                weekday: b.weekday as Weekday,
                start: b.startTime,
                end: b.endTime,
              })),
              exceptions: (exceptionsBy.get(key) ?? []).map(toEngineException),
            };
          }),
          rooms: engineRooms,
          appointments: engineAppointments,
        };
        let slots: Slot[];
        try {
          slots = getAvailability(
            {
              serviceId: service.id,
              fromDate: today.plus({ days: day }).toISODate()!,
              toDate: today.plus({ days: day + 1 }).toISODate()!,
              now: now.toISOString(),
              audience: 'patient',
            },
            input,
          );
        } catch (error) {
          if (error instanceof RangeError) {
            // Bad set-up data: no opening shown, never a 500.
            for (const list of found.values()) list.length = 0;
            break;
          }
          throw error;
        }
        for (const slot of slots) {
          const start = Date.parse(slot.start);
          const list = found.get(slot.therapistId);
          if (start < horizonEnd && list && list.length < STARTS_KEPT) list.push(start);
        }
        remaining = remaining.filter((id) => found.get(id)!.length < STARTS_KEPT);
      }
      const beforeMs = service.bufferBeforeMinutes * 60_000;
      const afterMs = (service.durationMinutes + service.bufferAfterMinutes) * 60_000;
      for (const [therapistId, list] of found) {
        therapists.set(
          therapistId,
          list.length === 0
            ? NO_STARTS
            : {
                starts: list.map((ms) => new Date(ms).toISOString()),
                complete: list.length < STARTS_KEPT,
                spanStart: new Date(list[0]! - beforeMs).toISOString(),
                spanEnd: new Date(list[list.length - 1]! + afterMs).toISOString(),
              },
        );
      }
    }
  }
  return result;
}

/** The next opening in a list of starts: the first at or after now + notice, if it is within the 7-day window. */
export function openingFrom(
  starts: readonly string[],
  minNoticeMinutes: number,
  timeZone: string,
  now: Date,
): Opening | null {
  const earliest = now.getTime() + minNoticeMinutes * 60_000;
  const windowEnd = now.getTime() + OPENING_WINDOW_DAYS * DAY_MS;
  for (const start of starts) {
    const ms = Date.parse(start);
    if (ms < earliest) continue;
    return ms < windowEnd ? { start: new Date(ms).toISOString(), timeZone } : null;
  }
  return null;
}

/** "Thu 3:00 PM", in the clinic's zone: the 12-hour clock online booking uses. */
export function openingLabel(opening: Opening): string {
  return DateTime.fromISO(opening.start, { zone: opening.timeZone })
    .setLocale('en-US')
    .toFormat('ccc h:mm a');
}
