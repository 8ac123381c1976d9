import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pendingMigrations } from '../../db/connection.ts';

const tags = ['Health'];

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/healthz',
    {
      schema: {
        tags,
        summary: 'The process is up',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const readiness = z.object({
    status: z.enum(['ready', 'not_ready']),
    database: z.enum(['reachable', 'unreachable']),
    pendingMigrations: z.number().int().nullable(),
  });
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'The database is reachable and its migrations are current',
        security: [],
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      try {
        await app.deps.db.execute(sql`select 1`);
      } catch {
        return reply
          .status(503)
          .send({ status: 'not_ready', database: 'unreachable', pendingMigrations: null });
      }
      const pending = await pendingMigrations(app.deps.db);
      const body = {
        status: pending === 0 ? 'ready' : 'not_ready',
        database: 'reachable',
        pendingMigrations: pending,
      } as const;
      return reply.status(pending === 0 ? 200 : 503).send(body);
    },
  );
}
