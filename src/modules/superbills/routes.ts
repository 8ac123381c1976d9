import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import { checkPatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { patientParams } from '../patients/routes.ts';
import { renderReportPdf } from '../reports/pdf.ts';
import { superbillQuery } from './schemas.ts';
import { superbillDocument } from './service.ts';

export default async function superbillRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/patients/:patientId/superbill.pdf',
    {
      schema: {
        tags: ['Billing'],
        summary:
          'A superbill (PDF) of the visits documented by signed notes between two dates: for the patient to claim from their insurer. Staff, and the patient for their own',
        params: patientParams,
        querystring: superbillQuery,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.read',
        action: 'superbill.read',
      });
      const { visits, ...document } = await superbillDocument(db, {
        clinicId: access.clinicId,
        patientId: access.patientId,
        from,
        to,
        at: now(),
        timeZone: access.clinic.timeZone,
      });
      // One audit row for the access, saying what the superbill covered.
      await recordAudit(db, { ...audit, details: { from, to, visits } });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="superbill-${from}-to-${to}.pdf"`)
        .header('cache-control', 'no-store')
        .send(await renderReportPdf(document));
    },
  );
}
