import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Executor, Transaction } from '../../db/connection.ts';
import { clinics, invitations, memberships, type Role, users } from '../../db/schema/index.ts';
import { hashPassword, randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { assertStrongPassword } from '../../platform/password-policy.ts';
import { findUserByEmail } from '../auth/me.ts';
import { startSession } from '../auth/sign-in.ts';
import { INVITATION_DAYS } from './schemas.ts';

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export const invitationStatus = (row: typeof invitations.$inferSelect, now: Date): InvitationStatus =>
  row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'pending';

export const ROLE_NAMES: Record<Role, string> = {
  owner: 'owner',
  front_desk: 'front desk',
  therapist: 'therapist',
  physician: 'referring physician',
  patient: 'patient',
};

export async function sendInvitation(
  request: FastifyRequest,
  clinic: { id: string; name: string },
  input: { email: string; role: Role; patientId?: string },
  invitedBy: string,
) {
  const { row, token } = await createInvitation(request, request.server.deps.db, clinic, input, invitedBy);
  await mailInvitation(request, clinic, row, token);
  return row;
}

/** The invitation row with a fresh single-use token (only its hash is stored), written with `db` (a transaction). */
export async function createInvitation(
  request: FastifyRequest,
  db: Executor,
  clinic: { id: string },
  input: { email: string; role: Role; patientId?: string },
  invitedBy: string,
) {
  const { now } = request.server.deps;
  const token = randomToken();
  const [row] = await db
    .insert(invitations)
    .values({
      clinicId: clinic.id,
      id: uuidv7(),
      email: input.email,
      role: input.role,
      patientId: input.patientId ?? null,
      tokenHash: sha256(token),
      invitedBy,
      expiresAt: new Date(now().getTime() + INVITATION_DAYS * 86_400_000),
    })
    .returning();
  return { row: row!, token };
}

export async function mailInvitation(
  request: FastifyRequest,
  clinic: { id: string; name: string },
  row: { email: string; role: Role },
  token: string,
) {
  const { mailer, config } = request.server.deps;
  await mailer.send({
    clinicId: clinic.id,
    to: row.email,
    subject: `You are invited to ${clinic.name} on Palpa`,
    text:
      `${clinic.name} invites you to join Palpa as ${ROLE_NAMES[row.role]}.\n\n` +
      `Accept the invitation: ${config.publicUrl}/invitations/${token}\n\n` +
      `The link works once and expires in ${INVITATION_DAYS} days.`,
  });
}

async function findByToken(request: FastifyRequest, token: string) {
  const { db, now } = request.server.deps;
  const [row] = await db
    .select({ invitation: invitations, clinicName: clinics.name, clinicTimeZone: clinics.timeZone })
    .from(invitations)
    .innerJoin(clinics, eq(clinics.id, invitations.clinicId))
    .where(eq(invitations.tokenHash, sha256(token)));
  if (!row) throw new AppError('not_found', 'This invitation link is not valid');
  const status = invitationStatus(row.invitation, now());
  if (status !== 'pending') {
    throw new AppError(
      'gone',
      `This invitation has ${status === 'accepted' ? 'already been used' : status === 'revoked' ? 'been withdrawn' : 'expired'}; ask the clinic for a new one`,
      { status },
    );
  }
  return row;
}

export async function previewInvitation(request: FastifyRequest, token: string) {
  const row = await findByToken(request, token);
  const existing = await findUserByEmail(request.server.deps.db, row.invitation.email);
  return {
    clinicName: row.clinicName,
    clinicTimeZone: row.clinicTimeZone,
    role: row.invitation.role,
    email: row.invitation.email,
    accountExists: Boolean(existing),
    expiresAt: row.invitation.expiresAt.toISOString(),
  };
}

export type InvitationAcceptedHook = (
  tx: Transaction,
  accepted: { clinicId: string; userId: string; email: string; role: Role; patientId: string | null },
) => Promise<void>;
const acceptedHooks = new Set<InvitationAcceptedHook>();
/** Other capabilities react to an accepted invitation inside its transaction (e.g. link a provider record). */
export function onInvitationAccepted(hook: InvitationAcceptedHook): void {
  acceptedHooks.add(hook);
}

/** Accepting is single-use: the invitation is claimed with one conditional UPDATE inside the transaction. */
export async function acceptInvitation(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  input: { displayName?: string; password?: string },
) {
  const { db, now } = request.server.deps;
  const { invitation } = await findByToken(request, token);
  const existing = await findUserByEmail(db, invitation.email);
  if (existing) {
    if (request.principal?.userId !== existing.id || !request.principal.mfaVerified) {
      throw new AppError('unauthenticated', `Sign in as ${invitation.email} to accept this invitation`);
    }
  } else {
    if (!input.displayName || !input.password) {
      throw new AppError('validation_failed', 'Choose your name and a password', [
        ...(input.displayName ? [] : [{ path: 'body.displayName', message: 'Required' }]),
        ...(input.password ? [] : [{ path: 'body.password', message: 'Required' }]),
      ]);
    }
    await assertStrongPassword(input.password, [invitation.email, input.displayName]);
  }
  const passwordHash = existing ? undefined : await hashPassword(input.password!);
  const { userId, withdrawn } = await db.transaction(async (tx) => {
    const userId = existing?.id ?? uuidv7();
    if (!existing) {
      await tx
        .insert(users)
        .values({ id: userId, email: invitation.email, displayName: input.displayName!, passwordHash });
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: now(), acceptedBy: userId })
      .where(
        and(
          eq(invitations.clinicId, invitation.clinicId),
          eq(invitations.id, invitation.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now()),
        ),
      )
      .returning({ id: invitations.id });
    if (claimed.length !== 1) throw new AppError('gone', 'This invitation has already been used');
    const withdrawn = await withdrawOtherPending(tx, invitation, now());
    await tx
      .insert(memberships)
      .values({ clinicId: invitation.clinicId, userId, role: invitation.role })
      .onConflictDoUpdate({
        target: [memberships.clinicId, memberships.userId, memberships.role],
        set: { disabledAt: null },
      });
    const accepted = {
      clinicId: invitation.clinicId,
      userId,
      email: invitation.email,
      role: invitation.role,
      patientId: invitation.patientId,
    };
    for (const hook of acceptedHooks) await hook(tx, accepted);
    return { userId, withdrawn };
  });
  if (!existing) await startSession(request, reply, userId, true);
  await request.audit({
    action: 'invitation.accepted',
    actorUserId: userId,
    clinicId: invitation.clinicId,
    resourceType: 'invitation',
    resourceId: invitation.id,
    details: { role: invitation.role },
  });
  for (const other of withdrawn) {
    await request.audit({
      action: 'invitation.revoked',
      actorUserId: userId,
      clinicId: invitation.clinicId,
      resourceType: 'invitation',
      resourceId: other.id,
      details: {
        role: other.role,
        reason: 'another_invitation_accepted',
        acceptedInvitationId: invitation.id,
      },
    });
  }
  return { clinicId: invitation.clinicId, role: invitation.role };
}

/** Invitations not yet accepted, withdrawn or expired. */
export const pendingAt = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/**
 * Once one invitation is accepted, the clinic's other pending links to the same address are withdrawn so a
 * forwarded or stale one cannot add a role later. Only those of the same kind: a team invitation leaves a
 * portal invitation for the person's own patient record alone, and the other way round.
 */
async function withdrawOtherPending(
  tx: Transaction,
  accepted: { id: string; clinicId: string; email: string; patientId: string | null },
  now: Date,
) {
  return tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.clinicId, accepted.clinicId),
        sql`lower(${invitations.email}) = ${accepted.email.toLowerCase()}`,
        ne(invitations.id, accepted.id),
        accepted.patientId === null
          ? isNull(invitations.patientId)
          : eq(invitations.patientId, accepted.patientId),
        pendingAt(now),
      ),
    )
    .returning({ id: invitations.id, role: invitations.role });
}
