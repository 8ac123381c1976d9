import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  rooms,
  schedulingSettings,
  services,
  serviceTherapists,
  therapistBreaks,
  therapistExceptions,
  therapistHours,
  users,
} from '../../db/schema/index.ts';
import type { HolidayException, TimeOffException } from '../../domain/scheduling/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorizeClinic, type ClinicAccess } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { activeTherapists } from '../members/therapists.ts';
import { audienceOf, loadSettings } from './engine-input.ts';
import { assertLocations, assertRooms, assertServices, assertTherapists } from './references.ts';
import {
  appointmentsInTimeOff,
  bookingRules,
  bookingRulesPatch,
  exceptionCreated,
  exceptionInput,
  exceptionOut,
  localDate,
  publicService,
  room,
  roomInput,
  service,
  serviceInput,
  therapistSchedule,
  therapistScheduleOut,
} from './schemas.ts';
import { bookedInTime, listed, listedAuditEntry, mayNamePatients } from './time-off-conflicts.ts';

const tags = ['Scheduling set-up'];
const clinicParams = z.object({ clinicId: z.uuid() });
const serviceParams = clinicParams.extend({ serviceId: z.uuid() });
const roomParams = clinicParams.extend({ roomId: z.uuid() });
const therapistParams = clinicParams.extend({ therapistId: z.uuid() });

type ServiceRow = typeof services.$inferSelect;

export async function serviceDtos(db: Executor, clinicId: string, rows: ServiceRow[]) {
  const links = rows.length
    ? await db
        .select()
        .from(serviceTherapists)
        .where(
          and(
            eq(serviceTherapists.clinicId, clinicId),
            inArray(
              serviceTherapists.serviceId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    durationMinutes: r.durationMinutes,
    bufferBeforeMinutes: r.bufferBeforeMinutes,
    bufferAfterMinutes: r.bufferAfterMinutes,
    priceCents: r.priceCents,
    kind: r.kind,
    onlineBookable: r.onlineBookable,
    requiredEquipment: r.requiredEquipment,
    roomIds: r.roomIds,
    therapistIds: links
      .filter((l) => l.serviceId === r.id)
      .map((l) => l.therapistId)
      .sort(),
    archived: r.archivedAt !== null,
  }));
}

const roomDto = (r: typeof rooms.$inferSelect) => ({
  id: r.id,
  locationId: r.locationId,
  name: r.name,
  equipment: r.equipment,
  sortOrder: r.sortOrder,
  archived: r.archivedAt !== null,
});

function audit(
  tx: Executor,
  request: { ip: string; id: string },
  access: ClinicAccess,
  action: string,
  resourceType: string,
  resourceId: string,
  details?: Record<string, unknown>,
) {
  return recordAudit(tx, {
    action,
    clinicId: access.clinicId,
    actorUserId: access.principal.userId,
    actorRoles: access.roles,
    resourceType,
    resourceId,
    details,
    ip: request.ip,
    requestId: request.id,
  });
}

async function writeServiceTherapists(
  tx: Executor,
  clinicId: string,
  serviceId: string,
  therapistIds: string[],
) {
  await tx
    .delete(serviceTherapists)
    .where(and(eq(serviceTherapists.clinicId, clinicId), eq(serviceTherapists.serviceId, serviceId)));
  const unique = [...new Set(therapistIds)];
  if (unique.length > 0) {
    await tx
      .insert(serviceTherapists)
      .values(unique.map((therapistId) => ({ clinicId, serviceId, therapistId })));
  }
}

export default async function schedulingSetupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  // ── Booking rules ────────────────────────────────────────────────────────────────────────────
  app.get(
    '/clinics/:clinicId/scheduling/rules',
    {
      schema: {
        tags,
        summary: 'Booking rules and reminder settings',
        params: clinicParams,
        response: { 200: bookingRules, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.read');
      return loadSettings(db, access.clinicId);
    },
  );

  app.patch(
    '/clinics/:clinicId/scheduling/rules',
    {
      schema: {
        tags,
        summary:
          'Change booking rules (minimum notice, days ahead, grid, late-cancellation window, reminders)',
        params: clinicParams,
        body: bookingRulesPatch,
        response: { 200: bookingRules, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      return db.transaction(async (tx) => {
        const next = { ...(await loadSettings(tx, access.clinicId)), ...request.body };
        next.reminderOffsetsMinutes = [...new Set(next.reminderOffsetsMinutes)].sort((a, b) => b - a);
        await tx
          .insert(schedulingSettings)
          .values({ clinicId: access.clinicId, ...next, updatedAt: app.deps.now() })
          .onConflictDoUpdate({
            target: schedulingSettings.clinicId,
            set: { ...next, updatedAt: app.deps.now() },
          });
        await audit(tx, request, access, 'scheduling.rules_changed', 'clinic', access.clinicId, {
          changed: Object.keys(request.body),
        });
        return next;
      });
    },
  );

  // ── Services ─────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/clinics/:clinicId/services',
    {
      schema: {
        tags,
        summary: 'Services (session types). Patients see only online-bookable, active services',
        params: clinicParams,
        querystring: z.object({ includeArchived: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(service.or(publicService)) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.read');
      const staff = audienceOf(access.roles) === 'staff';
      const rows = await db
        .select()
        .from(services)
        .where(
          and(
            eq(services.clinicId, access.clinicId),
            staff && request.query.includeArchived === 'true' ? undefined : isNull(services.archivedAt),
            staff ? undefined : eq(services.onlineBookable, true),
          ),
        )
        .orderBy(asc(services.name), asc(services.id));
      const items = await serviceDtos(db, access.clinicId, rows);
      return { items: staff ? items : items.map((i) => publicService.parse(i)) };
    },
  );

  app.post(
    '/clinics/:clinicId/services',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a service',
        params: clinicParams,
        body: serviceInput,
        response: { 201: service, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      const { therapistIds, ...body } = request.body;
      await assertTherapists(db, access.clinicId, therapistIds, 'body.therapistIds');
      await assertRooms(db, access.clinicId, body.roomIds, 'body.roomIds');
      const id = uuidv7();
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(services)
          .values({ clinicId: access.clinicId, id, ...body, description: body.description ?? null })
          .returning();
        await writeServiceTherapists(tx, access.clinicId, id, therapistIds);
        await audit(tx, request, access, 'service.create', 'service', id);
        return created!;
      });
      const [dto] = await serviceDtos(db, access.clinicId, [row]);
      return reply.status(201).send(dto!);
    },
  );

  app.put(
    '/clinics/:clinicId/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Replace a service (existing appointments keep their times and buffers)',
        params: serviceParams,
        body: serviceInput,
        response: { 200: service, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      const { therapistIds, ...body } = request.body;
      await assertTherapists(db, access.clinicId, therapistIds, 'body.therapistIds');
      await assertRooms(db, access.clinicId, body.roomIds, 'body.roomIds');
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(services)
          .set({ ...body, description: body.description ?? null })
          .where(and(eq(services.clinicId, access.clinicId), eq(services.id, request.params.serviceId)))
          .returning();
        if (!updated) throw notFound('Service');
        await writeServiceTherapists(tx, access.clinicId, updated.id, therapistIds);
        await audit(tx, request, access, 'service.update', 'service', updated.id);
        return updated;
      });
      const [dto] = await serviceDtos(db, access.clinicId, [row]);
      return dto!;
    },
  );

  app.delete(
    '/clinics/:clinicId/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Archive a service (no new bookings; history stays)',
        params: serviceParams,
        response: { 200: z.object({ ok: z.literal(true) }), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(services)
          .set({ archivedAt: app.deps.now() })
          .where(and(eq(services.clinicId, access.clinicId), eq(services.id, request.params.serviceId)))
          .returning({ id: services.id });
        if (!row) throw notFound('Service');
        await audit(tx, request, access, 'service.archive', 'service', row.id);
      });
      return { ok: true as const };
    },
  );

  // ── Rooms ────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/clinics/:clinicId/rooms',
    {
      schema: {
        tags,
        summary: 'Treatment rooms, per location, with equipment tags',
        params: clinicParams,
        querystring: z.object({ locationId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(room) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.read');
      const rows = await db
        .select()
        .from(rooms)
        .where(
          and(
            eq(rooms.clinicId, access.clinicId),
            request.query.locationId ? eq(rooms.locationId, request.query.locationId) : undefined,
          ),
        )
        .orderBy(asc(rooms.sortOrder), asc(rooms.name), asc(rooms.id));
      return { items: rows.map(roomDto) };
    },
  );

  app.post(
    '/clinics/:clinicId/rooms',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add a room',
        params: clinicParams,
        body: roomInput,
        response: { 201: room, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      await assertLocations(db, access.clinicId, [request.body.locationId], 'body.locationId');
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(rooms)
          .values({ clinicId: access.clinicId, id: uuidv7(), ...request.body })
          .returning();
        await audit(tx, request, access, 'room.create', 'room', created!.id);
        return created!;
      });
      return reply.status(201).send(roomDto(row));
    },
  );

  app.put(
    '/clinics/:clinicId/rooms/:roomId',
    {
      schema: {
        tags,
        summary: 'Update a room',
        params: roomParams,
        body: roomInput,
        response: { 200: room, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      await assertLocations(db, access.clinicId, [request.body.locationId], 'body.locationId');
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(rooms)
          .set(request.body)
          .where(and(eq(rooms.clinicId, access.clinicId), eq(rooms.id, request.params.roomId)))
          .returning();
        if (!row) throw notFound('Room');
        await audit(tx, request, access, 'room.update', 'room', row.id);
        return roomDto(row);
      });
    },
  );

  app.delete(
    '/clinics/:clinicId/rooms/:roomId',
    {
      schema: {
        tags,
        summary: 'Archive a room (no new bookings in it; history stays)',
        params: roomParams,
        response: { 200: z.object({ ok: z.literal(true) }), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(rooms)
          .set({ archivedAt: app.deps.now() })
          .where(and(eq(rooms.clinicId, access.clinicId), eq(rooms.id, request.params.roomId)))
          .returning({ id: rooms.id });
        if (!row) throw notFound('Room');
        await audit(tx, request, access, 'room.archive', 'room', row.id);
      });
      return { ok: true as const };
    },
  );

  // ── Therapists: weekly hours, breaks, services offered ─────────────────────────────────────────
  async function scheduleOf(clinicId: string, therapistIds: string[]) {
    if (therapistIds.length === 0) return [];
    const [people, hours, breaks, offered] = await Promise.all([
      db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(inArray(users.id, therapistIds)),
      db
        .select()
        .from(therapistHours)
        .where(and(eq(therapistHours.clinicId, clinicId), inArray(therapistHours.therapistId, therapistIds)))
        .orderBy(therapistHours.weekday, therapistHours.startTime),
      db
        .select()
        .from(therapistBreaks)
        .where(
          and(eq(therapistBreaks.clinicId, clinicId), inArray(therapistBreaks.therapistId, therapistIds)),
        )
        .orderBy(therapistBreaks.weekday, therapistBreaks.startTime),
      db
        .select()
        .from(serviceTherapists)
        .where(
          and(eq(serviceTherapists.clinicId, clinicId), inArray(serviceTherapists.therapistId, therapistIds)),
        ),
    ]);
    return therapistIds.map((therapistId) => ({
      therapistId,
      displayName: people.find((p) => p.id === therapistId)?.displayName ?? '',
      weeklyHours: hours
        .filter((h) => h.therapistId === therapistId)
        .map((h) => ({ weekday: h.weekday, start: h.startTime, end: h.endTime, locationId: h.locationId })),
      breaks: breaks
        .filter((b) => b.therapistId === therapistId)
        .map((b) => ({ weekday: b.weekday, start: b.startTime, end: b.endTime })),
      serviceIds: offered
        .filter((o) => o.therapistId === therapistId)
        .map((o) => o.serviceId)
        .sort(),
    }));
  }

  app.get(
    '/clinics/:clinicId/therapists',
    {
      schema: {
        tags,
        summary: 'Therapists with their weekly hours, breaks and the services they offer',
        params: clinicParams,
        response: { 200: z.object({ items: z.array(therapistScheduleOut) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.read');
      const rows = await activeTherapists(db, access.clinicId);
      const items = await scheduleOf(
        access.clinicId,
        rows.map((r) => r.id),
      );
      // Patients see who offers what, not the working-hours set-up.
      if (audienceOf(access.roles) === 'patient') {
        return { items: items.map((i) => ({ ...i, weeklyHours: [], breaks: [] })) };
      }
      return { items };
    },
  );

  app.put(
    '/clinics/:clinicId/therapists/:therapistId/schedule',
    {
      schema: {
        tags,
        summary: "Replace a therapist's weekly hours, breaks and services offered",
        params: therapistParams,
        body: therapistSchedule,
        response: { 200: therapistScheduleOut, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      const { therapistId } = request.params;
      const body = request.body;
      await assertTherapists(db, access.clinicId, [therapistId], 'params.therapistId');
      await assertLocations(
        db,
        access.clinicId,
        body.weeklyHours.map((h) => h.locationId),
        'body.weeklyHours.locationId',
      );
      await assertServices(db, access.clinicId, body.serviceIds, 'body.serviceIds');
      const clinicId = access.clinicId;
      await db.transaction(async (tx) => {
        await tx
          .delete(therapistHours)
          .where(and(eq(therapistHours.clinicId, clinicId), eq(therapistHours.therapistId, therapistId)));
        await tx
          .delete(therapistBreaks)
          .where(and(eq(therapistBreaks.clinicId, clinicId), eq(therapistBreaks.therapistId, therapistId)));
        await tx
          .delete(serviceTherapists)
          .where(
            and(eq(serviceTherapists.clinicId, clinicId), eq(serviceTherapists.therapistId, therapistId)),
          );
        if (body.weeklyHours.length) {
          await tx.insert(therapistHours).values(
            body.weeklyHours.map((h) => ({
              clinicId,
              id: uuidv7(),
              therapistId,
              locationId: h.locationId,
              weekday: h.weekday,
              startTime: h.start,
              endTime: h.end,
            })),
          );
        }
        if (body.breaks.length) {
          await tx.insert(therapistBreaks).values(
            body.breaks.map((b) => ({
              clinicId,
              id: uuidv7(),
              therapistId,
              weekday: b.weekday,
              startTime: b.start,
              endTime: b.end,
            })),
          );
        }
        const offered = [...new Set(body.serviceIds)];
        if (offered.length) {
          await tx
            .insert(serviceTherapists)
            .values(offered.map((serviceId) => ({ clinicId, serviceId, therapistId })));
        }
        await audit(tx, request, access, 'therapist.schedule_changed', 'user', therapistId, {
          weeklyHours: body.weeklyHours.length,
          breaks: body.breaks.length,
          services: offered.length,
        });
      });
      const [out] = await scheduleOf(clinicId, [therapistId]);
      return out!;
    },
  );

  // ── Exceptions: time off, holidays, extra hours ────────────────────────────────────────────────
  const exceptionDto = (e: typeof therapistExceptions.$inferSelect) => ({
    id: e.id,
    therapistId: e.therapistId,
    kind: e.kind,
    startDate: e.startDate,
    endDate: e.endDate,
    startTime: e.startTime,
    endTime: e.endTime,
    locationId: e.locationId,
    note: e.note,
  });

  app.get(
    '/clinics/:clinicId/therapists/:therapistId/exceptions',
    {
      schema: {
        tags,
        summary: "A therapist's time off, holidays and extra hours touching a date range",
        params: therapistParams,
        querystring: z.object({ from: localDate.optional(), to: localDate.optional() }),
        response: { 200: z.object({ items: z.array(exceptionOut) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      const rows = await db
        .select()
        .from(therapistExceptions)
        .where(
          and(
            eq(therapistExceptions.clinicId, access.clinicId),
            eq(therapistExceptions.therapistId, request.params.therapistId),
            request.query.from ? gte(therapistExceptions.endDate, request.query.from) : undefined,
            request.query.to ? lte(therapistExceptions.startDate, request.query.to) : undefined,
          ),
        )
        .orderBy(therapistExceptions.startDate, therapistExceptions.id);
      return { items: rows.map(exceptionDto) };
    },
  );

  const bookedConflictError = errorSchema.extend({
    error: errorSchema.shape.error.extend({
      code: z
        .string()
        .describe('appointments_in_time_off: booked patients fall in the time off (listed in details)'),
      details: appointmentsInTimeOff.optional(),
    }),
  });

  app.post(
    '/clinics/:clinicId/therapists/:therapistId/exceptions',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add time off, a holiday or extra hours',
        description:
          "Time off or a holiday over the therapist's booked appointments (booked, confirmed or checked in) is answered 409 appointments_in_time_off with those appointments in details, unless acknowledgeBookedAppointments is true. Saved either way, the appointments stay as they are (nothing is cancelled) and the response lists them in bookedAppointments. Patient names are shown only to callers who may read appointments.",
        params: therapistParams,
        body: exceptionInput,
        response: { 201: exceptionCreated, 400: errorSchema, 403: errorSchema, 409: bookedConflictError },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      const { therapistId } = request.params;
      const body = request.body;
      await assertTherapists(db, access.clinicId, [therapistId], 'params.therapistId');
      const base = { clinicId: access.clinicId, id: uuidv7(), therapistId, note: body.note ?? null };
      let values: typeof therapistExceptions.$inferInsert;
      /** The time it takes from the therapist, in the engine's terms (extra hours take none). */
      let removes: TimeOffException | HolidayException | undefined;
      if (body.kind === 'time_off') {
        if (body.endDate < body.startDate) {
          throw new AppError('validation_failed', 'The request is not valid', [
            { path: 'body.endDate', message: 'Must be on or after the first day' },
          ]);
        }
        if (
          body.endDate === body.startDate &&
          body.endTime !== undefined &&
          body.endTime <= (body.startTime ?? '00:00')
        ) {
          throw new AppError('validation_failed', 'The request is not valid', [
            { path: 'body.endTime', message: 'must be after the start time on a one-day time off' },
          ]);
        }
        values = {
          ...base,
          kind: 'time_off',
          startDate: body.startDate,
          endDate: body.endDate,
          startTime: body.startTime ?? null,
          endTime: body.endTime ?? null,
        };
        removes = {
          kind: 'timeOff',
          startDate: body.startDate,
          endDate: body.endDate,
          startTime: body.startTime,
          endTime: body.endTime,
        };
      } else if (body.kind === 'holiday') {
        values = { ...base, kind: 'holiday', startDate: body.date, endDate: body.date };
        removes = { kind: 'holiday', date: body.date };
      } else {
        await assertLocations(db, access.clinicId, [body.locationId], 'body.locationId');
        values = {
          ...base,
          kind: 'extra_hours',
          startDate: body.date,
          endDate: body.date,
          startTime: body.start,
          endTime: body.end,
          locationId: body.locationId,
        };
      }
      const acknowledged = body.kind !== 'extra_hours' && body.acknowledgeBookedAppointments === true;
      const result = await db.transaction(async (tx) => {
        // Read in the transaction that saves, so what is answered is what the saved time off covers.
        const found = removes
          ? await bookedInTime(tx, {
              clinicId: access.clinicId,
              therapistId,
              timeZone: access.clinic.timeZone,
              exception: removes,
              withNames: mayNamePatients(access),
            })
          : [];
        if (found.length > 0 && !acknowledged) return { saved: false as const, found };
        const [created] = await tx.insert(therapistExceptions).values(values).returning();
        await audit(tx, request, access, 'therapist.exception_added', 'therapist_exception', created!.id, {
          kind: body.kind,
          ...(removes ? { bookedAppointments: found.length, acknowledged } : {}),
        });
        if (found.length > 0) {
          await recordAudit(tx, listedAuditEntry(request, access, therapistId, found, { saved: true }));
        }
        return { saved: true as const, created: created!, found };
      });
      if (!result.saved) {
        const { found } = result;
        await request.audit(listedAuditEntry(request, access, therapistId, found, { saved: false }));
        const where = body.kind === 'holiday' ? 'on this holiday' : 'in this time off';
        throw new AppError(
          'appointments_in_time_off',
          `${found.length === 1 ? '1 booked appointment falls' : `${found.length} booked appointments fall`} ${where}: reschedule or cancel ${found.length === 1 ? 'it' : 'them'} first, or save with acknowledgeBookedAppointments to keep ${found.length === 1 ? 'it' : 'them'} booked`,
          listed(found),
        );
      }
      return reply
        .status(201)
        .send({ ...exceptionDto(result.created), bookedAppointments: listed(result.found) });
    },
  );

  app.delete(
    '/clinics/:clinicId/therapists/:therapistId/exceptions/:exceptionId',
    {
      schema: {
        tags,
        summary: 'Remove an exception',
        params: therapistParams.extend({ exceptionId: z.uuid() }),
        response: { 200: z.object({ ok: z.literal(true) }), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.manage');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .delete(therapistExceptions)
          .where(
            and(
              eq(therapistExceptions.clinicId, access.clinicId),
              eq(therapistExceptions.therapistId, request.params.therapistId),
              eq(therapistExceptions.id, request.params.exceptionId),
            ),
          )
          .returning({ id: therapistExceptions.id });
        if (!row) throw notFound('Exception');
        await audit(tx, request, access, 'therapist.exception_removed', 'therapist_exception', row.id);
      });
      return { ok: true as const };
    },
  );
}
