import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invitations } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { notFound } from '../../platform/errors.ts';
import { page, pageQuery, toPage } from '../../platform/pagination.ts';
import { errorSchema, roleSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { inviteToTeam } from './invite.ts';
import { acceptBody, invitation, invitationInput, invitationPreview } from './schemas.ts';
import { acceptInvitation, invitationStatus, previewInvitation } from './service.ts';

const tags = ['Invitations'];
const tokenParams = z.object({ token: z.string().min(20).max(100) });

const view = (row: typeof invitations.$inferSelect, now: Date) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  status: invitationStatus(row, now),
});

export default async function invitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.post(
    '/clinics/:clinicId/invitations',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Invite someone by e-mail (the link expires in 7 days and works once); 409 for a current member, or for an address with a pending invitation unless `replace` is true',
        params: clinicParams,
        body: invitationInput,
        response: { 201: invitation, 403: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.manage');
      const { row, replaced } = await inviteToTeam(request, access, request.body);
      for (const old of replaced) {
        await request.audit({
          action: 'invitation.revoked',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          resourceType: 'invitation',
          resourceId: old.id,
          details: { role: old.role, reason: 'replaced', replacedBy: row.id },
        });
      }
      await request.audit({
        action: 'invitation.sent',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'invitation',
        resourceId: row.id,
        details: { role: row.role },
      });
      return reply.status(201).send(view(row, now()));
    },
  );

  app.get(
    '/clinics/:clinicId/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations sent by the clinic',
        params: clinicParams,
        querystring: pageQuery,
        response: { 200: page(invitation) },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.manage');
      const { cursor, limit } = request.query;
      const rows = await db
        .select()
        .from(invitations)
        .where(
          and(eq(invitations.clinicId, access.clinicId), cursor ? lt(invitations.id, cursor) : undefined),
        )
        .orderBy(desc(invitations.id))
        .limit(limit + 1);
      const result = toPage(rows, limit);
      return { items: result.items.map((r) => view(r, now())), nextCursor: result.nextCursor };
    },
  );

  app.delete(
    '/clinics/:clinicId/invitations/:invitationId',
    {
      schema: {
        tags,
        summary: 'Withdraw an invitation',
        params: clinicParams.extend({ invitationId: z.uuid() }),
        response: { 200: invitation, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.manage');
      const [row] = await db
        .update(invitations)
        .set({ revokedAt: now() })
        .where(
          and(
            eq(invitations.clinicId, access.clinicId),
            eq(invitations.id, request.params.invitationId),
            isNull(invitations.acceptedAt),
          ),
        )
        .returning();
      if (!row) throw notFound('Pending invitation');
      await request.audit({
        action: 'invitation.revoked',
        clinicId: access.clinicId,
        resourceType: 'invitation',
        resourceId: row.id,
      });
      return view(row, now());
    },
  );

  app.get(
    '/invitations/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers (no sign-in needed)',
        security: [],
        params: tokenParams,
        response: { 200: invitationPreview, 404: errorSchema, 410: errorSchema },
      },
    },
    async (request) => previewInvitation(request, request.params.token),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Accept an invitation: a new person chooses a name and password; an existing one signs in first',
        params: tokenParams,
        body: acceptBody,
        response: {
          200: z.object({ clinicId: z.uuid(), role: roleSchema }),
          401: errorSchema,
          410: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => acceptInvitation(request, reply, request.params.token, request.body),
  );
}
