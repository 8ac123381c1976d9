import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { generateSecret, generateURI, verify } from 'otplib';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/connection.ts';
import { recoveryCodes, users } from '../../db/schema/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { randomToken, sha256, verifyPassword } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { createSecretBox, loadSecretKey, type SecretBox } from '../../platform/secret-box.ts';
import { revokeSession } from '../../platform/sessions.ts';
import { startSession } from './sign-in.ts';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle.ts';

const RECOVERY_CODE_COUNT = 10;
/** One 30-second step either side absorbs clock drift between server and phone. */
const TOTP_TOLERANCE_SECONDS = 30;

export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

export async function isValidTotp(secret: string, code: string): Promise<boolean> {
  const result = await verify({ secret, token: code, epochTolerance: TOTP_TOLERANCE_SECONDS });
  return result.valid;
}

/** One secret box per configuration (the key file is read once). */
const boxes = new WeakMap<Config, SecretBox>();
function secretBox(request: FastifyRequest): SecretBox {
  const { config } = request.server.deps;
  let box = boxes.get(config);
  if (!box) {
    box = createSecretBox(loadSecretKey(config));
    boxes.set(config, box);
  }
  return box;
}

/**
 * Checks a code against the user's stored (sealed) seed. A seed stored before encryption is sealed on its
 * first successful use.
 */
async function verifyStoredTotp(
  request: FastifyRequest,
  user: { id: string; totpSecret: string },
  code: string,
): Promise<boolean> {
  const box = secretBox(request);
  if (!(await isValidTotp(box.open(user.totpSecret, user.id), code))) return false;
  if (box.isLegacy(user.totpSecret)) {
    await request.server.deps.db
      .update(users)
      .set({ totpSecret: box.seal(user.totpSecret, user.id) })
      .where(eq(users.id, user.id));
  }
  return true;
}

async function issueRecoveryCodes(db: Executor, userId: string): Promise<string[]> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomToken(8)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .padEnd(10, '0')
      .slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ id: uuidv7(), userId, codeHash: sha256(normaliseRecoveryCode(code)) })));
  return codes;
}

/** Step 1 of enrolment: a new secret, kept unconfirmed until a code from the authenticator proves it. */
export async function beginTotpSetup(request: FastifyRequest) {
  const principal = requireUser(request);
  const secret = generateSecret();
  await request.server.deps.db
    .update(users)
    .set({ totpSecret: secretBox(request).seal(secret, principal.userId) })
    .where(eq(users.id, principal.userId));
  const otpauthUri = generateURI({ issuer: 'Palpa', label: principal.email, secret });
  await request.audit({ action: 'auth.2fa.setup_started' });
  return { secret, otpauthUri };
}

export async function enableTotp(request: FastifyRequest, code: string) {
  const principal = requireUser(request);
  const { db, now } = request.server.deps;
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  if (!user?.totpSecret) throw new AppError('bad_request', 'Start two-factor set-up first');
  if (!(await verifyStoredTotp(request, { id: user.id, totpSecret: user.totpSecret }, code))) {
    await request.audit({ action: 'auth.2fa.enable', outcome: 'failed' });
    throw new AppError(
      'invalid_totp',
      'That code is not correct; check the time on your phone and try again',
    );
  }
  const codes = await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: now() }).where(eq(users.id, user.id));
    return issueRecoveryCodes(tx, user.id);
  });
  await request.audit({ action: 'auth.2fa.enable' });
  return { recoveryCodes: codes };
}

export async function regenerateRecoveryCodes(request: FastifyRequest, password: string) {
  const user = await confirmPassword(request, password);
  if (!user.totpEnabledAt) throw new AppError('bad_request', 'Two-factor sign-in is not on');
  const codes = await issueRecoveryCodes(request.server.deps.db, user.id);
  await request.audit({ action: 'auth.2fa.recovery_codes_regenerated' });
  return { recoveryCodes: codes };
}

export async function disableTotp(request: FastifyRequest, password: string) {
  const user = await confirmPassword(request, password);
  const { db } = request.server.deps;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  });
  await request.audit({ action: 'auth.2fa.disable' });
}

async function confirmPassword(request: FastifyRequest, password: string) {
  const principal = requireUser(request);
  const [user] = await request.server.deps.db.select().from(users).where(eq(users.id, principal.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('invalid_credentials', 'The password is not correct');
  }
  return user;
}

/** Second step of sign-in: a TOTP code or an unused recovery code upgrades the pending session. */
export async function completeSecondFactor(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { code?: string; recoveryCode?: string },
): Promise<{ csrfToken: string }> {
  const principal = request.principal;
  if (!principal?.session || principal.mfaVerified) {
    throw new AppError('unauthenticated', 'Sign in with your password first');
  }
  const { db, now } = request.server.deps;
  await assertNotThrottled(db, principal.email.toLowerCase(), request.ip, now());
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  let ok = false;
  if (user?.totpSecret && input.code) {
    ok = await verifyStoredTotp(request, { id: user.id, totpSecret: user.totpSecret }, input.code);
  }
  if (user && input.recoveryCode) {
    const used = await db
      .update(recoveryCodes)
      .set({ usedAt: now() })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, sha256(normaliseRecoveryCode(input.recoveryCode))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    ok = used.length === 1;
  }
  if (!ok) {
    await recordFailure(db, principal.email.toLowerCase(), request.ip, now());
    await request.audit({ action: 'auth.login.second_factor', outcome: 'failed' });
    throw new AppError('invalid_totp', 'That code is not correct');
  }
  await clearFailures(db, principal.email.toLowerCase());
  // Rotate the session: the pending one ends, a fully verified one begins.
  await revokeSession(db, principal.session.tokenHash, now());
  const session = await startSession(request, reply, principal.userId, true);
  await request.audit({
    action: 'auth.login',
    details: { secondFactor: input.recoveryCode ? 'recovery_code' : 'totp' },
  });
  return session;
}
