import type { FastifyReply, FastifyRequest } from 'fastify';
import { dummyPasswordHash, verifyPassword } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserByEmail } from './me.ts';
import { startSession } from './sign-in.ts';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle.ts';

const INVALID = () => new AppError('invalid_credentials', 'The e-mail or password is not correct');

/**
 * Password sign-in. Never reveals whether the e-mail exists: unknown e-mails cost the same argon2 work and
 * answer the same 401. Repeated failures per account or address answer 429, and the account owner is told.
 */
export async function login(
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  password: string,
): Promise<{ status: 'signed_in' | 'mfa_required'; csrfToken: string }> {
  const { db, now, mailer, config } = request.server.deps;
  try {
    await assertNotThrottled(db, email, request.ip, now());
  } catch (error) {
    await request.audit({
      action: 'auth.login',
      outcome: 'refused',
      details: { reason: 'throttled', email },
    });
    throw error;
  }
  const user = await findUserByEmail(db, email);
  const hashToCheck = user?.passwordHash && !user.disabledAt ? user.passwordHash : undefined;
  const matches = await verifyPassword(hashToCheck ?? (await dummyPasswordHash()), password);
  const valid = hashToCheck !== undefined && matches;
  if (!user || !valid) {
    const locked = await recordFailure(db, email, request.ip, now());
    await request.audit({
      action: 'auth.login',
      outcome: 'failed',
      actorUserId: user?.id ?? null,
      details: { reason: 'invalid_credentials', email },
    });
    if (locked && user && !user.disabledAt) {
      await mailer.send({
        to: user.email,
        subject: 'Palpa: repeated failed sign-in attempts',
        text:
          `Someone tried to sign in to your Palpa account several times with a wrong password, most recently from ${request.ip}.\n` +
          'Sign-in is paused for 15 minutes. If this was not you, change your password and turn on two-factor sign-in:\n' +
          `${config.publicUrl}/account`,
      });
    }
    throw INVALID();
  }
  await clearFailures(db, email);
  const mfaRequired = user.totpEnabledAt !== null;
  const { csrfToken } = await startSession(request, reply, user.id, !mfaRequired);
  await request.audit({
    action: mfaRequired ? 'auth.login.password_ok' : 'auth.login',
    actorUserId: user.id,
    details: { mfaRequired },
  });
  return { status: mfaRequired ? 'mfa_required' : 'signed_in', csrfToken };
}
