import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { memberships, users } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { page, pageQuery, toPage } from '../../platform/pagination.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { revokeAllSessions } from '../../platform/sessions.ts';
import { clinicParams } from '../clinics/routes.ts';
import { isTeamRole, type Member, member, rolesBody, TEAM_ROLES } from './schemas.ts';

const tags = ['Members'];
const memberParams = clinicParams.extend({ userId: z.uuid() });
/** The team's memberships: a patient's portal membership is never listed, changed or removed here. */
const teamMembership = (clinicId: string) =>
  and(eq(memberships.clinicId, clinicId), inArray(memberships.role, [...TEAM_ROLES]));

async function activeOwners(db: Executor, clinicId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(eq(memberships.clinicId, clinicId), eq(memberships.role, 'owner'), isNull(memberships.disabledAt)),
    );
  return rows.map((r) => r.userId);
}

export default async function memberRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    '/clinics/:clinicId/members',
    {
      schema: {
        tags,
        summary:
          'The team (staff and referring physicians) with their roles; patients are listed under patients',
        params: clinicParams,
        querystring: pageQuery,
        response: { 200: page(member), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.read');
      const { cursor, limit } = request.query;
      const people = await db
        .selectDistinct({ id: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(teamMembership(access.clinicId), cursor ? gt(users.id, cursor) : undefined))
        .orderBy(asc(users.id))
        .limit(limit + 1);
      const pageOfIds = toPage(people, limit);
      const ids = pageOfIds.items.map((p) => p.id);
      const rows = ids.length
        ? await db
            .select({
              user: users,
              role: memberships.role,
              since: memberships.createdAt,
              disabledAt: memberships.disabledAt,
            })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(teamMembership(access.clinicId), inArray(users.id, ids)))
        : [];
      const byId = new Map<string, Member>();
      for (const row of rows) {
        const m = byId.get(row.user.id) ?? {
          id: row.user.id,
          email: row.user.email,
          displayName: row.user.displayName,
          roles: [],
          disabled: true,
          totpEnabled: row.user.totpEnabledAt !== null,
          since: row.since.toISOString(),
        };
        if (!row.disabledAt && isTeamRole(row.role)) {
          m.roles.push(row.role);
          m.disabled = false;
        }
        if (row.since.toISOString() < m.since) m.since = row.since.toISOString();
        byId.set(row.user.id, m);
      }
      return { items: ids.map((id) => byId.get(id)!), nextCursor: pageOfIds.nextCursor };
    },
  );

  app.put(
    '/clinics/:clinicId/members/:userId/roles',
    {
      schema: {
        tags,
        summary: "Replace a team member's roles (a patient's portal access stays as it is)",
        params: memberParams,
        body: rolesBody,
        response: { 200: z.object({ roles: rolesBody.shape.roles }), 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.manage');
      const { userId } = request.params;
      const roles = [...new Set(request.body.roles)];
      const before = await db.transaction(async (tx) => {
        const current = await tx
          .select({ role: memberships.role, disabledAt: memberships.disabledAt })
          .from(memberships)
          .where(and(teamMembership(access.clinicId), eq(memberships.userId, userId)));
        // A patient who is not on the team is not a member here: staff roles come by invitation.
        if (current.length === 0) throw notFound('Member');
        const owners = await activeOwners(tx, access.clinicId);
        if (owners.length === 1 && owners[0] === userId && !roles.includes('owner')) {
          throw new AppError('conflict', 'A clinic needs at least one owner: make someone else owner first');
        }
        await tx
          .delete(memberships)
          .where(and(teamMembership(access.clinicId), eq(memberships.userId, userId)));
        await tx
          .insert(memberships)
          .values(roles.map((role) => ({ clinicId: access.clinicId, userId, role })));
        return current.filter((c) => !c.disabledAt).map((c) => c.role);
      });
      await request.audit({
        action: 'member.roles_changed',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'user',
        resourceId: userId,
        details: { before, after: roles },
      });
      return { roles };
    },
  );

  app.post(
    '/clinics/:clinicId/members/:userId/disable',
    {
      schema: {
        tags,
        summary:
          "Remove a team member's access to the clinic (their history, and a patient's portal access, stay)",
        params: memberParams,
        response: { 200: z.object({ ok: z.literal(true) }), 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.manage');
      const { userId } = request.params;
      const owners = await activeOwners(db, access.clinicId);
      if (owners.length === 1 && owners[0] === userId) {
        throw new AppError('conflict', 'The last owner cannot be removed');
      }
      const changed = await db
        .update(memberships)
        .set({ disabledAt: app.deps.now() })
        .where(
          and(
            teamMembership(access.clinicId),
            eq(memberships.userId, userId),
            isNull(memberships.disabledAt),
          ),
        )
        .returning();
      if (changed.length === 0) throw notFound('Member');
      await revokeAllSessions(db, userId, app.deps.now());
      await request.audit({
        action: 'member.disabled',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'user',
        resourceId: userId,
      });
      return { ok: true as const };
    },
  );
}
