import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Transaction } from '../../db/connection.ts';
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

const ROLE_NAMES: Record<Role, string> = {
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
  const { db, now, mailer, config } = request.server.deps;
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
  await mailer.send({
    clinicId: clinic.id,
    to: input.email,
    subject: `You are invited to ${clinic.name} on Palpa`,
    text:
      `${clinic.name} invites you to join Palpa as ${ROLE_NAMES[input.role]}.\n\n` +
      `Accept the invitation: ${config.publicUrl}/invitations/${token}\n\n` +
      `The link works once and expires in ${INVITATION_DAYS} days.`,
  });
  return row!;
}

async function findByToken(request: FastifyRequest, token: string) {
  const { db, now } = request.server.deps;
  const [row] = await db
    .select({ invitation: invitations, clinicName: clinics.name })
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
  const userId = await db.transaction(async (tx) => {
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
    return userId;
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
  return { clinicId: invitation.clinicId, role: invitation.role };
}
