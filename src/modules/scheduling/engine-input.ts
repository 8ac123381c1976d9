import { and, eq, gt, gte, inArray, isNull, lt, lte } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import {
  type AppointmentStatusValue,
  appointments,
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

export interface SchedulingSettings extends ClinicRules {
  reminderOffsetsMinutes: number[];
  whatToBring: string | null;
  selfCareTips: string | null;
}

export const DEFAULT_SETTINGS: SchedulingSettings = {
  minNoticeMinutes: 120,
  maxDaysAhead: 60,
  slotGranularityMinutes: 15,
  lateCancellationHours: 24,
  reminderOffsetsMinutes: [2880, 120],
  whatToBring: null,
  selfCareTips: null,
};

export async function loadSettings(db: Executor, clinicId: string): Promise<SchedulingSettings> {
  const [row] = await db.select().from(schedulingSettings).where(eq(schedulingSettings.clinicId, clinicId));
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    minNoticeMinutes: row.minNoticeMinutes,
    maxDaysAhead: row.maxDaysAhead,
    slotGranularityMinutes: row.slotGranularityMinutes,
    lateCancellationHours: row.lateCancellationHours,
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

export interface LoadedInput {
  input: AvailabilityInput;
  settings: SchedulingSettings;
  service: typeof services.$inferSelect;
}

/**
 * Loads what the pure engine needs for one service over one range, and only that: the service, its
 * eligible active therapists with their hours, breaks and the exceptions touching the range, the clinic's
 * rooms, and the live appointments whose blocked interval overlaps the range.
 */
export async function loadAvailabilityInput(
  db: Executor,
  options: {
    clinicId: string;
    timeZone: string;
    serviceId: string;
    from: Date;
    to: Date;
    therapistId?: string;
  },
): Promise<LoadedInput | null> {
  const { clinicId } = options;
  const [service] = await db
    .select()
    .from(services)
    .where(
      and(eq(services.clinicId, clinicId), eq(services.id, options.serviceId), isNull(services.archivedAt)),
    );
  if (!service) return null;
  const settings = await loadSettings(db, clinicId);
  const linked = await db
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
        eq(serviceTherapists.serviceId, service.id),
        options.therapistId ? eq(serviceTherapists.therapistId, options.therapistId) : undefined,
      ),
    )
    .orderBy(serviceTherapists.therapistId);
  const therapistIds = linked.map((l) => l.therapistId);
  const fromDate = isoDate(options.from);
  const toDate = isoDate(options.to);
  const [hours, breaks, exceptions, roomRows, appts] = await Promise.all([
    therapistIds.length
      ? db
          .select()
          .from(therapistHours)
          .where(
            and(eq(therapistHours.clinicId, clinicId), inArray(therapistHours.therapistId, therapistIds)),
          )
      : [],
    therapistIds.length
      ? db
          .select()
          .from(therapistBreaks)
          .where(
            and(eq(therapistBreaks.clinicId, clinicId), inArray(therapistBreaks.therapistId, therapistIds)),
          )
      : [],
    therapistIds.length
      ? db
          .select()
          .from(therapistExceptions)
          .where(
            and(
              eq(therapistExceptions.clinicId, clinicId),
              inArray(therapistExceptions.therapistId, therapistIds),
              gte(therapistExceptions.endDate, fromDate),
              lte(therapistExceptions.startDate, toDate),
            ),
          )
      : [],
    db
      .select()
      .from(rooms)
      .where(and(eq(rooms.clinicId, clinicId), isNull(rooms.archivedAt)))
      .orderBy(rooms.sortOrder, rooms.name, rooms.id),
    db
      .select({
        id: appointments.id,
        therapistId: appointments.therapistId,
        roomId: appointments.roomId,
        startAt: appointments.startAt,
        endAt: appointments.endAt,
        bufferBeforeMinutes: appointments.bufferBeforeMinutes,
        bufferAfterMinutes: appointments.bufferAfterMinutes,
        status: appointments.status,
      })
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          inArray(appointments.status, [...LIVE_STATUSES]),
          lt(appointments.blockedStart, options.to),
          gt(appointments.blockedEnd, options.from),
        ),
      ),
  ]);
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
      .map((h) => ({
        weekday: h.weekday as Weekday,
        start: h.startTime,
        end: h.endTime,
        locationId: h.locationId,
      })),
    breaks: breaks
      .filter((b) => b.therapistId === id)
      .map((b) => ({ weekday: b.weekday as Weekday, start: b.startTime, end: b.endTime })),
    exceptions: exceptions.filter((e) => e.therapistId === id).map(toEngineException),
  }));
  const engineRooms: Room[] = roomRows.map((r) => ({
    id: r.id,
    locationId: r.locationId,
    equipment: r.equipment,
  }));
  const engineAppointments: Appointment[] = appts.map((a) => ({
    id: a.id,
    therapistId: a.therapistId,
    roomId: a.roomId,
    start: a.startAt.toISOString(),
    end: a.endAt.toISOString(),
    bufferBeforeMinutes: a.bufferBeforeMinutes,
    bufferAfterMinutes: a.bufferAfterMinutes,
    status: toEngineStatus(a.status),
  }));
  return {
    service,
    settings,
    input: {
      clinic: { timeZone: options.timeZone, rules: settings },
      services: [engineService],
      therapists,
      rooms: engineRooms,
      appointments: engineAppointments,
    },
  };
}

function toEngineException(e: typeof therapistExceptions.$inferSelect): TherapistException {
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
