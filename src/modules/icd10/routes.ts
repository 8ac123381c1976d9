import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ICD10CM_CODE_SET, searchIcd10 } from '../../domain/codes/icd10cm.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { entryView, requireBillableCode } from './check.ts';
import { icd10CodeResult, icd10Entry, icd10SearchQuery } from './schemas.ts';

const tags = ['ICD-10-CM'];

/** Palpa's curated ICD-10-CM list (reference data, no patient data): search it and check one code. */
export default async function icd10Routes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/icd10',
    {
      schema: {
        tags,
        summary: 'Search ICD-10-CM codes by code prefix or words',
        querystring: icd10SearchQuery,
        response: { 200: z.object({ items: z.array(icd10Entry), codeSet: z.string() }), 401: errorSchema },
      },
    },
    async (request) => {
      requireUser(request);
      const { q, limit, billableOnly } = request.query;
      return {
        items: searchIcd10(q, limit, { billableOnly }).map(entryView),
        codeSet: ICD10CM_CODE_SET.fiscalYear,
      };
    },
  );

  app.get(
    '/icd10/:code',
    {
      schema: {
        tags,
        summary:
          'Check one code: 200 when billable; 400 malformed; 422 not_billable (children suggested) or unknown',
        params: z.object({ code: z.string().max(20) }),
        response: { 200: icd10CodeResult, 400: errorSchema, 401: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      requireUser(request);
      const entry = requireBillableCode(request.params.code, 'params.code');
      return { entry: entryView(entry), codeSet: ICD10CM_CODE_SET.fiscalYear };
    },
  );
}
