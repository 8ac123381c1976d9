import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { patients, services, waitlistEntries, waitlistOffers } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient, type PatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { dayText } from '../patients/dates.ts';
import { audienceOf } from '../scheduling/engine-input.ts';
import { assertLocations, assertTherapists } from '../scheduling/references.ts';
import { auditAppointment, refuseAudited } from './access.ts';
import { displayName, insertAppointment, isSlotConflict, planBooking, toDtos } from './booking.ts';
import { referralToAttach } from './referral-allowance.ts';
import {
  appointment,
  waitlistBody,
  waitlistEntry,
  waitlistList,
  waitlistOffer,
  waitlistOfferBody,
  waitlistOfferMade,
} from './schemas.ts';
import { offerExpiry, sendOfferEmail } from './waitlist.ts';

const tags = ['Waitlist'];
const clinicParams = z.object({ clinicId: z.uuid() });
const conflictSchema = errorSchema.describe(
  '`conflict`: the entry is no longer waiting; `slot_taken`: the time is taken (`details.alternatives` holds the nearest free starts)',
);
const unprocessableSchema = errorSchema.describe(
  'The time cannot be booked for this service (`details.problems`, `details.alternatives`), or lies outside what the patient asked for (`details` names the field)',
);

/** The engine's problem codes behind a refused time (codes only, no health data), for its audit row. */
const problemCodes = (error: AppError) => {
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? { problems } : {};
};

/** Audits a completed write on a waiting-list request, in the transaction that made it. */
const auditEntry = (
  tx: Executor,
  request: FastifyRequest,
  access: PatientAccess,
  action: string,
  entry: { id: string; patientId: string },
  details?: Record<string, unknown>,
) => auditAppointment(tx, request, access, action, entry, details, 'waitlist_entry');

const entryDto = (e: typeof waitlistEntries.$inferSelect) => ({
  id: e.id,
  patientId: e.patientId,
  serviceId: e.serviceId,
  therapistId: e.therapistId,
  locationId: e.locationId,
  fromDate: e.fromDate,
  toDate: e.toDate,
  status: e.status,
  appointmentId: e.appointmentId,
  createdAt: e.createdAt.toISOString(),
});

/** An offer as the list shows it: an open offer past its time reads as expired. */
const offerSummary = (o: typeof waitlistOffers.$inferSelect, timeZone: string, now: Date) => ({
  id: o.id,
  start: o.startAt.toISOString(),
  localStart: DateTime.fromJSDate(o.startAt, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
  status: o.status === 'open' && o.expiresAt <= now ? ('expired' as const) : o.status,
  expiresAt: o.expiresAt.toISOString(),
});

export default async function waitlistRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.post(
    '/clinics/:clinicId/waitlist',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Ask for an earlier time: a service, optionally a therapist or location, and a date window',
        params: clinicParams,
        body: waitlistBody,
        response: { 201: waitlistEntry, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const access = await authorizePatient(request, {
        clinicId: request.params.clinicId,
        patientId: body.patientId,
        permission: 'appointments.book',
        action: 'waitlist.join',
        resourceType: 'waitlist_entry',
      });
      if (body.toDate < body.fromDate) {
        throw new AppError('validation_failed', 'The request is not valid', [
          { path: 'body.toDate', message: 'must be on or after fromDate' },
        ]);
      }
      const [svc] = await db
        .select()
        .from(services)
        .where(and(eq(services.clinicId, access.clinicId), eq(services.id, body.serviceId)));
      if (!svc || svc.archivedAt || (access.via !== 'staff' && !svc.onlineBookable))
        throw notFound('Service');
      if (body.therapistId)
        await assertTherapists(db, access.clinicId, [body.therapistId], 'body.therapistId');
      if (body.locationId) await assertLocations(db, access.clinicId, [body.locationId], 'body.locationId');
      const entry = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(waitlistEntries)
          .values({
            clinicId: access.clinicId,
            id: uuidv7(),
            patientId: body.patientId,
            serviceId: body.serviceId,
            therapistId: body.therapistId ?? null,
            locationId: body.locationId ?? null,
            fromDate: body.fromDate,
            toDate: body.toDate,
            createdBy: access.principal.userId,
            createdAt: app.deps.now(),
          })
          .returning();
        await auditEntry(tx, request, access, 'waitlist.join.done', row!);
        return row!;
      });
      return reply.status(201).send(entryDto(entry));
    },
  );

  app.get(
    '/clinics/:clinicId/waitlist',
    {
      schema: {
        tags,
        summary:
          'Waiting list (staff: everyone; a patient: their own entries), with names and the latest offer. ' +
          'Waiting entries oldest first (the order offers go out); booked or cancelled ones newest first',
        params: clinicParams,
        querystring: z.object({ status: z.enum(['waiting', 'fulfilled', 'cancelled']).optional() }),
        response: { 200: waitlistList, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'appointments.book');
      let patientIds: string[] | undefined;
      if (audienceOf(access.roles) === 'patient') {
        const own = await db
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.clinicId, access.clinicId), eq(patients.userId, access.principal.userId)));
        patientIds = own.map((p) => p.id);
        if (patientIds.length === 0) return { items: [] };
      }
      const rows = await db
        .select()
        .from(waitlistEntries)
        .where(
          and(
            eq(waitlistEntries.clinicId, access.clinicId),
            request.query.status ? eq(waitlistEntries.status, request.query.status) : undefined,
            patientIds ? inArray(waitlistEntries.patientId, patientIds) : undefined,
          ),
        )
        .orderBy(
          ...(request.query.status && request.query.status !== 'waiting'
            ? [desc(waitlistEntries.createdAt), desc(waitlistEntries.id)]
            : [asc(waitlistEntries.createdAt), asc(waitlistEntries.id)]),
        )
        .limit(1000);
      if (rows.length === 0) return { items: [] };
      const entryIds = rows.map((r) => r.id);
      const patientIdsShown = [...new Set(rows.map((r) => r.patientId))];
      await request.audit({
        action: 'waitlist.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'waitlist_entry',
        details: { count: rows.length, patientIds: patientIdsShown.slice(0, 500) },
      });
      const [names, offers] = await Promise.all([
        db
          .select({
            id: patients.id,
            preferredName: patients.preferredName,
            legalFirstName: patients.legalFirstName,
            legalLastName: patients.legalLastName,
            email: patients.email,
          })
          .from(patients)
          .where(and(eq(patients.clinicId, access.clinicId), inArray(patients.id, patientIdsShown))),
        db
          .select()
          .from(waitlistOffers)
          .where(and(eq(waitlistOffers.clinicId, access.clinicId), inArray(waitlistOffers.entryId, entryIds)))
          .orderBy(desc(waitlistOffers.createdAt), desc(waitlistOffers.id)),
      ]);
      const nameOf = new Map(names.map((p) => [p.id, displayName(p)]));
      // Whether an offer can reach them by e-mail; the address itself is not sent.
      const withEmail = new Set(names.filter((p) => p.email).map((p) => p.id));
      const latestOffer = new Map<string, typeof waitlistOffers.$inferSelect>();
      for (const o of offers) if (!latestOffer.has(o.entryId)) latestOffer.set(o.entryId, o);
      const now = app.deps.now();
      return {
        items: rows.map((r) => {
          const offer = latestOffer.get(r.id);
          return {
            ...entryDto(r),
            patientName: nameOf.get(r.patientId) ?? null,
            patientEmailOnFile: withEmail.has(r.patientId),
            latestOffer: offer ? offerSummary(offer, access.clinic.timeZone, now) : null,
          };
        }),
      };
    },
  );

  async function entryFor(clinicId: string, entryId: string) {
    const [entry] = await db
      .select()
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.clinicId, clinicId), eq(waitlistEntries.id, entryId)));
    return entry;
  }

  app.delete(
    '/clinics/:clinicId/waitlist/:entryId',
    {
      schema: {
        tags,
        summary: 'Leave the waiting list',
        params: clinicParams.extend({ entryId: z.uuid() }),
        response: { 200: waitlistEntry, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const entry = await entryFor(request.params.clinicId, request.params.entryId);
      if (!entry) {
        await authorizeClinic(request, request.params.clinicId, 'appointments.book');
        throw notFound('Waitlist entry');
      }
      const access = await authorizePatient(request, {
        clinicId: request.params.clinicId,
        patientId: entry.patientId,
        permission: 'appointments.book',
        action: 'waitlist.leave',
        resourceType: 'waitlist_entry',
        resourceId: entry.id,
      });
      // Only a waiting entry can be withdrawn: a booked one stays a record of how the booking came about.
      if (entry.status === 'fulfilled')
        throw new AppError('conflict', 'This request was already booked; cancel the appointment instead');
      if (entry.status === 'cancelled') return entryDto(entry);
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(waitlistEntries)
          .set({ status: 'cancelled' })
          .where(
            and(
              eq(waitlistEntries.clinicId, access.clinicId),
              eq(waitlistEntries.id, entry.id),
              eq(waitlistEntries.status, 'waiting'),
            ),
          )
          .returning();
        if (!updated) throw new AppError('conflict', 'This request changed meanwhile; reload and try again');
        // An offer still open for it can no longer be accepted.
        await tx
          .update(waitlistOffers)
          .set({ status: 'expired' })
          .where(
            and(
              eq(waitlistOffers.clinicId, access.clinicId),
              eq(waitlistOffers.entryId, entry.id),
              eq(waitlistOffers.status, 'open'),
            ),
          );
        await auditEntry(tx, request, access, 'waitlist.leave.done', entry);
        return updated;
      });
      return entryDto(row);
    },
  );

  async function offerFor(
    request: Parameters<typeof authorizePatient>[0],
    clinicId: string,
    offerId: string,
    action: string,
  ) {
    const [offer] = await db
      .select()
      .from(waitlistOffers)
      .where(and(eq(waitlistOffers.clinicId, clinicId), eq(waitlistOffers.id, offerId)));
    const entry = offer ? await entryFor(clinicId, offer.entryId) : undefined;
    if (!offer || !entry) {
      const access = await authorizeClinic(request, clinicId, 'appointments.book');
      if (audienceOf(access.roles) === 'staff') throw notFound('Offer');
      throw new AppError('forbidden', 'You do not have access to this offer');
    }
    const access = await authorizePatient(request, {
      clinicId,
      patientId: entry.patientId,
      permission: 'appointments.book',
      action,
      resourceType: 'waitlist_offer',
      resourceId: offer.id,
    });
    return { offer, entry, access };
  }

  const offerDto = (o: typeof waitlistOffers.$inferSelect, timeZone: string, now: Date) => ({
    id: o.id,
    entryId: o.entryId,
    therapistId: o.therapistId,
    roomId: o.roomId,
    start: o.startAt.toISOString(),
    localStart: DateTime.fromJSDate(o.startAt, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
    status: o.status === 'open' && o.expiresAt <= now ? ('expired' as const) : o.status,
    expiresAt: o.expiresAt.toISOString(),
    appointmentId: o.appointmentId,
  });

  app.post(
    '/clinics/:clinicId/waitlist/:entryId/offers',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Offer a waiting patient a time by hand (staff): e-mailed with the same link as an opening; the patient ' +
          'accepts it through the offer routes. The time must be bookable now, within their dates, therapist and site',
        params: clinicParams.extend({ entryId: z.uuid() }),
        body: waitlistOfferBody,
        response: {
          201: waitlistOfferMade,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: conflictSchema,
          422: unprocessableSchema,
        },
      },
    },
    async (request, reply) => {
      const { clinicId, entryId } = request.params;
      const body = request.body;
      const clinicAccess = await authorizeClinic(request, clinicId, 'appointments.book');
      if (audienceOf(clinicAccess.roles) !== 'staff') {
        await request.audit({
          action: 'waitlist.offer_make',
          clinicId: clinicAccess.clinicId,
          actorRoles: clinicAccess.roles,
          resourceType: 'waitlist_entry',
          resourceId: entryId,
          outcome: 'refused',
        });
        throw new AppError('forbidden', 'Only clinic staff offer a time from the waitlist');
      }
      const entry = await entryFor(clinicId, entryId);
      if (!entry) throw notFound('Waitlist entry');
      const access = await authorizePatient(request, {
        clinicId,
        patientId: entry.patientId,
        permission: 'appointments.book',
        action: 'waitlist.offer_make',
        resourceType: 'waitlist_entry',
        resourceId: entry.id,
      });
      const timeZone = access.clinic.timeZone;
      const start = new Date(body.start);
      /** Every refusal from here on is audited with the patient, the time asked and why. */
      const refuse = (why: Record<string, unknown>, error: AppError) =>
        refuseAudited(
          request,
          access,
          entry,
          'waitlist.offer_make',
          { ...why, start: start.toISOString() },
          error,
          'waitlist_entry',
        );
      if (entry.status !== 'waiting')
        return refuse(
          { reason: 'status', status: entry.status },
          new AppError(
            'conflict',
            entry.status === 'fulfilled'
              ? 'This request was already booked'
              : 'This request was removed from the waitlist',
          ),
        );
      const outside = (path: string, message: string) =>
        refuse(
          { reason: 'outside_request', path },
          new AppError('unprocessable', `That time does not suit this request: ${message}`, [
            { path, message },
          ]),
        );
      const day = DateTime.fromJSDate(start, { zone: timeZone }).toISODate()!;
      if (day < entry.fromDate || day > entry.toDate)
        return outside(
          'body.start',
          `must fall on the dates the patient asked for (${dayText(entry.fromDate)} to ${dayText(entry.toDate)})`,
        );
      if (entry.therapistId && body.therapistId && body.therapistId !== entry.therapistId)
        return outside('body.therapistId', 'the patient asked for another therapist');
      const now = app.deps.now();
      // Errors as the booking route gives them: 409 slot_taken or 422 unprocessable, with alternatives.
      const plan = await planBooking(db, {
        clinicId: access.clinicId,
        timeZone,
        serviceId: entry.serviceId,
        therapistId: body.therapistId ?? entry.therapistId ?? undefined,
        roomId: body.roomId,
        start,
        audience: 'staff',
        now,
      }).catch((error: unknown) =>
        error instanceof AppError
          ? refuse({ reason: error.code, ...problemCodes(error) }, error)
          : Promise.reject(error),
      );
      if (entry.locationId && plan.slot.locationId !== entry.locationId)
        return outside(
          body.roomId ? 'body.roomId' : body.therapistId ? 'body.therapistId' : 'body.start',
          'that time is at another site than the patient asked for',
        );
      const [patient] = await db
        .select({ email: patients.email })
        .from(patients)
        .where(and(eq(patients.clinicId, access.clinicId), eq(patients.id, entry.patientId)));
      // Without an address the offer is still made, and the answer tells the desk to phone the patient.
      const emailTo = patient?.email || null;
      const emailed = emailTo !== null;
      const offer = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(waitlistOffers)
          .values({
            clinicId: access.clinicId,
            id: uuidv7(),
            entryId: entry.id,
            openingId: uuidv7(),
            therapistId: plan.slot.therapistId,
            roomId: plan.slot.roomId,
            startAt: start,
            expiresAt: offerExpiry(now, start),
            createdAt: now,
          })
          .returning();
        await auditEntry(tx, request, access, 'waitlist.offer_make.done', entry, {
          offerId: row!.id,
          start: start.toISOString(),
          therapistId: row!.therapistId,
          roomId: row!.roomId,
          emailed,
        });
        return row!;
      });
      if (emailTo)
        await sendOfferEmail(app, {
          clinicId: access.clinicId,
          clinic: { name: access.clinic.name, timeZone },
          locationId: plan.slot.locationId,
          to: emailTo,
          offerId: offer.id,
          start,
          expiresAt: offer.expiresAt,
          shared: false,
        });
      return reply.status(201).send({ ...offerDto(offer, timeZone, now), emailed });
    },
  );

  app.get(
    '/clinics/:clinicId/waitlist/offers/:offerId',
    {
      schema: {
        tags,
        summary: 'An offered earlier time (the link in the offer e-mail)',
        params: clinicParams.extend({ offerId: z.uuid() }),
        response: { 200: waitlistOffer, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { offer, access } = await offerFor(
        request,
        request.params.clinicId,
        request.params.offerId,
        'waitlist.offer_read',
      );
      return offerDto(offer, access.clinic.timeZone, app.deps.now());
    },
  );

  app.post(
    '/clinics/:clinicId/waitlist/offers/:offerId/accept',
    {
      schema: {
        tags,
        summary: 'Accept an offered time: the first acceptance books it; later ones get 409 slot_taken',
        params: clinicParams.extend({ offerId: z.uuid() }),
        response: {
          201: appointment,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
          410: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { offer, entry, access } = await offerFor(
        request,
        request.params.clinicId,
        request.params.offerId,
        'waitlist.offer_accept',
      );
      const now = app.deps.now();
      const taken = () =>
        new AppError('slot_taken', 'Someone else accepted this time first', {
          alternatives: { before: [], after: [] },
        });
      if (offer.status === 'accepted' && offer.appointmentId)
        throw new AppError('conflict', 'You already accepted this offer');
      if (offer.status === 'taken') throw taken();
      if (offer.status === 'expired' || offer.expiresAt <= now)
        throw new AppError('gone', 'This offer has expired');
      const markTaken = () =>
        db
          .update(waitlistOffers)
          .set({ status: 'taken' })
          .where(
            and(
              eq(waitlistOffers.clinicId, offer.clinicId),
              eq(waitlistOffers.id, offer.id),
              eq(waitlistOffers.status, 'open'),
            ),
          );
      let plan: Awaited<ReturnType<typeof planBooking>>;
      try {
        plan = await planBooking(db, {
          clinicId: access.clinicId,
          timeZone: access.clinic.timeZone,
          serviceId: entry.serviceId,
          therapistId: offer.therapistId,
          roomId: offer.roomId,
          start: offer.startAt,
          audience: 'staff',
          now,
        });
      } catch (error) {
        if (error instanceof AppError && (error.code === 'slot_taken' || error.code === 'unprocessable')) {
          await markTaken();
          throw taken();
        }
        throw error;
      }
      // Booked against the patient's current referral when the visit falls within its validity.
      const referralId = await referralToAttach(db, offer.clinicId, entry.patientId, plan.slot.localDate);
      try {
        const created = await db.transaction(async (tx) => {
          // The appointment first: a rival acceptance waits here on the exclusion constraint (and then fails)
          // before it has locked any offer row, so two acceptances can never deadlock.
          const row = await insertAppointment(tx, {
            clinicId: offer.clinicId,
            patientId: entry.patientId,
            plan,
            bookedBy: access.principal.userId,
            bookedVia: 'waitlist',
            referralId,
            now,
          });
          const [claimed] = await tx
            .update(waitlistOffers)
            .set({ status: 'accepted', acceptedAt: now })
            .where(
              and(
                eq(waitlistOffers.clinicId, offer.clinicId),
                eq(waitlistOffers.id, offer.id),
                eq(waitlistOffers.status, 'open'),
              ),
            )
            .returning();
          if (!claimed) throw taken();
          await tx
            .update(waitlistOffers)
            .set({ appointmentId: row.id })
            .where(and(eq(waitlistOffers.clinicId, offer.clinicId), eq(waitlistOffers.id, offer.id)));
          await tx
            .update(waitlistOffers)
            .set({ status: 'taken' })
            .where(
              and(
                eq(waitlistOffers.clinicId, offer.clinicId),
                eq(waitlistOffers.openingId, offer.openingId),
                ne(waitlistOffers.id, offer.id),
                eq(waitlistOffers.status, 'open'),
              ),
            );
          // One booking per request: a second open offer of the same request (made by hand, or from another
          // opening) cannot book it again, and is withdrawn.
          const [fulfilled] = await tx
            .update(waitlistEntries)
            .set({ status: 'fulfilled', appointmentId: row.id })
            .where(
              and(
                eq(waitlistEntries.clinicId, entry.clinicId),
                eq(waitlistEntries.id, entry.id),
                eq(waitlistEntries.status, 'waiting'),
              ),
            )
            .returning({ id: waitlistEntries.id });
          if (!fulfilled)
            throw new AppError('conflict', 'This request was already booked or removed from the waitlist');
          await tx
            .update(waitlistOffers)
            .set({ status: 'expired' })
            .where(
              and(
                eq(waitlistOffers.clinicId, entry.clinicId),
                eq(waitlistOffers.entryId, entry.id),
                ne(waitlistOffers.id, offer.id),
                eq(waitlistOffers.status, 'open'),
              ),
            );
          await auditAppointment(tx, request, access, 'waitlist.offer_accept.done', row, {
            offerId: offer.id,
          });
          return row;
        });
        const [dto] = await toDtos(db, access.clinicId, access.clinic.timeZone, [created]);
        return reply.status(201).send(dto!);
      } catch (error) {
        if (isSlotConflict(error)) {
          await markTaken();
          throw taken();
        }
        throw error;
      }
    },
  );
}
