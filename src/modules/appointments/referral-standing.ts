import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { appointments } from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeAppointment } from './access.ts';
import { currentReferralOf, referralAllowance, referralWarnings } from './referral-allowance.ts';
import {
  type ReferralStanding,
  type ReferralStandings,
  referralStanding,
  referralStandingQuery,
  referralStandings,
  referralStandingsQuery,
} from './schemas.ts';

const tags = ['Appointments'];
const clinicParams = z.object({ clinicId: z.uuid() });
/** The appointments a day list marks: those still to come or under way. */
const LIVE = ['booked', 'confirmed', 'checked_in'] as const;
/** The longest range one read covers (a week's list view, with room to spare). */
const MAX_DAYS = 31;

/**
 * One visit on `localDate` against the referral it is booked against, or else the patient's current one,
 * checked by the series rule as the next visit (`bookedBefore`: counting only what is booked before it).
 */
async function standingOf(
  db: Executor,
  visit: {
    clinicId: string;
    patientId: string;
    localDate: string;
    referralId: string | null;
    bookedBefore?: Date;
  },
): Promise<ReferralStanding> {
  const referralId =
    visit.referralId ?? (await currentReferralOf(db, visit.clinicId, visit.patientId, visit.localDate));
  if (!referralId) return { referral: null, warnings: [] };
  const allowance = await referralAllowance(
    db,
    visit.clinicId,
    visit.patientId,
    referralId,
    visit.bookedBefore,
  );
  return {
    referral: {
      id: allowance.id,
      linked: visit.referralId !== null,
      validFrom: allowance.validFrom,
      validUntil: allowance.validUntil,
      visitsAllowed: allowance.allowed,
      visitsUsedOrBooked: allowance.usedOrBooked,
    },
    warnings: referralWarnings(allowance, 1, visit.localDate),
  };
}

/** Where one appointment stands: the referral it is booked against or else the current one, counting those before it. */
function standingOfAppointment(
  db: Executor,
  zone: string,
  row: { clinicId: string; patientId: string; referralId: string | null; startAt: Date },
): Promise<ReferralStanding> {
  return standingOf(db, {
    clinicId: row.clinicId,
    patientId: row.patientId,
    localDate: DateTime.fromJSDate(row.startAt, { zone }).toISODate()!,
    referralId: row.referralId,
    bookedBefore: row.startAt,
  });
}

/** What the calendar tells the desk before it books a visit or checks a patient in: the referral's standing. */
export default async function referralStandingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    '/clinics/:clinicId/appointments/referral-standing',
    {
      schema: {
        tags,
        summary:
          "Before booking: whether one more visit on that date goes beyond the patient's current referral (expired, not yet valid, or its authorised visits used or booked)",
        params: clinicParams,
        querystring: referralStandingQuery,
        response: { 200: referralStanding, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const { patientId, date } = request.query;
      const access = await authorizePatient(request, {
        clinicId: request.params.clinicId,
        patientId,
        permission: 'appointments.manage',
        action: 'appointment.referral_standing',
        resourceType: 'referral',
      });
      return standingOf(db, { clinicId: access.clinicId, patientId, localDate: date, referralId: null });
    },
  );

  app.get(
    '/clinics/:clinicId/appointments/:appointmentId/referral-standing',
    {
      schema: {
        tags,
        summary:
          'Before check-in: where this visit stands on the referral it is booked against, or else the patient’s current one (expired, or beyond the authorised visits counting those booked before it)',
        params: clinicParams.extend({ appointmentId: z.uuid() }),
        response: { 200: referralStanding, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { access, row } = await authorizeAppointment(request, {
        clinicId: request.params.clinicId,
        appointmentId: request.params.appointmentId,
        permission: 'appointments.manage',
        action: 'appointment.referral_standing',
      });
      return standingOfAppointment(db, access.clinic.timeZone, { ...row, clinicId: access.clinicId });
    },
  );

  app.get(
    '/clinics/:clinicId/referral-standing',
    {
      schema: {
        tags,
        summary:
          'The day list’s referral marks: for each appointment still to come or under way in local dates [from, to), where it stands on its referral, as its own referral-standing read answers. Clinic staff only',
        params: clinicParams,
        querystring: referralStandingsQuery,
        response: { 200: referralStandings, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request): Promise<ReferralStandings> => {
      const { from, to } = request.query;
      const access = await authorizeClinic(request, request.params.clinicId, 'appointments.manage');
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days <= 0 || days > MAX_DAYS) {
        throw new AppError('validation_failed', 'The request is not valid', [
          { path: 'querystring.to', message: `must be 1 to ${MAX_DAYS} days after from` },
        ]);
      }
      const zone = access.clinic.timeZone;
      const rows = await db
        .select({
          id: appointments.id,
          clinicId: appointments.clinicId,
          patientId: appointments.patientId,
          referralId: appointments.referralId,
          startAt: appointments.startAt,
        })
        .from(appointments)
        .where(
          and(
            eq(appointments.clinicId, access.clinicId),
            gte(appointments.startAt, DateTime.fromISO(from, { zone }).startOf('day').toJSDate()),
            lt(appointments.startAt, DateTime.fromISO(to, { zone }).startOf('day').toJSDate()),
            inArray(appointments.status, [...LIVE]),
          ),
        )
        .orderBy(asc(appointments.startAt), asc(appointments.id));
      if (rows.length > 0) {
        // Referrals of the patients listed: one audit row naming them (ids only), as the calendar's read does.
        await request.audit({
          action: 'appointment.referral_standing_list',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          resourceType: 'referral',
          ...listedPatients(
            rows.map((r) => r.patientId),
            { from, to, count: rows.length },
          ),
        });
      }
      const items: ReferralStandings['items'] = [];
      for (const row of rows) {
        items.push({ appointmentId: row.id, ...(await standingOfAppointment(db, zone, row)) });
      }
      return { items };
    },
  );
}
