import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { invitations, memberships, type Role } from '../../db/schema/index.ts';
import type { ClinicAccess } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserByEmail } from '../auth/me.ts';
import { isTeamRole, TEAM_ROLES } from '../members/schemas.ts';
import { createInvitation, mailInvitation, pendingAt, ROLE_NAMES } from './service.ts';

const listed = (roles: Role[]) => roles.map((r) => ROLE_NAMES[r]).join(roles.length === 2 ? ' and ' : ', ');

/**
 * Invite someone to the team, refusing duplicates: a current member is told to change roles on the Members page,
 * and an address with a pending team invitation is refused unless `replace` asks to withdraw that one and send a
 * new link. Check and write run in one transaction holding a lock on the clinic and address, so two owners
 * inviting at once cannot both get through. Returns the new invitation and the ones it replaced.
 */
export async function inviteToTeam(
  request: FastifyRequest,
  access: ClinicAccess,
  input: { email: string; role: Role; replace?: boolean },
) {
  const { db, now } = request.server.deps;
  const at = now();
  const email = input.email.toLowerCase();
  const { row, token, replaced } = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`invitation:${access.clinicId}:${email}`}))`,
    );
    const user = await findUserByEmail(tx, email);
    if (user) {
      const roles = (
        await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(
            and(
              eq(memberships.clinicId, access.clinicId),
              eq(memberships.userId, user.id),
              isNull(memberships.disabledAt),
            ),
          )
      )
        .map((m) => m.role)
        // A patient with a portal account is not on the team: they may still be invited to it.
        .filter(isTeamRole)
        .sort((a, b) => TEAM_ROLES.indexOf(a) - TEAM_ROLES.indexOf(b));
      if (roles.length > 0) {
        throw new AppError(
          'conflict',
          `${email} is already a member of ${access.clinic.name} (${listed(roles)}). To give them another role, change their roles on the Members page.`,
          { reason: 'already_member', userId: user.id, roles },
        );
      }
    }
    const pending = await tx
      .select({ id: invitations.id, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(
        and(
          eq(invitations.clinicId, access.clinicId),
          sql`lower(${invitations.email}) = ${email}`,
          // Portal invitations (to a patient record) are sent from the chart and are not duplicates of these.
          isNull(invitations.patientId),
          pendingAt(at),
        ),
      )
      .orderBy(asc(invitations.id));
    if (pending.length > 0 && !input.replace) {
      const [latest] = pending.slice(-1);
      throw new AppError(
        'conflict',
        `${email} already has a pending invitation (${ROLE_NAMES[latest!.role]}). Send a new link to replace it, or withdraw it first.`,
        {
          reason: 'invitation_pending',
          invitationId: latest!.id,
          role: latest!.role,
          expiresAt: latest!.expiresAt.toISOString(),
        },
      );
    }
    for (const old of pending)
      await tx.update(invitations).set({ revokedAt: at }).where(eq(invitations.id, old.id));
    const created = await createInvitation(
      request,
      tx,
      access.clinic,
      { email, role: input.role },
      access.principal.userId,
    );
    return { ...created, replaced: pending };
  });
  await mailInvitation(request, access.clinic, row, token);
  return { row, replaced };
}
