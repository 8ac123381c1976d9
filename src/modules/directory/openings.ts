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
 * "Next opening" per public therapist: the earliest start a patient could book online (patient rules: minimum
 * notice, grid) within the next 7 days, for the therapist's shortest online-bookable service.
 *
 * Efficient by construction: everything the engine needs for a SET of clinics is loaded in 9 queries
 * (`inArray(clinic_id, …)`), then the pure engine runs per clinic one local day at a time, only for the
 * therapists still without an opening — most are found on the first day or two (early exit). Results are
 * cached per clinic for `ttlMs` (60 s): a fresh booking can take up to a minute to show here.
 */
export const OPENING_WINDOW_DAYS = 7;

export interface Opening {
  start: string;
  localDate: string;
  localTime: string;
  timeZone: string;
}

interface CacheEntry {
  at: number;
  byTherapist: Map<string, Opening | null>;
}

export class OpeningsCache {
  private readonly entries = new Map<string, CacheEntry>();
  constructor(private readonly ttlMs = 60_000) {}
  get(clinicId: string, nowMs: number): CacheEntry | undefined {
    const entry = this.entries.get(clinicId);
    if (!entry) return undefined;
    if (nowMs - entry.at > this.ttlMs || nowMs < entry.at) {
      this.entries.delete(clinicId);
      return undefined;
    }
    return entry;
  }
  set(clinicId: string, entry: CacheEntry): void {
    if (this.entries.size > 5_000) this.entries.clear();
    this.entries.set(clinicId, entry);
  }
  clear(): void {
    this.entries.clear();
  }
}

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

/** Next openings for the given therapists (grouped by clinic), from the cache or computed now. */
export async function nextOpenings(
  db: Executor,
  cache: OpeningsCache,
  wanted: { clinicId: string; therapistId: string }[],
  now: Date,
): Promise<Map<string, Opening | null>> {
  const nowMs = now.getTime();
  const out = new Map<string, Opening | null>();
  const missing = new Set<string>();
  const byClinic = groupBy(wanted, (w) => w.clinicId);
  for (const [clinicId, list] of byClinic) {
    const entry = cache.get(clinicId, nowMs);
    if (entry && list.every((w) => entry.byTherapist.has(w.therapistId))) {
      for (const w of list) out.set(`${clinicId}:${w.therapistId}`, entry.byTherapist.get(w.therapistId)!);
    } else {
      missing.add(clinicId);
    }
  }
  if (missing.size === 0) return out;
  const wantedIds = [...new Set(wanted.filter((w) => missing.has(w.clinicId)).map((w) => w.therapistId))];
  const computed = await computeOpenings(db, [...missing], now, wantedIds);
  for (const clinicId of missing) {
    const byTherapist = computed.get(clinicId) ?? new Map<string, Opening | null>();
    for (const w of byClinic.get(clinicId) ?? []) {
      if (!byTherapist.has(w.therapistId)) byTherapist.set(w.therapistId, null);
      out.set(`${clinicId}:${w.therapistId}`, byTherapist.get(w.therapistId)!);
    }
    const previous = cache.get(clinicId, nowMs);
    if (previous) for (const [id, opening] of byTherapist) previous.byTherapist.set(id, opening);
    else cache.set(clinicId, { at: nowMs, byTherapist });
  }
  return out;
}

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
 * especially) than one JSON document.
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
       where x.clinic_id = any(${c}) ${only}) as links,
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

/** Next openings of bookable therapists in each clinic: one round trip, then one engine sweep per clinic and day. */
export async function computeOpenings(
  db: Executor,
  clinicIds: string[],
  now: Date,
  therapistIds?: string[],
): Promise<Map<string, Map<string, Opening | null>>> {
  const result = new Map<string, Map<string, Opening | null>>();
  if (clinicIds.length === 0) return result;
  const windowEnd = new Date(now.getTime() + OPENING_WINDOW_DAYS * 86_400_000);
  const padFrom = new Date(now.getTime() - 2 * 86_400_000);
  const padTo = new Date(windowEnd.getTime() + 2 * 86_400_000);
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
    const openings = new Map<string, Opening | null>();
    result.set(clinic.id, openings);
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
      let remaining = members.map(([therapistId]) => therapistId);
      for (let day = 0; day <= OPENING_WINDOW_DAYS && remaining.length > 0; day++) {
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
          if (error instanceof RangeError) break; // bad set-up data: no opening shown, never a 500
          throw error;
        }
        for (const slot of slots) {
          if (Date.parse(slot.start) >= windowEnd.getTime()) continue;
          if (!openings.has(slot.therapistId)) {
            openings.set(slot.therapistId, {
              start: slot.start,
              localDate: slot.localDate,
              localTime: slot.localTime,
              timeZone: clinic.timeZone,
            });
          }
        }
        remaining = remaining.filter((id) => !openings.has(id));
      }
      for (const id of remaining) openings.set(id, null);
    }
  }
  return result;
}

/** "Thu 10:00", in the clinic's zone. */
export function openingLabel(opening: Opening): string {
  const day = DateTime.fromISO(opening.localDate, { zone: opening.timeZone })
    .setLocale('en-US')
    .toFormat('ccc');
  return `${day} ${opening.localTime}`;
}
