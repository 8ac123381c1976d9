import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/connection.ts';
import { createSession, SESSION_COOKIE } from '../../platform/sessions.ts';
import { idleTimeoutFor } from './me.ts';

/** Starts a server-side session and sets its cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  mfaVerified: boolean,
  db: Executor = request.server.deps.db,
): Promise<{ csrfToken: string }> {
  const { config, now } = request.server.deps;
  const session = await createSession(db, {
    userId,
    mfaVerified,
    idleTimeoutMinutes: await idleTimeoutFor(db, userId),
    absoluteHours: config.sessionAbsoluteHours,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    now: now(),
  });
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    expires: session.expiresAt,
  });
  return { csrfToken: session.csrfToken };
}
