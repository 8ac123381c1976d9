import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { users } from '../../db/schema/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { hashPassword, verifyPassword } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { assertStrongPassword } from '../../platform/password-policy.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { revokeAllSessions, revokeSession, SESSION_COOKIE } from '../../platform/sessions.ts';
import { login } from './login.ts';
import { buildMe } from './me.ts';
import { completePasswordReset, requestPasswordReset } from './password-reset.ts';
import {
  changePasswordBody,
  loginBody,
  loginResponse,
  meResponse,
  okResponse,
  passwordConfirmBody,
  passwordResetBody,
  passwordResetRequestBody,
  recoveryCodesResponse,
  totpBody,
  totpEnableBody,
  totpSetupResponse,
} from './schemas.ts';
import { startSession } from './sign-in.ts';
import {
  beginTotpSetup,
  completeSecondFactor,
  disableTotp,
  enableTotp,
  regenerateRecoveryCodes,
} from './two-factor.ts';

const tags = ['Sign-in'];

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const loginLimit = { max: app.deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/auth/login',
    {
      config: { rateLimit: loginLimit },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        security: [],
        body: loginBody,
        response: { 200: loginResponse, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => login(request, reply, request.body.email, request.body.password),
  );

  app.post(
    '/auth/password-reset',
    {
      config: { rateLimit: loginLimit },
      schema: {
        tags,
        summary:
          'Ask for a link to choose a new password (the same answer whether or not the address has an account)',
        security: [],
        body: passwordResetRequestBody,
        response: { 202: okResponse, 400: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(request, request.body.email);
      return reply.code(202).send({ ok: true as const });
    },
  );

  app.post(
    '/auth/password-reset/complete',
    {
      config: { rateLimit: loginLimit },
      schema: {
        tags,
        summary: 'Choose a new password with the link sent by e-mail; every session of the account ends',
        security: [],
        body: passwordResetBody,
        response: { 200: okResponse, 400: errorSchema, 410: errorSchema, 422: errorSchema, 429: errorSchema },
      },
    },
    async (request) => {
      await completePasswordReset(request, request.body.token, request.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/login/second-factor',
    {
      config: { rateLimit: loginLimit },
      schema: {
        tags,
        summary: 'Finish signing in with a TOTP code or a recovery code',
        body: totpBody,
        response: { 200: loginResponse, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { csrfToken } = await completeSecondFactor(request, reply, request.body);
      return { status: 'signed_in' as const, csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out of this session', response: { 200: okResponse } } },
    async (request, reply) => {
      const session = request.principal?.session;
      if (session) {
        await revokeSession(app.deps.db, session.tokenHash, app.deps.now());
        await request.audit({ action: 'auth.logout' });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags,
        summary: 'Sign out of every session of this account',
        response: { 200: z.object({ revokedSessions: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const revokedSessions = await revokeAllSessions(app.deps.db, principal.userId, app.deps.now());
      await request.audit({ action: 'auth.logout_everywhere', details: { revokedSessions } });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { revokedSessions };
    },
  );

  app.get(
    '/me',
    { schema: { tags, summary: 'Who is signed in, their clinics and roles', response: { 200: meResponse } } },
    async (request) => buildMe(requireUser(request)),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change my password (signs out every other session)',
        body: changePasswordBody,
        response: { 200: okResponse, 401: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const { db, now } = app.deps;
      const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw new AppError('invalid_credentials', 'The current password is not correct');
      }
      await assertStrongPassword(request.body.newPassword, [user.email, user.displayName]);
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(request.body.newPassword) })
        .where(eq(users.id, user.id));
      await revokeAllSessions(db, user.id, now());
      await startSession(request, reply, user.id, true);
      await request.audit({ action: 'auth.password_changed' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/2fa/setup',
    { schema: { tags, summary: 'Start two-factor enrolment', response: { 200: totpSetupResponse } } },
    async (request) => beginTotpSetup(request),
  );
  app.post(
    '/auth/2fa/enable',
    {
      schema: {
        tags,
        summary: 'Confirm two-factor enrolment with a code; answers the recovery codes once',
        body: totpEnableBody,
        response: { 200: recoveryCodesResponse, 401: errorSchema },
      },
    },
    async (request) => enableTotp(request, request.body.code),
  );
  app.post(
    '/auth/2fa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace my recovery codes',
        body: passwordConfirmBody,
        response: { 200: recoveryCodesResponse },
      },
    },
    async (request) => regenerateRecoveryCodes(request, request.body.password),
  );
  app.post(
    '/auth/2fa/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off',
        body: passwordConfirmBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await disableTotp(request, request.body.password);
      return { ok: true as const };
    },
  );
}
