import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { apiTokens } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { PERMISSION_NAMES, type Permission, rolesAllow } from '../../platform/permissions.ts';
import { errorSchema, isoDateTime, nameSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';

const tags = ['API tokens'];
const permissionSchema = z.enum(PERMISSION_NAMES as [Permission, ...Permission[]]);
const tokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
});
const view = (row: typeof apiTokens.$inferSelect) => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

/** Personal API tokens for integrations: scoped to one clinic and a set of permissions, shown once, stored hashed. */
export default async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens for this clinic',
        params: clinicParams,
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.read');
      const rows = await db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.clinicId, access.clinicId),
            eq(apiTokens.userId, access.principal.userId),
            isNull(apiTokens.revokedAt),
          ),
        )
        .orderBy(desc(apiTokens.id));
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/clinics/:clinicId/tokens',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create an API token (the secret is shown only in this response)',
        params: clinicParams,
        body: z.object({
          name: nameSchema,
          scopes: z.array(permissionSchema).min(1),
          expiresInDays: z.number().int().min(1).max(730).optional(),
        }),
        response: { 201: tokenView.extend({ token: z.string() }), 403: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.read');
      if (access.principal.via === 'token')
        throw new AppError('forbidden', 'API tokens cannot create API tokens');
      const refused = request.body.scopes.filter((scope) => !rolesAllow(access.roles, scope));
      if (refused.length > 0) {
        throw new AppError(
          'forbidden',
          'A token cannot do more than you can',
          refused.map((s) => ({ path: 'body.scopes', message: `not allowed: ${s}` })),
        );
      }
      const secret = `palpa_${randomToken()}`;
      const [row] = await db
        .insert(apiTokens)
        .values({
          id: uuidv7(),
          userId: access.principal.userId,
          clinicId: access.clinicId,
          name: request.body.name,
          tokenHash: sha256(secret),
          scopes: [...new Set(request.body.scopes)],
          expiresAt: request.body.expiresInDays
            ? new Date(now().getTime() + request.body.expiresInDays * 86_400_000)
            : null,
        })
        .returning();
      await request.audit({
        action: 'api_token.created',
        clinicId: access.clinicId,
        resourceType: 'api_token',
        resourceId: row!.id,
        details: { scopes: row!.scopes },
      });
      return reply.status(201).send({ ...view(row!), token: secret });
    },
  );

  app.delete(
    '/clinics/:clinicId/tokens/:tokenId',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: clinicParams.extend({ tokenId: z.uuid() }),
        response: { 200: tokenView, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.read');
      const [row] = await db
        .update(apiTokens)
        .set({ revokedAt: now() })
        .where(
          and(
            eq(apiTokens.id, request.params.tokenId),
            eq(apiTokens.clinicId, access.clinicId),
            eq(apiTokens.userId, access.principal.userId),
          ),
        )
        .returning();
      if (!row) throw notFound('API token');
      await request.audit({
        action: 'api_token.revoked',
        clinicId: access.clinicId,
        resourceType: 'api_token',
        resourceId: row.id,
      });
      return view(row);
    },
  );
}
