import { and, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { serviceOfAppointment } from '../../db/joins.ts';
import {
  appointments,
  calendarFeeds,
  clinics,
  LIVE_STATUSES,
  patients,
  rooms,
  services,
} from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { rolesAllow } from '../../platform/permissions.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { buildCalendar } from './ics.ts';
import { assertTherapists } from './references.ts';
import { feedCreated, feedSettings, feedStatus } from './schemas.ts';

const DAY_MS = 86_400_000;
const tags = ['Calendar feeds'];
const params = z.object({ clinicId: z.uuid(), therapistId: z.uuid() });

/**
 * Each therapist's private iCalendar feed: a secret URL (only its SHA-256 is stored) that calendar apps
 * subscribe to. Creating a new one revokes the old; revoking ends it. Events carry no patient names unless
 * the therapist turns that on.
 */
export default async function feedRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  /** The therapist themself, or owner / front desk. */
  async function authorizeFeed(
    request: Parameters<typeof authorizeClinic>[0],
    clinicId: string,
    therapistId: string,
  ) {
    const access = await authorizeClinic(request, clinicId, 'schedule.read');
    const self = access.principal.userId === therapistId && access.roles.includes('therapist');
    if (!self && !rolesAllow(access.roles, 'schedule.manage')) {
      throw new AppError('forbidden', "Only the therapist (or the clinic's managers) can manage this feed");
    }
    await assertTherapists(db, clinicId, [therapistId], 'params.therapistId');
    return access;
  }

  app.get(
    '/clinics/:clinicId/therapists/:therapistId/calendar-feed',
    {
      schema: {
        tags,
        summary:
          'Whether the therapist has a calendar feed URL in use (the URL itself is shown only when made)',
        params,
        response: { 200: feedStatus, 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, therapistId } = request.params;
      await authorizeFeed(request, clinicId, therapistId);
      const [active] = await db
        .select({
          id: calendarFeeds.id,
          includePatientNames: calendarFeeds.includePatientNames,
          createdAt: calendarFeeds.createdAt,
        })
        .from(calendarFeeds)
        .where(
          and(
            eq(calendarFeeds.clinicId, clinicId),
            eq(calendarFeeds.therapistId, therapistId),
            isNull(calendarFeeds.revokedAt),
          ),
        );
      return { active: active ? { ...active, createdAt: active.createdAt.toISOString() } : null };
    },
  );

  app.post(
    '/clinics/:clinicId/therapists/:therapistId/calendar-feed',
    {
      schema: {
        tags,
        summary:
          'Create (or replace) the therapist’s private calendar feed URL; the previous URL stops working',
        params,
        body: feedSettings,
        response: { 201: feedCreated, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const { clinicId, therapistId } = request.params;
      const access = await authorizeFeed(request, clinicId, therapistId);
      const token = randomToken();
      const id = uuidv7();
      const now = app.deps.now();
      await db.transaction(async (tx) => {
        await tx
          .update(calendarFeeds)
          .set({ revokedAt: now })
          .where(
            and(
              eq(calendarFeeds.clinicId, clinicId),
              eq(calendarFeeds.therapistId, therapistId),
              isNull(calendarFeeds.revokedAt),
            ),
          );
        await tx.insert(calendarFeeds).values({
          clinicId,
          id,
          therapistId,
          tokenHash: sha256(token),
          includePatientNames: request.body.includePatientNames,
          createdAt: now,
        });
      });
      await request.audit({
        action: 'calendar_feed.create',
        clinicId,
        actorRoles: access.roles,
        resourceType: 'calendar_feed',
        resourceId: id,
        details: { therapistId, includePatientNames: request.body.includePatientNames },
      });
      return reply.status(201).send({
        id,
        url: `${app.deps.config.publicUrl}/api/calendar-feeds/${token}.ics`,
        includePatientNames: request.body.includePatientNames,
      });
    },
  );

  app.delete(
    '/clinics/:clinicId/therapists/:therapistId/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Revoke the therapist’s calendar feed URL',
        params,
        response: { 200: z.object({ revoked: z.number().int() }), 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, therapistId } = request.params;
      const access = await authorizeFeed(request, clinicId, therapistId);
      const revoked = await db
        .update(calendarFeeds)
        .set({ revokedAt: app.deps.now() })
        .where(
          and(
            eq(calendarFeeds.clinicId, clinicId),
            eq(calendarFeeds.therapistId, therapistId),
            isNull(calendarFeeds.revokedAt),
          ),
        )
        .returning({ id: calendarFeeds.id });
      await request.audit({
        action: 'calendar_feed.revoke',
        clinicId,
        actorRoles: access.roles,
        resourceType: 'calendar_feed',
        details: { therapistId, revoked: revoked.length },
      });
      return { revoked: revoked.length };
    },
  );

  app.get(
    '/calendar-feeds/:file',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'A therapist’s schedule as iCalendar (RFC 5545): the secret URL is the credential',
        params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }),
        security: [],
        response: { 200: z.string(), 404: errorSchema },
      },
    },
    async (request, reply) => {
      const token = request.params.file.slice(0, -4);
      const [feed] = await db
        .select({ feed: calendarFeeds, clinicName: clinics.name, timeZone: clinics.timeZone })
        .from(calendarFeeds)
        .innerJoin(clinics, eq(clinics.id, calendarFeeds.clinicId))
        .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt)));
      if (!feed) throw new AppError('not_found', 'No such calendar feed');
      const now = app.deps.now();
      const { clinicId, therapistId, includePatientNames } = feed.feed;
      const rows = await db
        .select({
          appointment: appointments,
          serviceName: services.name,
          roomName: rooms.name,
          preferredName: patients.preferredName,
          firstName: patients.legalFirstName,
          lastName: patients.legalLastName,
        })
        .from(appointments)
        .innerJoin(services, serviceOfAppointment)
        .innerJoin(rooms, and(eq(rooms.clinicId, appointments.clinicId), eq(rooms.id, appointments.roomId)))
        .innerJoin(
          patients,
          and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)),
        )
        .where(
          and(
            eq(appointments.clinicId, clinicId),
            eq(appointments.therapistId, therapistId),
            inArray(appointments.status, [...LIVE_STATUSES]),
            gt(appointments.startAt, new Date(now.getTime() - 30 * DAY_MS)),
            lt(appointments.startAt, new Date(now.getTime() + 180 * DAY_MS)),
          ),
        )
        .orderBy(appointments.startAt)
        .limit(5000);
      const ics = buildCalendar({
        name: `${feed.clinicName} — my schedule`,
        timeZone: feed.timeZone,
        now,
        events: rows.map((r) => ({
          id: r.appointment.id,
          start: r.appointment.startAt,
          end: r.appointment.endAt,
          summary: includePatientNames
            ? `${r.preferredName ?? r.firstName} ${r.lastName.slice(0, 1)}. — ${r.serviceName}`
            : `${r.serviceName}`,
          location: r.roomName,
        })),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(ics);
    },
  );
}
