import type { SQLWrapper } from 'drizzle-orm';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Executor } from '../db/connection.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { executeTogether } from '../db/statements.ts';
import { type AuditEntry, auditInsert, recordAudit } from './audit.ts';
import { sha256 } from './crypto.ts';
import { AppError } from './errors.ts';
import { errorBody } from './http-errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Create routes set this: a repeated `Idempotency-Key` replays the first response instead of acting twice.
     * `true`: the plugin claims the key before the handler and stores the response after it (two round trips).
     * `'atomic'`: the route stores its response itself, in the same statement as its effect
     * (`idempotencyRecord`), and replays on conflict (`replayIdempotent`): no extra round trip.
     */
    idempotent?: boolean | 'atomic';
  }
  interface FastifyRequest {
    idempotency?: IdempotencyClaim;
    atomicIdempotency?: IdempotencyClaim;
  }
}

interface IdempotencyClaim {
  principal: string;
  key: string;
  requestHash: string;
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
      if (request.routeOptions.config.idempotent === 'atomic') {
        request.atomicIdempotency = { principal, key, requestHash };
        return;
      }
      const { db } = app.deps;
      const inserted = await db
        .insert(idempotencyKeys)
        .values({ principal, key, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) {
        request.idempotency = { principal, key, requestHash };
        return;
      }
      if (!(await replayIdempotent(request, reply, { principal, key, requestHash }))) {
        throw new AppError('request_in_progress', 'Retry this request in a moment');
      }
      return reply;
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

/**
 * Sends the response stored for this key (marked `Idempotent-Replayed`) and answers true, or answers false when
 * nothing is stored yet. A key reused for a different request is a 422; one still running is a 409.
 */
export async function replayIdempotent(
  request: FastifyRequest,
  reply: FastifyReply,
  claim = request.atomicIdempotency,
): Promise<boolean> {
  if (!claim) return false;
  const [stored] = await request.server.deps.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, claim.principal), eq(idempotencyKeys.key, claim.key)));
  if (!stored) return false;
  if (stored.requestHash !== claim.requestHash) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
  }
  if (stored.statusCode === null) {
    throw new AppError('request_in_progress', 'The first request with this Idempotency-Key is still running');
  }
  reply.header('idempotent-replayed', 'true');
  reply.status(stored.statusCode).send(stored.responseBody);
  return true;
}

/**
 * For `idempotent: 'atomic'` routes: the row that records this request's response, to be written in the same
 * statement or transaction as the effect (`undefined` when the request carries no key). If the key is already
 * stored, that write fails with a unique violation (`isIdempotencyConflict`): roll back and replay.
 */
export function idempotencyRecord(
  db: Executor,
  request: FastifyRequest,
  statusCode: number,
  responseBody: unknown,
) {
  const claim = request.atomicIdempotency;
  if (!claim) return undefined;
  return db.insert(idempotencyKeys).values({ ...claim, statusCode, responseBody });
}

export function isIdempotencyConflict(error: unknown): boolean {
  for (
    let e = error as
      | { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown }
      | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505') {
      const constraint = String(e.constraint_name ?? e.constraint ?? '');
      return constraint.startsWith('idempotency_keys');
    }
  }
  return false;
}

/**
 * The handler of an `idempotent: 'atomic'` route. `work` decides the response and returns the statements of its
 * effect (not yet run); the effect, the caller's access audit and the idempotency record are then written as ONE
 * statement. A 4xx is recorded the same way (audit and record, so a retry replays it). If the key was stored
 * meanwhile, nothing is written and the stored response is replayed. `mapError` turns a database refusal of the
 * effect (e.g. an exclusion violation) into the answer the client should get.
 */
export async function respondOnce(
  request: FastifyRequest,
  reply: FastifyReply,
  audit: AuditEntry,
  work: () => Promise<{ status: number; body: unknown; effect: SQLWrapper[] }>,
  mapError: (error: unknown) => Promise<unknown> = async (error) => error,
): Promise<FastifyReply> {
  const { db } = request.server.deps;
  const record = (status: number, body: unknown, effect: SQLWrapper[] = []) =>
    executeTogether(db, [...effect, auditInsert(db, audit), idempotencyRecord(db, request, status, body)]);
  try {
    const { status, body, effect } = await work();
    await record(status, body, effect);
    return reply.status(status).send(body);
  } catch (caught) {
    if (isIdempotencyConflict(caught) && (await replayIdempotent(request, reply))) return reply;
    const error = await mapError(caught);
    if (!(error instanceof AppError) || error.status >= 500) {
      await recordAudit(db, { ...audit, outcome: 'failed' });
      throw error;
    }
    try {
      await record(error.status, errorBody(error));
    } catch (conflict) {
      if (isIdempotencyConflict(conflict) && (await replayIdempotent(request, reply))) return reply;
      throw conflict;
    }
    throw error;
  }
}
