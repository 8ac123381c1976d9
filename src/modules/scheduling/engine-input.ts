import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { jsonList } from '../../db/json.ts';
import {
  type AppointmentStatusValue,
  appointments,
  credentials,
  LIVE_STATUSES,
  memberships,
  type Role,
  rooms,
  schedulingSettings,
  services,
  serviceTherapists,
  therapistBreaks,
  therapistExceptions,
  therapistHours,
  users,
} from '../../db/schema/index.ts';
import type {
  Appointment,
  AppointmentStatus,
  Audience,
  AvailabilityInput,
  ClinicRules,
  Room,
  Service,
  Therapist,
  TherapistException,
  Weekday,
} from '../../domain/scheduling/index.ts';
import { STAFF_ROLES } from '../../platform/permissions.ts';
import { practisingLicences } from '../credentials/licence-alerts.ts';
import { dayText } from '../patients/dates.ts';

export interface SchedulingSettings extends ClinicRules {
  lateCancellationFeeCents: number;
  noShowFeeCents: number;
  reminderOffsetsMinutes: number[];
  whatToBring: string | null;
  selfCareTips: string | null;
}

export const DEFAULT_SETTINGS: SchedulingSettings = {
  minNoticeMinutes: 120,
  maxDaysAhead: 60,
  slotGranularityMinutes: 15,
  lateCancellationHours: 24,
  lateCancellationFeeCents: 0,
  noShowFeeCents: 0,
  reminderOffsetsMinutes: [2880, 120],
  whatToBring: null,
  selfCareTips: null,
};

export async function loadSettings(db: Executor, clinicId: string): Promise<SchedulingSettings> {
  const [row] = await db.select().from(schedulingSettings).where(eq(schedulingSettings.clinicId, clinicId));
  return toSettings(row);
}

function toSettings(row: typeof schedulingSettings.$inferSelect | null | undefined): SchedulingSettings {
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    minNoticeMinutes: row.minNoticeMinutes,
    maxDaysAhead: row.maxDaysAhead,
    slotGranularityMinutes: row.slotGranularityMinutes,
    lateCancellationHours: row.lateCancellationHours,
    lateCancellationFeeCents: row.lateCancellationFeeCents,
    noShowFeeCents: row.noShowFeeCents,
    reminderOffsetsMinutes: row.reminderOffsetsMinutes,
    whatToBring: row.whatToBring,
    selfCareTips: row.selfCareTips,
  };
}

/** Staff rules for anyone holding a staff role in the clinic; the patient rules otherwise. */
export const audienceOf = (roles: readonly Role[]): Audience =>
  roles.some((r) => STAFF_ROLES.includes(r)) ? 'staff' : 'patient';

const toEngineStatus = (s: AppointmentStatusValue): AppointmentStatus =>
  s === 'checked_in' ? 'checked-in' : s === 'no_show' ? 'no-show' : s;

const DAY_MS = 86_400_000;
/** Local dates → a UTC window that surely contains them in any zone (±2 days). */
export function padRange(fromDate: string, toDate: string, extraDays = 0): { from: Date; to: Date } {
  return {
    from: new Date(Date.parse(`${fromDate}T00:00:00Z`) - (2 + extraDays) * DAY_MS),
    to: new Date(Date.parse(`${toDate}T00:00:00Z`) + (2 + extraDays) * DAY_MS),
  };
}
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A therapist's licence that ends (`practisingLicences`): the last day they may treat, and their name. */
export interface LicenceEnd {
  therapistId: string;
  therapistName: string;
  title: string;
  expiresOn: string;
}

export interface LoadedInput {
  input: AvailabilityInput;
  settings: SchedulingSettings;
  service: typeof services.$inferSelect;
  /**
   * The eligible therapists whose licence ends, by id (`practisingLicences`: the active non-NPI credential that
   * lasts longest). A therapist with a licence that never expires, or with none on file, is not here.
   */
  licenceEnds: ReadonlyMap<string, LicenceEnd>;
}

/** The live appointments' statuses as an SQL list, for `status in (…)` inside raw sub-selects. */
const liveStatuses = sql.join(
  LIVE_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/**
 * Loads what the pure engine needs for one service over one range, and only that, in ONE round trip: the
 * service with the clinic's settings, its eligible active therapists with their hours, breaks and the
 * exceptions touching the range, the clinic's rooms, and the live appointments whose blocked interval overlaps
 * the range (each a json sub-select). `extra` rides along in the same query: a caller that needs one more
 * lookup (e.g. the patient being booked) saves its own round trip.
 */
export async function loadAvailabilityInput<E extends Record<string, SQL.Aliased | SQL> = Record<never, SQL>>(
  db: Executor,
  options: {
    clinicId: string;
    timeZone: string;
    serviceId: string;
    from: Date;
    to: Date;
    therapistId?: string;
  },
  extra?: E,
): Promise<(LoadedInput & { extra: { [K in keyof E]: E[K] extends SQL<infer T> ? T : unknown } }) | null> {
  const { clinicId } = options;
  const fromDate = isoDate(options.from);
  const toDate = isoDate(options.to);
  // The service's eligible therapists, planned and run once for the four sub-selects that need them.
  const eligibleTherapists = db.$with('eligible_therapists').as(
    db
      .select({ therapistId: serviceTherapists.therapistId })
      .from(serviceTherapists)
      .innerJoin(
        memberships,
        and(
          eq(memberships.clinicId, serviceTherapists.clinicId),
          eq(memberships.userId, serviceTherapists.therapistId),
          eq(memberships.role, 'therapist'),
          isNull(memberships.disabledAt),
        ),
      )
      .where(
        and(
          eq(serviceTherapists.clinicId, clinicId),
          eq(memberships.clinicId, clinicId),
          eq(serviceTherapists.serviceId, options.serviceId),
          options.therapistId ? eq(serviceTherapists.therapistId, options.therapistId) : undefined,
        ),
      ),
  );
  const eligible = sql`select ${eligibleTherapists.therapistId} from ${eligibleTherapists}`;
  const [row] = await db
    .with(eligibleTherapists)
    .select({
      service: services,
      settings: schedulingSettings,
      therapistIds: jsonList<string>(
        sql`select json_agg(e.therapist_id order by e.therapist_id) from (${eligible}) e`,
      ),
      hours: jsonList<{
        therapistId: string;
        weekday: Weekday;
        start: string;
        end: string;
        locationId: string;
      }>(
        sql`select json_agg(json_build_object('therapistId', x.therapist_id, 'weekday', x.weekday,
          'start', x.start_time, 'end', x.end_time, 'locationId', x.location_id))
          from ${therapistHours} x where x.clinic_id = ${clinicId} and x.therapist_id in (${eligible})`,
      ),
      breaks: jsonList<{ therapistId: string; weekday: Weekday; start: string; end: string }>(
        sql`select json_agg(json_build_object('therapistId', x.therapist_id, 'weekday', x.weekday,
          'start', x.start_time, 'end', x.end_time))
          from ${therapistBreaks} x where x.clinic_id = ${clinicId} and x.therapist_id in (${eligible})`,
      ),
      exceptions: jsonList<ExceptionJson>(
        sql`select json_agg(json_build_object('therapistId', x.therapist_id, 'kind', x.kind,
          'startDate', x.start_date, 'endDate', x.end_date, 'startTime', x.start_time, 'endTime', x.end_time,
          'locationId', x.location_id, 'note', x.note))
          from ${therapistExceptions} x where x.clinic_id = ${clinicId} and x.therapist_id in (${eligible})
            and x.end_date >= ${fromDate}::date and x.start_date <= ${toDate}::date`,
      ),
      rooms: jsonList<Room>(
        sql`select json_agg(json_build_object('id', x.id, 'locationId', x.location_id, 'equipment', x.equipment)
          order by x.sort_order, x.name, x.id)
          from ${rooms} x where x.clinic_id = ${clinicId} and x.archived_at is null`,
      ),
      // Instants as epoch milliseconds: exact, and the same on both drivers.
      appointments: jsonList<AppointmentJson>(
        sql`select json_agg(json_build_object('id', x.id, 'therapistId', x.therapist_id, 'roomId', x.room_id,
          'startMs', floor(extract(epoch from x.start_at) * 1000), 'endMs', floor(extract(epoch from x.end_at) * 1000),
          'bufferBeforeMinutes', x.buffer_before_minutes, 'bufferAfterMinutes', x.buffer_after_minutes,
          'status', x.status))
          from ${appointments} x where x.clinic_id = ${clinicId} and x.status in (${liveStatuses})
            and x.blocked_start < ${options.to.toISOString()}::timestamptz
            and x.blocked_end > ${options.from.toISOString()}::timestamptz`,
      ),
      // Their active licences and certifications (not the NPI), read per date by `practisingLicences`.
      licences: jsonList<{
        therapistId: string;
        therapistName: string;
        kind: (typeof credentials.$inferSelect)['kind'];
        status: (typeof credentials.$inferSelect)['status'];
        title: string;
        expiresOn: string | null;
      }>(
        sql`select json_agg(json_build_object('therapistId', x.therapist_id, 'therapistName', u.display_name,
          'kind', x.kind, 'status', x.status, 'title', x.title, 'expiresOn', x.expires_on))
          from ${credentials} x join ${users} u on u.id = x.therapist_id
          where x.clinic_id = ${clinicId} and x.therapist_id in (${eligible})
            and x.kind <> 'npi' and x.status = 'active'`,
      ),
      ...extra,
    })
    .from(services)
    .leftJoin(schedulingSettings, eq(schedulingSettings.clinicId, services.clinicId))
    .where(
      and(eq(services.clinicId, clinicId), eq(services.id, options.serviceId), isNull(services.archivedAt)),
    );
  if (!row) return null;
  const { service, therapistIds, hours, breaks, exceptions } = row;
  const settings = toSettings(row.settings);
  const engineService: Service = {
    id: service.id,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    requiredEquipment: service.requiredEquipment,
    therapistIds,
    roomIds: service.roomIds.length > 0 ? service.roomIds : undefined,
  };
  const therapists: Therapist[] = therapistIds.map((id) => ({
    id,
    serviceIds: [service.id],
    weeklyHours: hours
      .filter((h) => h.therapistId === id)
      .map(({ weekday, start, end, locationId }) => ({ weekday, start, end, locationId })),
    breaks: breaks
      .filter((b) => b.therapistId === id)
      .map(({ weekday, start, end }) => ({ weekday, start, end })),
    exceptions: exceptions.filter((e) => e.therapistId === id).map(toEngineException),
  }));
  const engineAppointments: Appointment[] = row.appointments.map((a) => ({
    id: a.id,
    therapistId: a.therapistId,
    roomId: a.roomId,
    start: new Date(Number(a.startMs)).toISOString(),
    end: new Date(Number(a.endMs)).toISOString(),
    bufferBeforeMinutes: a.bufferBeforeMinutes,
    bufferAfterMinutes: a.bufferAfterMinutes,
    status: toEngineStatus(a.status),
  }));
  const extras = Object.fromEntries(Object.keys(extra ?? {}).map((k) => [k, row[k as keyof typeof row]]));
  const licenceEnds = new Map(
    [...practisingLicences(row.licences)].map(([id, c]) => [
      id,
      { therapistId: id, therapistName: c.therapistName, title: c.title, expiresOn: c.expiresOn! },
    ]),
  );
  return {
    service,
    settings,
    licenceEnds,
    input: {
      clinic: { timeZone: options.timeZone, rules: settings },
      services: [engineService],
      therapists,
      rooms: row.rooms.map(({ id, locationId, equipment }) => ({ id, locationId, equipment })),
      appointments: engineAppointments,
    },
    extra: extras as never,
  };
}

const dayAfter = (date: string) => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS));

/**
 * Whether a therapist's licence has expired by a local date (the day after its expiry date on): why, in the
 * desk's words, or null. A therapist with no licence on file, or one that never expires, is never lapsed here:
 * as on the owner's licence alerts, a missing record is something to complete, not a reason to stop booking.
 */
export function licenceLapsedOn(loaded: LoadedInput, therapistId: string, localDate: string): string | null {
  const end = loaded.licenceEnds.get(therapistId);
  if (!end || localDate <= end.expiresOn) return null;
  return `${end.therapistName}'s licence expired on ${dayText(end.expiresOn)}: they may not treat or bill this visit`;
}

/**
 * The engine's input as an audience may book it. Patients (online) are never offered, nor may they book, a
 * therapist whose licence has expired: from the day after its expiry date they are off in the input, so the
 * availability, the booking check and the nearest alternatives all leave them out on those dates (and keep them
 * before). Staff see the input unchanged: the desk may need to rebook, and is warned instead.
 */
export function asBookableBy(loaded: LoadedInput, audience: Audience): LoadedInput {
  if (audience !== 'patient' || loaded.licenceEnds.size === 0) return loaded;
  return {
    ...loaded,
    input: {
      ...loaded.input,
      therapists: loaded.input.therapists.map((t) => {
        const end = loaded.licenceEnds.get(t.id);
        if (!end) return t;
        const lapsed: TherapistException = {
          kind: 'timeOff',
          startDate: dayAfter(end.expiresOn),
          endDate: '9998-12-31', // for good (its 24:00 is still a four-digit year)
        };
        return { ...t, exceptions: [...t.exceptions, lapsed] };
      }),
    },
  };
}

/** An exception row as the json sub-selects read it. */
export interface ExceptionJson {
  therapistId: string;
  kind: (typeof therapistExceptions.$inferSelect)['kind'];
  startDate: string;
  endDate: string;
  startTime: string | null;
  endTime: string | null;
  locationId: string | null;
  note: string | null;
}

interface AppointmentJson {
  id: string;
  therapistId: string;
  roomId: string;
  startMs: number | string;
  endMs: number | string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  status: AppointmentStatusValue;
}

export function toEngineException(e: ExceptionJson): TherapistException {
  if (e.kind === 'holiday') return { kind: 'holiday', date: e.startDate, note: e.note ?? undefined };
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
