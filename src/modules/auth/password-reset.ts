import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { passwordResets, users } from '../../db/schema/index.ts';
import { hashPassword, randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { assertStrongPassword } from '../../platform/password-policy.ts';
import { revokeAllSessions } from '../../platform/sessions.ts';
import { findUserByEmail } from './me.ts';
import { PASSWORD_RESET_MINUTES, PASSWORD_RESETS_PER_HOUR } from './schemas.ts';
import { clearFailures } from './throttle.ts';

/**
 * Sends a link to choose a new password, when the address belongs to an active account. The answer is the
 * same either way, so the form does not tell who has an account. The e-mail holds the link only; an account
 * gets at most a few an hour, so the form cannot flood a mailbox.
 */
export async function requestPasswordReset(request: FastifyRequest, email: string): Promise<void> {
  const { db, now, mailer, config } = request.server.deps;
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  const [recent] = await db
    .select({ n: count() })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.userId, user.id),
        gt(passwordResets.createdAt, new Date(now().getTime() - 3_600_000)),
      ),
    );
  if (recent!.n >= PASSWORD_RESETS_PER_HOUR) return;
  const token = randomToken();
  await db.insert(passwordResets).values({
    id: uuidv7(),
    userId: user.id,
    tokenHash: sha256(token),
    expiresAt: new Date(now().getTime() + PASSWORD_RESET_MINUTES * 60_000),
    createdAt: now(),
  });
  await mailer.send({
    to: user.email,
    subject: 'Choose a new Palpa password',
    text:
      `Someone (we hope you) asked to choose a new password for ${user.email} on Palpa.\n\n` +
      `Choose it here: ${config.publicUrl}/reset-password/${token}\n\n` +
      `The link works once, for ${PASSWORD_RESET_MINUTES} minutes. If you did not ask, ignore this e-mail: ` +
      'your password stays as it is.',
  });
  await request.audit({
    action: 'auth.password_reset_requested',
    actorUserId: user.id,
    resourceType: 'user',
    resourceId: user.id,
  });
}

/**
 * Sets the new password from a reset link. The link is claimed by one conditional UPDATE, so it works once;
 * every session of the account ends (whoever knew the old password is signed out). Two-factor sign-in stays
 * as it was: a link in a mailbox is no second factor.
 */
export async function completePasswordReset(
  request: FastifyRequest,
  token: string,
  password: string,
): Promise<void> {
  const { db, now } = request.server.deps;
  const [row] = await db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, sha256(token)));
  const expired = () =>
    new AppError(
      'gone',
      'This link has expired or was already used: ask for a new one from the sign-in page',
    );
  if (!row || row.reset.usedAt || row.reset.expiresAt <= now() || row.user.disabledAt) throw expired();
  await assertStrongPassword(password, [row.user.email, row.user.displayName]);
  const passwordHash = await hashPassword(password);
  const revokedSessions = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: now() })
      .where(
        and(
          eq(passwordResets.id, row.reset.id),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now()),
        ),
      )
      .returning({ id: passwordResets.id });
    if (claimed.length !== 1) throw expired();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.user.id));
    return revokeAllSessions(tx, row.user.id, now());
  });
  await clearFailures(db, row.user.email);
  await request.audit({
    action: 'auth.password_reset',
    actorUserId: row.user.id,
    resourceType: 'user',
    resourceId: row.user.id,
    details: { revokedSessions },
  });
}
