import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { csvRow } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { addDays, localDate } from '../patients/dates.ts';
import { analyticsQuery, clinicOutcomes } from './schemas.ts';
import { clinicOutcomesOf, episodes } from './service.ts';

const tags = ['Clinic outcomes'];
const CSV_COLUMNS = [
  'group',
  'key',
  'label',
  'episodes',
  'measured',
  'reached_mcid',
  'share_percent',
  'median_visits_to_mcid',
  'dropped_out',
] as const;

/** Clinic outcomes for the owner: JSON for the charts, CSV for a spreadsheet. Aggregates only, no patient data. */
export default async function analyticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  async function compute(
    request: Parameters<typeof authorizeClinic>[0],
    clinicId: string,
    q: z.infer<typeof analyticsQuery>,
  ) {
    const access = await authorizeClinic(request, clinicId, 'analytics.read');
    const today = localDate(now(), access.clinic.timeZone);
    const to = q.to ?? today;
    const from = q.from ?? addDays(to, -365);
    if (from > to)
      throw new AppError('validation_failed', '`from` must not be after `to`', [
        { path: 'querystring.from', message: 'After `to`' },
      ]);
    const result = clinicOutcomesOf(await episodes(db, { clinicId, from, to, today }), from, to);
    await request.audit({
      action: 'analytics.outcomes.read',
      clinicId,
      actorRoles: access.roles,
      resourceType: 'analytics',
      details: { from, to },
    });
    return result;
  }

  app.get(
    '/clinics/:clinicId/analytics/outcomes',
    {
      schema: {
        tags,
        summary:
          'Share of episodes reaching a meaningful change (MCID) by condition, technique and therapist; visits until reached; drop-out',
        params: clinicParams,
        querystring: analyticsQuery,
        response: { 200: clinicOutcomes, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => compute(request, request.params.clinicId, request.query),
  );

  app.get(
    '/clinics/:clinicId/analytics/outcomes.csv',
    {
      schema: {
        tags,
        summary: 'The same clinic outcomes as CSV (cells that could run as a formula are neutralised)',
        params: clinicParams,
        querystring: analyticsQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv'), 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const result = await compute(request, request.params.clinicId, request.query);
      let csv = csvRow([...CSV_COLUMNS]);
      const rows: [string, (typeof result)['total']][] = [
        ['total', result.total],
        ...result.byCondition.map((r) => ['condition', r] as [string, typeof r]),
        ...result.byTechnique.map((r) => ['technique', r] as [string, typeof r]),
        ...result.byTherapist.map((r) => ['therapist', r] as [string, typeof r]),
      ];
      for (const [group, r] of rows)
        csv += csvRow([
          group,
          r.key,
          r.label,
          r.episodes,
          r.measured,
          r.reachedMcid,
          r.share === null ? '' : Math.round(r.share * 1000) / 10,
          r.medianVisitsToMcid ?? '',
          r.droppedOut,
        ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="palpa-outcomes-${result.from}-to-${result.to}.csv"`,
        )
        .send(csv);
    },
  );
}
