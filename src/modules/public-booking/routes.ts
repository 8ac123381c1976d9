import { and, asc, eq, exists, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { clinics, locations, memberships, patients, services, users } from '../../db/schema/index.ts';
import { hashPassword } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertStrongPassword } from '../../platform/password-policy.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { siteAddress } from '../appointments/booking.ts';
import { findUserByEmail } from '../auth/me.ts';
import { startSession } from '../auth/sign-in.ts';
import { newPatientValues } from '../patients/create-patient.ts';
import { ageOn, localDate } from '../patients/dates.ts';
import { flagPossibleDuplicates } from '../patients/possible-duplicates.ts';
import { computeAvailability } from '../scheduling/availability.ts';
import { loadSettings } from '../scheduling/engine-input.ts';
import { availabilityQuery, availabilityResponse, publicService } from '../scheduling/schemas.ts';
import { serviceDtos } from '../scheduling/setup-routes.ts';
import { bookableClinic, patientRegistration, publicServices } from './schemas.ts';

const tags = ['Online booking'];
const clinicParams = z.object({ clinicId: z.uuid() });
const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

/** A clinic takes online bookings once it offers at least one active, online-bookable service. */
const takesOnlineBookings = exists(
  sql`(select 1 from ${services} where ${services.clinicId} = ${clinics.id} and ${services.onlineBookable} and ${services.archivedAt} is null)`,
);

/**
 * What a patient sees before signing in: clinics that take online bookings, their bookable services and free
 * times (patient rules), and self-registration at the last step. No patient data is read or returned here.
 */
export default async function publicBookingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  async function bookableClinicById(clinicId: string) {
    const [clinic] = await db
      .select({ id: clinics.id, name: clinics.name, timeZone: clinics.timeZone })
      .from(clinics)
      .where(and(eq(clinics.id, clinicId), takesOnlineBookings));
    if (!clinic) throw notFound('Clinic');
    return clinic;
  }

  app.get(
    '/public/clinics',
    {
      config: limit(120),
      schema: {
        tags,
        summary: 'Clinics that take online bookings',
        security: [],
        response: { 200: z.object({ items: z.array(bookableClinic) }) },
      },
    },
    async () => {
      const rows = await db.select().from(clinics).where(takesOnlineBookings).orderBy(asc(clinics.name));
      const places = rows.length
        ? await db
            .select()
            .from(locations)
            .where(
              inArray(
                locations.clinicId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      return {
        items: rows.map((c) => ({
          id: c.id,
          name: c.name,
          timeZone: c.timeZone,
          locations: places
            .filter((l) => l.clinicId === c.id)
            .map((l) => ({
              id: l.id,
              name: l.name,
              city: l.city,
              addressLine1: l.addressLine1,
              address: siteAddress(l),
            })),
        })),
      };
    },
  );

  app.get(
    '/public/clinics/:clinicId/services',
    {
      config: limit(120),
      schema: {
        tags,
        summary: 'Online-bookable services and the therapists who deliver them',
        security: [],
        params: clinicParams,
        response: { 200: publicServices, 404: errorSchema },
      },
    },
    async (request) => {
      const clinic = await bookableClinicById(request.params.clinicId);
      const rows = await db
        .select()
        .from(services)
        .where(
          and(
            eq(services.clinicId, clinic.id),
            eq(services.onlineBookable, true),
            isNull(services.archivedAt),
          ),
        )
        .orderBy(asc(services.name));
      const items = (await serviceDtos(db, clinic.id, rows)).map((s) => publicService.parse(s));
      const therapistIds = [...new Set(items.flatMap((s) => s.therapistIds))];
      const therapists = therapistIds.length
        ? await db
            .select({ id: users.id, displayName: users.displayName })
            .from(users)
            .innerJoin(memberships, eq(memberships.userId, users.id))
            .where(
              and(
                eq(memberships.clinicId, clinic.id),
                eq(memberships.role, 'therapist'),
                isNull(memberships.disabledAt),
                inArray(users.id, therapistIds),
              ),
            )
            .orderBy(asc(users.displayName))
        : [];
      const { lateCancellationHours, lateCancellationFeeCents, noShowFeeCents } = await loadSettings(
        db,
        clinic.id,
      );
      return {
        timeZone: clinic.timeZone,
        lateCancellationHours,
        lateCancellationFeeCents,
        noShowFeeCents,
        items,
        therapists,
      };
    },
  );

  app.get(
    '/public/clinics/:clinicId/availability',
    {
      config: limit(60),
      schema: {
        tags,
        summary: 'Free start times for an online-bookable service (patient rules: notice, days ahead, grid)',
        security: [],
        params: clinicParams,
        querystring: availabilityQuery,
        response: { 200: availabilityResponse, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const clinic = await bookableClinicById(request.params.clinicId);
      const slots = await computeAvailability(db, {
        clinicId: clinic.id,
        timeZone: clinic.timeZone,
        audience: 'patient',
        query: request.query,
        now: app.deps.now(),
      });
      return { timeZone: clinic.timeZone, audience: 'patient' as const, slots };
    },
  );

  app.post(
    '/public/clinics/:clinicId/patient-accounts',
    {
      config: limit(10),
      schema: {
        tags,
        summary:
          'Create my patient account while booking online: a new patient record and a signed-in session. When the record matches an existing one (same name and date of birth), staff are shown a possible duplicate to merge; nothing of the existing record is linked or returned',
        security: [],
        params: clinicParams,
        body: patientRegistration,
        response: {
          201: z.object({ patientId: z.uuid(), csrfToken: z.string() }),
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const clinic = await bookableClinicById(request.params.clinicId);
      const body = request.body;
      const now = app.deps.now();
      if (ageOn(body.dateOfBirth, localDate(now, clinic.timeZone)) < 18) {
        throw new AppError(
          'unprocessable',
          'A parent or guardian books for a minor: please call the clinic',
          [{ path: 'body.dateOfBirth', message: 'Online accounts are for adults (18 or over)' }],
        );
      }
      if (await findUserByEmail(db, body.email)) {
        throw new AppError('conflict', 'An account with this e-mail exists: sign in instead', [
          { path: 'body.email', message: 'Already registered' },
        ]);
      }
      await assertStrongPassword(body.password, [body.email, body.firstName, body.lastName]);
      const passwordHash = await hashPassword(body.password);
      const userId = uuidv7();
      const patient = newPatientValues(
        clinic.id,
        {
          legalFirstName: body.firstName,
          legalLastName: body.lastName,
          preferredName: body.preferredName,
          pronouns: body.pronouns,
          dateOfBirth: body.dateOfBirth,
          email: body.email,
          phone: body.phone || undefined,
          language: 'en',
          notes: 'Registered online by the patient.',
        },
        now,
      );
      const session = await db.transaction(async (tx) => {
        await tx.insert(users).values({
          id: userId,
          email: body.email,
          displayName: `${body.preferredName || body.firstName} ${body.lastName}`,
          passwordHash,
        });
        await tx.insert(memberships).values({ clinicId: clinic.id, userId, role: 'patient' });
        await tx.insert(patients).values({ ...patient, userId });
        // A returning patient gets a new record, never the existing one: staff see the match and merge.
        const possibleDuplicateOf = await flagPossibleDuplicates(tx, clinic.id, patient, now);
        return { ...(await startSession(request, reply, userId, true, tx)), possibleDuplicateOf };
      });
      await request.audit({
        action: 'patient.self_registered',
        actorUserId: userId,
        actorRoles: ['patient'],
        clinicId: clinic.id,
        patientId: patient.id,
        details: session.possibleDuplicateOf.length
          ? { possibleDuplicateOf: session.possibleDuplicateOf }
          : undefined,
      });
      return reply.status(201).send({ patientId: patient.id, csrfToken: session.csrfToken });
    },
  );
}
