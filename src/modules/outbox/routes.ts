import { and, desc, eq, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailOutbox } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { page, pageQuery, toPage } from '../../platform/pagination.ts';
import { isoDateTime } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';

const message = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }))
    .describe('Small text attachments, such as an appointment invitation (.ics)'),
});

/** Without SMTP_URL, e-mail stays in the outbox and owners read it here (and can pass links on by hand). */
export default async function outboxRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/clinics/:clinicId/outbox',
    {
      schema: {
        tags: ['E-mail'],
        summary: "The clinic's outgoing e-mail",
        params: clinicParams,
        querystring: pageQuery,
        response: { 200: page(message) },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'outbox.read');
      const { cursor, limit } = request.query;
      const rows = await app.deps.db
        .select()
        .from(emailOutbox)
        .where(
          and(eq(emailOutbox.clinicId, access.clinicId), cursor ? lt(emailOutbox.id, cursor) : undefined),
        )
        .orderBy(desc(emailOutbox.id))
        .limit(limit + 1);
      const result = toPage(rows, limit);
      await request.audit({ action: 'outbox.read', clinicId: access.clinicId });
      return {
        nextCursor: result.nextCursor,
        items: result.items.map((r) => ({
          id: r.id,
          to: r.toAddress,
          subject: r.subject,
          text: r.textBody,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
          lastError: r.lastError,
          attachments: r.attachments ?? [],
        })),
      };
    },
  );
}
