import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { patientParams } from '../patients/routes.ts';
import { disclosureCreate, disclosureList, disclosureView } from './schemas.ts';
import { disclosuresOf, recordDisclosure } from './service.ts';

const tags = ['Disclosures'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };
const SIX_YEARS_MS = 6 * 365.25 * 24 * 3_600_000;

/** The accounting of disclosures: staff read and add to it; the patient reads their own. */
export default async function disclosuresRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/patients/:patientId/disclosures',
    {
      schema: {
        tags,
        summary:
          'The accounting of disclosures of the six years before today (date, recipient, what, why); the patient may read their own',
        params: patientParams,
        response: { 200: disclosureList, ...errors },
      },
    },
    async (request) => {
      const access = await authorizePatient(request, {
        ...request.params,
        permission: 'disclosures.read',
        action: 'disclosures.read',
        resourceType: 'disclosures',
      });
      const since = new Date(now().getTime() - SIX_YEARS_MS);
      return {
        patientId: access.patientId,
        since: since.toISOString(),
        items: await disclosuresOf(db, access.clinicId, access.patientId, since),
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/disclosures',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record a disclosure made outside Palpa (e.g. records faxed to an insurer)',
        params: patientParams,
        body: disclosureCreate,
        response: { 201: disclosureView, ...errors },
      },
    },
    async (request, reply) => {
      const access = await authorizePatient(request, {
        ...request.params,
        permission: 'disclosures.write',
        action: 'disclosure.record',
        resourceType: 'disclosures',
      });
      const disclosedAt = request.body.disclosedAt ? new Date(request.body.disclosedAt) : now();
      const id = await recordDisclosure(db, {
        clinicId: access.clinicId,
        patientId: access.patientId,
        disclosedAt,
        recipientName: request.body.recipient,
        description: request.body.description,
        purpose: request.body.purpose,
        sourceType: 'manual',
        recordedBy: access.principal.userId,
      });
      return reply.status(201).send({
        id,
        disclosedAt: disclosedAt.toISOString(),
        recipient: request.body.recipient,
        description: request.body.description,
        purpose: request.body.purpose,
        sourceType: 'manual' as const,
        sourceId: null,
      });
    },
  );
}
