import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { csvRow } from '../../platform/csv.ts';
import { page, toPage } from '../../platform/pagination.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { queryAudit } from './query.ts';
import { type AuditEvent, auditActionText, auditEvent, auditPageQuery, auditQuery } from './schemas.ts';

const tags = ['Audit'];
/** The export's columns: the row as stored, with the action in words and the patient's name beside their codes. */
const CSV_COLUMNS: [string, (event: AuditEvent) => unknown][] = [
  ['id', (e) => e.id],
  ['at', (e) => e.at],
  ['actorUserId', (e) => e.actorUserId],
  ['actorName', (e) => e.actorName],
  ['actorRoles', (e) => e.actorRoles],
  ['action', (e) => e.action],
  ['actionText', (e) => auditActionText(e.action, e.outcome)],
  ['resourceType', (e) => e.resourceType],
  ['resourceId', (e) => e.resourceId],
  ['patientId', (e) => e.patientId],
  ['patientName', (e) => e.patientName],
  ['outcome', (e) => e.outcome],
  ['ip', (e) => e.ip],
  ['details', (e) => e.details],
];
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
        querystring: auditPageQuery,
        response: { 200: page(auditEvent), 400: errorSchema, 403: errorSchema },
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
        response: { 200: z.string().describe('text/csv'), 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'audit.read');
      let csv = csvRow(CSV_COLUMNS.map(([name]) => name));
      let cursor: string | undefined;
      let rows = 0;
      do {
        const batch = await queryAudit(db, access.clinicId, request.query, { cursor, limit: CSV_PAGE });
        for (const event of batch) csv += csvRow(CSV_COLUMNS.map(([, value]) => value(event)));
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
