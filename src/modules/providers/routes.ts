import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { referringProviders } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { page } from '../../platform/pagination.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { invitation } from '../invitations/schemas.ts';
import { invitationStatus, onInvitationAccepted, sendInvitation } from '../invitations/service.ts';
import { npiProblem, provider, providerInput, providerPatch, providerSearchQuery } from './schemas.ts';

const tags = ['Referring providers'];
const providerParams = clinicParams.extend({ providerId: z.uuid() });
type ProviderRow = typeof referringProviders.$inferSelect;

/** "Carmen Ruiz, MD": how a provider is named on screens and letters. */
export const providerDisplayName = (row: Pick<ProviderRow, 'firstName' | 'lastName' | 'credentials'>) =>
  `${row.firstName} ${row.lastName}${row.credentials ? `, ${row.credentials}` : ''}`;

const view = (row: ProviderRow) => ({
  id: row.id,
  kind: row.kind,
  displayName: providerDisplayName(row),
  firstName: row.firstName,
  lastName: row.lastName,
  credentials: row.credentials,
  practiceName: row.practiceName,
  npi: row.npi,
  phone: row.phone,
  fax: row.fax,
  email: row.email,
  addressLine1: row.addressLine1,
  addressLine2: row.addressLine2,
  city: row.city,
  region: row.region,
  postalCode: row.postalCode,
  userId: row.userId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

function assertNpi(npi: string | null | undefined): void {
  const problem = npi ? npiProblem(npi) : undefined;
  if (problem) throw new AppError('unprocessable', problem, [{ path: 'body.npi', message: problem }]);
}

/** A duplicate NPI is answered 409 with the field, not the generic conflict. */
function npiConflict(error: unknown): never {
  const e = error as {
    code?: string;
    cause?: { code?: string; constraint_name?: string; constraint?: string };
  };
  const code = e.code ?? e.cause?.code;
  if (code === '23505') {
    throw new AppError('conflict', 'Another provider of this clinic has this NPI', [
      { path: 'body.npi', message: 'Already used by another provider' },
    ]);
  }
  throw error;
}

/** An accepted physician invitation links the provider record with that e-mail to the new account. */
async function linkProviderOnAcceptance(
  tx: Parameters<Parameters<typeof onInvitationAccepted>[0]>[0],
  accepted: { clinicId: string; userId: string; email: string; role: string },
): Promise<void> {
  if (accepted.role !== 'physician') return;
  await tx
    .update(referringProviders)
    .set({ userId: accepted.userId, updatedAt: new Date() })
    .where(
      and(
        eq(referringProviders.clinicId, accepted.clinicId),
        sql`lower(${referringProviders.email}) = lower(${accepted.email})`,
        isNull(referringProviders.userId),
      ),
    );
}

export default async function providerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  onInvitationAccepted(linkProviderOnAcceptance);

  async function load(clinicId: string, providerId: string) {
    const [row] = await db
      .select()
      .from(referringProviders)
      .where(and(eq(referringProviders.clinicId, clinicId), eq(referringProviders.id, providerId)));
    if (!row) throw notFound('Referring provider');
    return row;
  }

  app.post(
    '/clinics/:clinicId/providers',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add a referring provider (the NPI is checked with its check digit, unique in the clinic)',
        params: clinicParams,
        body: providerInput,
        response: { 201: provider, 400: errorSchema, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'providers.manage');
      assertNpi(request.body.npi);
      const at = now();
      const [row] = await db
        .insert(referringProviders)
        .values({ ...request.body, clinicId: access.clinicId, id: uuidv7(), createdAt: at, updatedAt: at })
        .returning()
        .catch(npiConflict);
      await request.audit({
        action: 'provider.created',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'referring_provider',
        resourceId: row!.id,
      });
      return reply.status(201).send(view(row!));
    },
  );

  app.get(
    '/clinics/:clinicId/providers',
    {
      schema: {
        tags,
        summary: 'Search referring providers by name, practice or NPI',
        params: clinicParams,
        querystring: providerSearchQuery,
        response: { 200: page(provider), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'providers.read');
      const { q, cursor, limit } = request.query;
      const term = q?.trim();
      const match = term
        ? /^\d+$/.test(term)
          ? sql`${referringProviders.npi} like ${`${term}%`}`
          : or(
              sql`${referringProviders.nameKey} like public.palpa_search_key(${term}) || '%'`,
              sql`${referringProviders.nameKey} like '% ' || public.palpa_search_key(${term}) || '%'`,
            )
        : undefined;
      const rows = await db
        .select()
        .from(referringProviders)
        .where(
          and(
            eq(referringProviders.clinicId, access.clinicId),
            match,
            cursor ? gt(referringProviders.id, cursor) : undefined,
          ),
        )
        .orderBy(asc(referringProviders.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      return { items: items.map(view), nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/clinics/:clinicId/providers/:providerId',
    {
      schema: {
        tags,
        summary: 'One referring provider',
        params: providerParams,
        response: { 200: provider, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'providers.read');
      return view(await load(access.clinicId, request.params.providerId));
    },
  );

  app.patch(
    '/clinics/:clinicId/providers/:providerId',
    {
      schema: {
        tags,
        summary: 'Change a referring provider',
        params: providerParams,
        body: providerPatch,
        response: {
          200: provider,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'providers.manage');
      assertNpi(request.body.npi);
      const [row] = await db
        .update(referringProviders)
        .set({ ...request.body, updatedAt: now() })
        .where(
          and(
            eq(referringProviders.clinicId, access.clinicId),
            eq(referringProviders.id, request.params.providerId),
          ),
        )
        .returning()
        .catch(npiConflict);
      if (!row) throw notFound('Referring provider');
      await request.audit({
        action: 'provider.updated',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'referring_provider',
        resourceId: row.id,
        details: { fields: Object.keys(request.body).sort() },
      });
      return view(row);
    },
  );

  app.delete(
    '/clinics/:clinicId/providers/:providerId',
    {
      schema: {
        tags,
        summary: 'Remove a referring provider who has no referrals (409 otherwise)',
        params: providerParams,
        response: {
          200: z.object({ ok: z.literal(true) }),
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'providers.manage');
      // A provider named on a referral cannot go: the foreign key refuses it (answered 409).
      const deleted = await db
        .delete(referringProviders)
        .where(
          and(
            eq(referringProviders.clinicId, access.clinicId),
            eq(referringProviders.id, request.params.providerId),
          ),
        )
        .returning({ id: referringProviders.id })
        .catch((error: unknown) => {
          const e = error as { code?: string; cause?: { code?: string } };
          if ((e.code ?? e.cause?.code) === '23503') {
            throw new AppError(
              'conflict',
              'This provider is named on referrals or clearance requests and stays on file',
            );
          }
          throw error;
        });
      if (deleted.length === 0) throw notFound('Referring provider');
      await request.audit({
        action: 'provider.deleted',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'referring_provider',
        resourceId: request.params.providerId,
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/clinics/:clinicId/providers/:providerId/invite',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Invite the provider to a physician account; accepting links this record to the account',
        params: providerParams,
        response: { 201: invitation, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'members.manage');
      const row = await load(access.clinicId, request.params.providerId);
      if (!row.email) {
        throw new AppError('unprocessable', "Add the provider's e-mail address first", [
          { path: 'email', message: 'Required' },
        ]);
      }
      if (row.userId)
        throw new AppError('conflict', 'This provider already has a Palpa account in the clinic');
      const sent = await sendInvitation(
        request,
        access.clinic,
        { email: row.email, role: 'physician' },
        access.principal.userId,
      );
      await request.audit({
        action: 'invitation.sent',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'invitation',
        resourceId: sent.id,
        details: { role: 'physician', providerId: row.id },
      });
      return reply.status(201).send({
        id: sent.id,
        email: sent.email,
        role: sent.role,
        expiresAt: sent.expiresAt.toISOString(),
        createdAt: sent.createdAt.toISOString(),
        status: invitationStatus(sent, now()),
      });
    },
  );
}
