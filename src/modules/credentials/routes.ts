import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { credentials, memberships, users } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { loggableError } from '../../platform/log-safe.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { isCredentialPublic } from '../directory/public-data.ts';
import { checkCredentialExpiries, daysBetween, localToday } from './expiry.ts';
import { licenceAlerts } from './licence-alerts.ts';
import {
  type Credential,
  credential,
  credentialInput,
  credentialNumberProblem,
  credentialPatch,
  EXPIRY_WARNING_DAYS,
  LICENCE_ALERT_DAYS,
  licenceAlert,
} from './schemas.ts';

const tags = ['Credentials'];
const credentialParams = clinicParams.extend({ credentialId: z.uuid() });
const verifier = alias(users, 'verifier');
type Row = typeof credentials.$inferSelect;

/** The one-NPI-per-therapist index answers 409 with the field, not the generic conflict. */
function secondNpi(error: unknown): never {
  const e = error as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === '23505') {
    throw new AppError('conflict', 'This therapist already has an NPI on record: change that one instead', [
      { path: 'body.kind', message: 'Already recorded for this therapist' },
    ]);
  }
  throw error;
}

export function credentialState(
  row: Row,
  today: string,
): Pick<Credential, 'state' | 'daysToExpiry' | 'shownPublicly'> {
  const daysToExpiry = row.expiresOn ? daysBetween(today, row.expiresOn) : null;
  const state =
    row.status !== 'active'
      ? 'not_active'
      : daysToExpiry !== null && daysToExpiry < 0
        ? 'expired'
        : daysToExpiry !== null && daysToExpiry <= EXPIRY_WARNING_DAYS
          ? 'expiring'
          : 'current';
  return { state, daysToExpiry, shownPublicly: isCredentialPublic(row, today) };
}

/**
 * Therapists' credentials. The owner manages everyone's and verifies them; a therapist may add and edit their
 * own (a change to a verified credential clears the verification). The daily expiry check warns owners once,
 * 60 days before expiry; it runs hourly while the server listens and when the warning list is read.
 */
export default async function credentialRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  async function authorizeFor(request: FastifyRequest, clinicId: string, therapistId: string) {
    const access = await authorizeClinic(request, clinicId, 'credentials.manage');
    if (!access.roles.includes('owner') && access.principal.userId !== therapistId) {
      await request.audit({
        action: 'access.credentials.manage',
        outcome: 'refused',
        clinicId,
        actorRoles: access.roles,
        resourceType: 'credential',
        details: { therapistId },
      });
      throw new AppError('forbidden', 'You may manage only your own credentials');
    }
    return access;
  }

  async function list(clinicId: string, timeZone: string, where?: { id?: string; therapistId?: string }) {
    const rows = await db
      .select({ c: credentials, therapistName: users.displayName, verifiedByName: verifier.displayName })
      .from(credentials)
      .innerJoin(users, eq(users.id, credentials.therapistId))
      .leftJoin(verifier, eq(verifier.id, credentials.verifiedBy))
      .where(
        and(
          eq(credentials.clinicId, clinicId),
          where?.id ? eq(credentials.id, where.id) : undefined,
          where?.therapistId ? eq(credentials.therapistId, where.therapistId) : undefined,
        ),
      )
      .orderBy(asc(users.displayName), asc(credentials.kind), asc(credentials.id));
    const today = localToday(now(), timeZone);
    return rows.map(({ c, therapistName, verifiedByName }) => ({
      id: c.id,
      therapistId: c.therapistId,
      therapistName,
      kind: c.kind,
      title: c.title,
      issuer: c.issuer,
      number: c.number,
      certifiedName: c.certifiedName,
      region: c.region,
      status: c.status,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      showPublicly: c.showPublicly,
      verificationUrl: c.verificationUrl,
      verifiedAt: c.verifiedAt?.toISOString() ?? null,
      verifiedByName: verifiedByName ?? null,
      ...credentialState(c, today),
    }));
  }

  async function assertTherapist(clinicId: string, therapistId: string) {
    const [row] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.clinicId, clinicId),
          eq(memberships.userId, therapistId),
          eq(memberships.role, 'therapist'),
        ),
      );
    if (!row) {
      throw new AppError('unprocessable', 'Not a therapist of this clinic', [
        { path: 'body.therapistId', message: 'Not a therapist of this clinic' },
      ]);
    }
  }

  app.get(
    '/clinics/:clinicId/credentials',
    {
      schema: {
        tags,
        summary: "Therapists' credentials, with their state by date in the clinic's zone",
        params: clinicParams,
        querystring: z.object({ therapistId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(credential) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'credentials.read');
      return {
        items: await list(access.clinicId, access.clinic.timeZone, {
          therapistId: request.query.therapistId,
        }),
      };
    },
  );

  app.get(
    '/clinics/:clinicId/credentials/warnings',
    {
      schema: {
        tags,
        summary:
          'Credentials expired or expiring within 60 days (runs the expiry check for the clinic first)',
        params: clinicParams,
        response: { 200: z.object({ items: z.array(credential) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'credentials.read');
      await checkCredentialExpiries(app.deps, { clinicId: access.clinicId });
      const items = await list(access.clinicId, access.clinic.timeZone);
      return { items: items.filter((c) => c.state === 'expiring' || c.state === 'expired') };
    },
  );

  app.get(
    '/clinics/:clinicId/credentials/licence-alerts',
    {
      schema: {
        tags,
        summary: `Therapists whose licence has expired or expires within ${LICENCE_ALERT_DAYS} days, with the appointments still booked with them after its expiry (owner)`,
        params: clinicParams,
        response: { 200: z.object({ items: z.array(licenceAlert) }), 403: errorSchema },
      },
    },
    async (request) => {
      // The owner's oversight of credentials (verify is theirs alone): for their home page.
      const access = await authorizeClinic(request, request.params.clinicId, 'credentials.verify');
      const items = await licenceAlerts(db, access.clinicId, access.clinic.timeZone, now());
      await request.audit({
        action: 'credential.licence_alerts.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        details: { alerts: items.length },
      });
      return { items };
    },
  );

  app.post(
    '/clinics/:clinicId/credentials',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record a credential (the owner for anyone; a therapist for themself)',
        params: clinicParams,
        body: credentialInput,
        response: {
          201: credential,
          400: errorSchema,
          403: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const access = await authorizeFor(request, request.params.clinicId, body.therapistId);
      await assertTherapist(access.clinicId, body.therapistId);
      const id = uuidv7();
      const at = now();
      await db
        .insert(credentials)
        .values({
          ...body,
          number: body.number ?? null,
          region: body.region ?? null,
          issuedOn: body.issuedOn ?? null,
          expiresOn: body.expiresOn ?? null,
          verificationUrl: body.verificationUrl ?? null,
          clinicId: access.clinicId,
          id,
          createdBy: access.principal.userId,
          createdAt: at,
          updatedAt: at,
        })
        .catch(secondNpi);
      await request.audit({
        action: 'credential.created',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'credential',
        resourceId: id,
        details: { therapistId: body.therapistId, kind: body.kind },
      });
      return reply.status(201).send((await list(access.clinicId, access.clinic.timeZone, { id }))[0]!);
    },
  );

  async function load(clinicId: string, credentialId: string) {
    const [row] = await db
      .select()
      .from(credentials)
      .where(and(eq(credentials.clinicId, clinicId), eq(credentials.id, credentialId)));
    if (!row) throw notFound('Credential');
    return row;
  }

  app.patch(
    '/clinics/:clinicId/credentials/:credentialId',
    {
      schema: {
        tags,
        summary: 'Change a credential (a change by anyone but the owner clears the verification)',
        params: credentialParams,
        body: credentialPatch,
        response: {
          200: credential,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'credentials.manage');
      const row = await load(access.clinicId, request.params.credentialId);
      await authorizeFor(request, access.clinicId, row.therapistId);
      const merged = { ...row, ...request.body };
      if (merged.issuedOn && merged.expiresOn && merged.expiresOn < merged.issuedOn) {
        throw new AppError('validation_failed', 'The request is not valid', [
          { path: 'body.expiresOn', message: 'The expiry date is before the issue date' },
        ]);
      }
      const numberProblem = credentialNumberProblem(merged);
      if (numberProblem) {
        throw new AppError('validation_failed', 'The request is not valid', [
          { path: 'body.number', message: numberProblem },
        ]);
      }
      const unverify = !access.roles.includes('owner');
      await db
        .update(credentials)
        .set({
          ...request.body,
          updatedAt: now(),
          ...(unverify ? { verifiedAt: null, verifiedBy: null } : {}),
        })
        .where(and(eq(credentials.clinicId, access.clinicId), eq(credentials.id, row.id)))
        .catch(secondNpi);
      await request.audit({
        action: 'credential.updated',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'credential',
        resourceId: row.id,
        details: { fields: Object.keys(request.body).sort() },
      });
      return (await list(access.clinicId, access.clinic.timeZone, { id: row.id }))[0]!;
    },
  );

  app.post(
    '/clinics/:clinicId/credentials/:credentialId/verify',
    {
      schema: {
        tags,
        summary: 'Record that the clinic checked the credential with its issuer today (owner)',
        params: credentialParams,
        response: { 200: credential, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'credentials.verify');
      const row = await load(access.clinicId, request.params.credentialId);
      await db
        .update(credentials)
        .set({ verifiedAt: now(), verifiedBy: access.principal.userId })
        .where(and(eq(credentials.clinicId, access.clinicId), eq(credentials.id, row.id)));
      await request.audit({
        action: 'credential.verified',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'credential',
        resourceId: row.id,
      });
      return (await list(access.clinicId, access.clinic.timeZone, { id: row.id }))[0]!;
    },
  );

  // The daily check, hourly while the server listens (inject-only test apps call checkCredentialExpiries).
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onListen', async () => {
    const run = () =>
      void checkCredentialExpiries(app.deps).catch((error) =>
        app.log.error({ err: loggableError(error) }, 'credential expiry check failed'),
      );
    timer ??= setInterval(run, 3_600_000);
    timer.unref();
    setTimeout(run, 5_000).unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
