import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeAppointment } from './access.ts';
import { currentReferralOf, referralAllowance, referralWarnings } from './referral-allowance.ts';
import { type ReferralStanding, referralStanding, referralStandingQuery } from './schemas.ts';

const tags = ['Appointments'];
const clinicParams = z.object({ clinicId: z.uuid() });

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
      return standingOf(db, {
        clinicId: access.clinicId,
        patientId: row.patientId,
        localDate: DateTime.fromJSDate(row.startAt, { zone: access.clinic.timeZone }).toISODate()!,
        referralId: row.referralId,
        bookedBefore: row.startAt,
      });
    },
  );
}
