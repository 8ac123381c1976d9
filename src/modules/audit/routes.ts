import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { csvRow } from '../../platform/csv.ts';
import { page, pageQuery, toPage } from '../../platform/pagination.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { queryAudit } from './query.ts';
import { auditEvent, auditQuery } from './schemas.ts';

const tags = ['Audit'];
const CSV_COLUMNS = [
  'id',
  'at',
  'actorUserId',
  'actorName',
  'actorRoles',
  'action',
  'resourceType',
  'resourceId',
  'patientId',
  'outcome',
  'ip',
  'details',
] as const;
const CSV_PAGE = 1000;

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    '/clinics/:clinicId/audit',
    {
      schema: {
        tags,
        summary: "The clinic's audit log, newest first, with filters",
        params: clinicParams,
        querystring: auditQuery.extend(pageQuery.shape),
        response: { 200: page(auditEvent), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'audit.read');
      const { cursor, limit, ...filters } = request.query;
      const rows = await queryAudit(db, access.clinicId, filters, { cursor, limit: limit + 1 });
      await request.audit({
        action: 'audit.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        details: { filters },
      });
      return toPage(rows, limit);
    },
  );

  app.get(
    '/clinics/:clinicId/audit.csv',
    {
      schema: {
        tags,
        summary: 'Export the filtered audit log as CSV',
        params: clinicParams,
        querystring: auditQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv'), 403: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'audit.read');
      let csv = csvRow([...CSV_COLUMNS]);
      let cursor: string | undefined;
      let rows = 0;
      do {
        const batch = await queryAudit(db, access.clinicId, request.query, { cursor, limit: CSV_PAGE });
        for (const event of batch) csv += csvRow(CSV_COLUMNS.map((c) => event[c]));
        rows += batch.length;
        cursor = batch.length === CSV_PAGE ? batch.at(-1)?.id : undefined;
      } while (cursor);
      await request.audit({
        action: 'audit.export',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        details: { filters: request.query, rows },
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="palpa-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        )
        .send(csv);
    },
  );
}
