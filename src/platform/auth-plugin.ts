import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AuditEntry, recordAudit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { lookupApiToken, lookupSession, type Principal, SESSION_COOKIE } from './sessions.ts';

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Append an audit record with this request's actor, address and request id filled in. */
    audit(entry: AuditEntry): Promise<void>;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling (session cookie or `Authorization: Bearer` token) on every request, and guards
 * cookie sessions against cross-site request forgery: unsafe methods must echo the session's CSRF token
 * in `X-CSRF-Token` (bearer-token calls carry no ambient credentials, so they are exempt).
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('principal', null);
    app.decorateRequest('audit', function (this: FastifyRequest, entry: AuditEntry) {
      return recordAudit(app.deps.db, auditEntryOf(this, entry));
    });

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const now = app.deps.now();
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        request.principal = await lookupApiToken(app.deps.db, authorization.slice(7).trim(), now);
        if (!request.principal) throw new AppError('unauthenticated', 'The API token is invalid or revoked');
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      request.principal = await lookupSession(app.deps.db, token, now);
      if (!request.principal) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return;
      }
      if (
        UNSAFE_METHODS.has(request.method) &&
        request.headers['x-csrf-token'] !== request.principal.session?.csrfToken
      ) {
        throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header');
      }
    });
  },
  { name: 'palpa-auth', dependencies: ['@fastify/cookie'] },
);

/** An audit entry completed with who asked and from where (caller, IP, user agent, request id). */
export function auditEntryOf(request: FastifyRequest, entry: AuditEntry): AuditEntry {
  return {
    actorUserId: request.principal?.userId ?? null,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 300),
    requestId: request.id,
    ...entry,
  };
}

/** The signed-in person, fully authenticated (second factor done), or a 401. */
export function requireUser(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal) throw new AppError('unauthenticated', 'Sign in first');
  if (!principal.mfaVerified) throw new AppError('mfa_required', 'Enter your two-factor code first');
  return principal;
}
