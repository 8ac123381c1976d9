import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { referrals } from '../../db/schema/index.ts';
import { listedPatients, recordAudit } from '../../platform/audit.ts';
import { authorizeClinic, type ClinicAccess } from '../../platform/clinic-access.ts';
import { notFound } from '../../platform/errors.ts';
import { page } from '../../platform/pagination.ts';
import { authorizePatient, checkPatientAccess } from '../../platform/patient-access.ts';
import { STAFF_ROLES } from '../../platform/permissions.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import { localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import claimRoutes from './claims.ts';
import { createReferral } from './create-referral.ts';
import { referralViews } from './repository.ts';
import {
  priorAuthorizationInput,
  referral,
  referralInput,
  referralListQuery,
  visitInput,
} from './schemas.ts';
import { recordReferralVisit } from './visits.ts';

const tags = ['Referrals'];
const referralParams = clinicParams.extend({ referralId: z.uuid() });

export default async function referralRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const today = (access: ClinicAccess) => localDate(now(), access.clinic.timeZone);

  registerChartSection({
    id: 'referrals',
    title: 'Referrals',
    order: 10,
    permission: 'patients.read',
    schema: z.array(referral),
    async load({ db, clinicId, patientId, today }) {
      const rows = await db
        .select()
        .from(referrals)
        .where(and(eq(referrals.clinicId, clinicId), eq(referrals.patientId, patientId)))
        .orderBy(desc(referrals.id))
        .limit(50);
      return referralViews(db, clinicId, rows, today);
    },
  });

  /** The referral's patient id, to run the patient gate before anything else is read. */
  async function patientOf(clinicId: string, referralId: string) {
    const [row] = await db
      .select({ patientId: referrals.patientId })
      .from(referrals)
      .where(and(eq(referrals.clinicId, clinicId), eq(referrals.id, referralId)));
    return row?.patientId;
  }

  app.post(
    '/clinics/:clinicId/referrals',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record a paper referral (staff) or submit a signed e-referral (physician)',
        description:
          'A physician signs with `signature.typedName`, their name as on their account (another name is refused 422 at `body.signature.typedName`); Palpa stores the name, the time and a SHA-256 of the canonical JSON of what was signed, links the physician to the patient, and e-mails the clinic staff a link. Diagnoses must be billable ICD-10-CM codes: a header such as M54.5 is refused 422 `not_billable` with the billable codes in `details[0].suggestions`.',
        params: clinicParams,
        body: referralInput,
        response: { 201: referral, 400: errorSchema, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const { clinicId } = request.params;
      const body = request.body;
      const access = body.patientId
        ? await authorizePatient(request, {
            clinicId,
            patientId: body.patientId,
            permission: 'referrals.write',
            action: 'referral.create',
          })
        : await authorizeClinic(request, clinicId, 'referrals.write');
      const row = await createReferral(request, access, body);
      const [view] = await referralViews(db, access.clinicId, [row], today(access));
      return reply.status(201).send(view!);
    },
  );

  app.get(
    '/clinics/:clinicId/referrals',
    {
      schema: {
        tags,
        summary:
          "Referrals of the clinic, newest first (a physician sees their patients' only, a patient their own)",
        params: clinicParams,
        querystring: referralListQuery,
        response: { 200: page(referral), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'patients.read');
      const { cursor, limit, status } = request.query;
      const userId = access.principal.userId;
      const scope = access.roles.some((r) => STAFF_ROLES.includes(r))
        ? undefined
        : access.roles.includes('physician')
          ? sql`exists (select 1 from physician_patient_links l where l.clinic_id = ${referrals.clinicId} and l.patient_id = ${referrals.patientId} and l.user_id = ${userId} and l.revoked_at is null)`
          : sql`exists (select 1 from patients p where p.clinic_id = ${referrals.clinicId} and p.id = ${referrals.patientId} and p.user_id = ${userId})`;
      const rows = await db
        .select()
        .from(referrals)
        .where(
          and(eq(referrals.clinicId, access.clinicId), scope, cursor ? lt(referrals.id, cursor) : undefined),
        )
        .orderBy(desc(referrals.id))
        .limit(limit + 1);
      const pageRows = rows.slice(0, limit);
      const views = await referralViews(db, access.clinicId, pageRows, today(access));
      await request.audit({
        action: 'referral.list',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'referral',
        ...listedPatients(
          pageRows.map((r) => r.patientId),
          { referralIds: pageRows.map((r) => r.id) },
        ),
      });
      return {
        items: status ? views.filter((v) => v.status === status) : views,
        nextCursor: rows.length > limit ? (pageRows.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/referrals',
    {
      schema: {
        tags,
        summary: "A patient's referrals with their derived status, newest first",
        params: patientParams,
        querystring: referralListQuery,
        response: { 200: page(referral), 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.read',
        action: 'referral.list',
      });
      const { cursor, limit, status } = request.query;
      const rows = await db
        .select()
        .from(referrals)
        .where(
          and(
            eq(referrals.clinicId, access.clinicId),
            eq(referrals.patientId, patientId),
            cursor ? lt(referrals.id, cursor) : undefined,
          ),
        )
        .orderBy(desc(referrals.id))
        .limit(limit + 1);
      const pageRows = rows.slice(0, limit);
      const views = await referralViews(db, access.clinicId, pageRows, today(access));
      return {
        items: status ? views.filter((v) => v.status === status) : views,
        nextCursor: rows.length > limit ? (pageRows.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/clinics/:clinicId/referrals/:referralId',
    {
      schema: {
        tags,
        summary: 'One referral, with its status and (e-referral) signature check',
        params: referralParams,
        response: { 200: referral, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, referralId } = request.params;
      const patientId = await patientOf(clinicId, referralId);
      if (!patientId) {
        await authorizeClinic(request, clinicId, 'patients.read');
        throw notFound('Referral');
      }
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.read',
        action: 'referral.read',
        resourceType: 'referral',
        resourceId: referralId,
      });
      const [row] = await db
        .select()
        .from(referrals)
        .where(and(eq(referrals.clinicId, access.clinicId), eq(referrals.id, referralId)));
      const [view] = await referralViews(db, access.clinicId, [row!], today(access));
      return view!;
    },
  );

  app.post(
    '/clinics/:clinicId/referrals/:referralId/visits',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Count a visit against a referral (until scheduling records visits itself)',
        params: referralParams,
        body: visitInput,
        response: { 201: referral, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { clinicId, referralId } = request.params;
      const patientId = await patientOf(clinicId, referralId);
      if (!patientId) {
        await authorizeClinic(request, clinicId, 'patients.write');
        throw notFound('Referral');
      }
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'referral.visit_recorded',
        resourceType: 'referral',
        resourceId: referralId,
      });
      await recordReferralVisit(db, {
        clinicId: access.clinicId,
        referralId,
        visitDate: request.body.visitDate,
        sourceType: 'manual',
        recordedBy: access.principal.userId,
      });
      const [row] = await db
        .select()
        .from(referrals)
        .where(and(eq(referrals.clinicId, access.clinicId), eq(referrals.id, referralId)));
      const [view] = await referralViews(db, access.clinicId, [row!], today(access));
      return reply.status(201).send(view!);
    },
  );
  app.put(
    '/clinics/:clinicId/referrals/:referralId/prior-authorization',
    {
      schema: {
        tags,
        summary:
          "Record the payer's prior authorisation number for a referral's course of care (claim box 23), or clear it (null). Owner and front desk; audited with the number it replaced",
        params: referralParams,
        body: priorAuthorizationInput,
        response: { 200: referral, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, referralId } = request.params;
      const patientId = await patientOf(clinicId, referralId);
      if (!patientId) {
        await authorizeClinic(request, clinicId, 'claims.manage');
        throw notFound('Referral');
      }
      const { access, audit } = await checkPatientAccess(request, {
        clinicId,
        patientId,
        permission: 'claims.manage',
        action: 'referral.prior_authorization_recorded',
        resourceType: 'referral',
        resourceId: referralId,
      });
      const where = and(eq(referrals.clinicId, access.clinicId), eq(referrals.id, referralId));
      const row = await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ number: referrals.priorAuthorizationNumber })
          .from(referrals)
          .where(where)
          .for('update');
        const [updated] = await tx
          .update(referrals)
          .set({ priorAuthorizationNumber: request.body.number })
          .where(where)
          .returning();
        await recordAudit(tx, {
          ...audit,
          details: { ...audit.details, number: request.body.number, previous: before?.number ?? null },
        });
        return updated!;
      });
      const [view] = await referralViews(db, access.clinicId, [row], today(access));
      return view!;
    },
  );
  await app.register(claimRoutes);
}
