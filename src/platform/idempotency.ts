import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { idempotencyKeys } from '../db/schema/index.ts';
import { sha256 } from './crypto.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Create routes set this: a repeated `Idempotency-Key` replays the first response instead of acting twice. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency?: { principal: string; key: string };
  }
}

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

function principalOf(request: FastifyRequest): string {
  return request.principal ? `user:${request.principal.userId}` : `ip:${request.ip}`;
}

export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (!request.routeOptions.config.idempotent || typeof key !== 'string') return;
      if (!KEY_PATTERN.test(key)) {
        throw new AppError('validation_failed', 'Idempotency-Key must be 8–128 letters, digits or -_:.', [
          { path: 'headers.idempotency-key', message: 'invalid format' },
        ]);
      }
      const principal = principalOf(request);
      const requestHash = sha256(`${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`);
      const { db } = app.deps;
      const inserted = await db
        .insert(idempotencyKeys)
        .values({ principal, key, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) {
        request.idempotency = { principal, key };
        return;
      }
      const [stored] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
      if (!stored) throw new AppError('request_in_progress', 'Retry this request in a moment');
      if (stored.requestHash !== requestHash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
      }
      if (stored.statusCode === null) {
        throw new AppError(
          'request_in_progress',
          'The first request with this Idempotency-Key is still running',
        );
      }
      reply.header('idempotent-replayed', 'true');
      return reply.status(stored.statusCode).send(stored.responseBody);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const pending = request.idempotency;
      if (!pending) return payload;
      request.idempotency = undefined;
      const where = and(
        eq(idempotencyKeys.principal, pending.principal),
        eq(idempotencyKeys.key, pending.key),
      );
      if (reply.statusCode >= 500) {
        // A failed attempt may be retried with the same key.
        await app.deps.db.delete(idempotencyKeys).where(where);
      } else {
        const responseBody = typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null;
        await app.deps.db
          .update(idempotencyKeys)
          .set({ statusCode: reply.statusCode, responseBody })
          .where(where);
      }
      return payload;
    });
  },
  { name: 'palpa-idempotency', dependencies: ['palpa-auth'] },
);
