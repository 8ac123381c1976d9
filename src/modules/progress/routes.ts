import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { patients } from '../../db/schema/index.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical } from '../clinical/access.ts';
import { localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { portalProgress, progressView } from './schemas.ts';
import { buildProgress, portalView } from './service.ts';

const tags = ['Progress'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

/**
 * The progress view per patient (outcome series with the MCID band, pain before/after, ROM against normal, goals,
 * visits, home-care adherence, the first and latest clinician-recorded body charts with the patient's own pain
 * map apart) for the clinician, and its plain-words version for the patient.
 */
export default async function progressRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/patients/:patientId/progress',
    {
      schema: {
        tags,
        summary: "The patient's progress over the episode (staff and the linked physician)",
        params: patientParams,
        response: { 200: progressView, ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'progress.read',
      });
      return buildProgress(db, {
        clinicId: access.clinicId,
        patientId: access.patientId,
        today: localDate(now(), access.clinic.timeZone),
        timeZone: access.clinic.timeZone,
        userId: access.principal.userId,
      });
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/portal/progress',
    {
      schema: {
        tags,
        summary: 'The patient’s own progress in plain words (the patient portal)',
        params: patientParams,
        response: { 200: portalProgress, ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'progress.portal.read',
        allowSelf: true,
      });
      const progress = await buildProgress(db, {
        clinicId: access.clinicId,
        patientId: access.patientId,
        today: localDate(now(), access.clinic.timeZone),
        timeZone: access.clinic.timeZone,
        userId: access.principal.userId,
      });
      const [p] = await db
        .select({ first: patients.legalFirstName, preferred: patients.preferredName })
        .from(patients)
        .where(and(eq(patients.clinicId, access.clinicId), eq(patients.id, access.patientId)));
      return portalView(progress, p?.preferred ?? p?.first ?? '');
    },
  );
}
