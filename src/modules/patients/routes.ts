import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberships, patients, physicianPatientLinks, users } from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { page } from '../../platform/pagination.ts';
import { authorizePatient, type PatientAccess } from '../../platform/patient-access.ts';
import { STAFF_ROLES } from '../../platform/permissions.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { loadChartSections } from './chart-sections.ts';
import { createPatient } from './create-patient.ts';
import { localDate } from './dates.ts';
import { mergePatients } from './merge-patients.ts';
import { findPatient, patientView, type SearchScope, searchPatients, summaryView } from './repository.ts';
import { assertPatientRules } from './rules.ts';
import {
  chart,
  duplicateCandidates,
  mergeBody,
  mergeResult,
  type PatientPatch,
  patient,
  patientContactPatch,
  patientCreate,
  patientPatch,
  patientSearchQuery,
  patientSummary,
  physicianAccess,
  physicianAccessBody,
} from './schemas.ts';

const tags = ['Patients'];
export const patientParams = clinicParams.extend({ patientId: z.uuid() });
const duplicateError = errorSchema.extend({
  error: errorSchema.shape.error.extend({
    code: z.literal('possible_duplicate'),
    details: duplicateCandidates,
  }),
});

export default async function patientRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const today = (timeZone: string) => localDate(now(), timeZone);

  async function loadOr404(clinicId: string, patientId: string) {
    const row = await findPatient(db, clinicId, patientId);
    if (!row) throw notFound('Patient');
    return row;
  }

  app.post(
    '/clinics/:clinicId/patients',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a patient (409 possible_duplicate with candidates unless confirmNotDuplicate)',
        params: clinicParams,
        body: patientCreate,
        response: { 201: patient, 400: errorSchema, 403: errorSchema, 409: duplicateError, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'patients.write');
      const row = await createPatient(request, db, access, request.body);
      await request.audit({
        action: 'patient.created',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        patientId: row.id,
        resourceType: 'patient',
        resourceId: row.id,
        details: { confirmedNotDuplicate: request.body.confirmNotDuplicate === true },
      });
      return reply.status(201).send(patientView(row, today(access.clinic.timeZone)));
    },
  );

  app.get(
    '/clinics/:clinicId/patients',
    {
      schema: {
        tags,
        summary:
          'Search patients by name, phone, e-mail or birth date (prefix, accent- and case-insensitive)',
        description:
          'Staff see every patient of the clinic, a physician only the patients they referred or were granted, a patient only their own record.',
        params: clinicParams,
        querystring: patientSearchQuery,
        response: { 200: page(patientSummary), 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'patients.read');
      const userId = access.principal.userId;
      const scope: SearchScope = access.roles.some((r) => STAFF_ROLES.includes(r))
        ? { kind: 'staff' }
        : access.roles.includes('physician')
          ? { kind: 'physician', userId }
          : { kind: 'patient', userId };
      const { q, includeMerged, cursor, limit } = request.query;
      const result = await searchPatients(db, {
        clinicId: access.clinicId,
        q,
        scope,
        includeMerged,
        cursor,
        limit,
      });
      const ids = result.rows.map((r) => r.id);
      await request.audit({
        action: 'patient.search',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'patient',
        ...listedPatients(ids, { scope: scope.kind, hasQuery: Boolean(q) }),
      });
      const day = today(access.clinic.timeZone);
      return { items: result.rows.map((r) => summaryView(r, day)), nextCursor: result.nextCursor };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId',
    {
      schema: {
        tags,
        summary: 'A patient record (a merged record stays readable and names the survivor)',
        params: patientParams,
        response: { 200: patient, 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.read',
        action: 'patient.read',
      });
      const view = patientView(await loadOr404(access.clinicId, patientId), today(access.clinic.timeZone));
      // A referring physician reads the record for care, not for billing: no insurance details.
      return access.via === 'physician' ? { ...view, insurance: null } : view;
    },
  );

  /** Writes the fields sent, under the record's rules, in a transaction that holds the row; audited by name. */
  async function updateRecord(
    request: FastifyRequest,
    access: PatientAccess,
    changes: PatientPatch,
    action: string,
  ) {
    const patientId = access.patientId;
    const updated = await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(patients)
        .where(and(eq(patients.clinicId, access.clinicId), eq(patients.id, patientId)))
        .for('update');
      if (!current) throw notFound('Patient');
      if (current.mergedIntoId)
        throw new AppError('conflict', 'This record was merged: change the surviving record');
      const next = { ...current, ...changes };
      assertPatientRules(next, today(access.clinic.timeZone));
      const [row] = await tx
        .update(patients)
        .set({ ...changes, updatedAt: now() })
        .where(and(eq(patients.clinicId, access.clinicId), eq(patients.id, patientId)))
        .returning();
      return row!;
    });
    await request.audit({
      action,
      clinicId: access.clinicId,
      actorRoles: access.roles,
      patientId,
      resourceType: 'patient',
      resourceId: patientId,
      details: { fields: Object.keys(changes).sort() },
    });
    return patientView(updated, today(access.clinic.timeZone));
  }

  app.patch(
    '/clinics/:clinicId/patients/:patientId',
    {
      schema: {
        tags,
        summary: 'Change a patient record (only the fields sent)',
        params: patientParams,
        body: patientPatch,
        response: { 200: patient, 400: errorSchema, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizePatient(request, {
        ...request.params,
        permission: 'patients.write',
        action: 'patient.update',
      });
      return updateRecord(request, access, request.body, 'patient.updated');
    },
  );

  app.patch(
    '/clinics/:clinicId/patients/:patientId/contact',
    {
      schema: {
        tags,
        summary:
          'Change how to reach the patient (e-mail, phone, preferred way, reminders) and their emergency contact: staff, and the patient for their own record',
        params: patientParams,
        body: patientContactPatch,
        response: { 200: patient, 400: errorSchema, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizePatient(request, {
        ...request.params,
        permission: 'patients.contact',
        action: 'patient.contact.update',
      });
      return updateRecord(request, access, request.body, 'patient.contact_updated');
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate record into this one: every related row moves here, nothing is deleted',
        params: patientParams,
        body: mergeBody,
        response: {
          200: mergeResult,
          400: errorSchema,
          403: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const { duplicateId, confirmIdentity } = request.body;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.merge',
      });
      await authorizePatient(request, {
        clinicId,
        patientId: duplicateId,
        permission: 'patients.write',
        action: 'patient.merge',
      });
      const result = await mergePatients(request, access, duplicateId, confirmIdentity === true);
      return {
        survivor: patientView(result.survivor, today(access.clinic.timeZone)),
        duplicateId,
        filledFields: result.filledFields,
        moved: result.moved,
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/chart',
    {
      schema: {
        tags,
        summary:
          'The patient chart: header (preferred name first, pronouns, age) and the sections capabilities add',
        params: patientParams,
        response: { 200: chart, 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.read',
        action: 'patient.chart.read',
      });
      const day = today(access.clinic.timeZone);
      const view = patientView(await loadOr404(access.clinicId, patientId), day);
      const sections = await loadChartSections({
        db,
        clinicId: access.clinicId,
        patientId,
        access,
        now: now(),
        today: day,
      });
      return {
        header: {
          id: view.id,
          displayName: view.displayName,
          legalFirstName: view.legalFirstName,
          legalLastName: view.legalLastName,
          preferredName: view.preferredName,
          pronouns: view.pronouns,
          dateOfBirth: view.dateOfBirth,
          age: view.age,
          mergedIntoId: view.mergedIntoId,
        },
        sections,
      };
    },
  );

  // Physician access: staff grant a physician account access to a patient, and revoke it.
  const accessList = async (clinicId: string, patientId: string) => {
    const rows = await db
      .select({ link: physicianPatientLinks, displayName: users.displayName, email: users.email })
      .from(physicianPatientLinks)
      .innerJoin(users, eq(users.id, physicianPatientLinks.userId))
      .where(
        and(eq(physicianPatientLinks.clinicId, clinicId), eq(physicianPatientLinks.patientId, patientId)),
      )
      .orderBy(physicianPatientLinks.createdAt);
    return rows.map((r) => ({
      userId: r.link.userId,
      displayName: r.displayName,
      email: r.email,
      reason: r.link.reason,
      since: r.link.createdAt.toISOString(),
      revokedAt: r.link.revokedAt?.toISOString() ?? null,
    }));
  };

  app.get(
    '/clinics/:clinicId/patients/:patientId/physicians',
    {
      schema: {
        tags,
        summary:
          'Physician accounts with access to this patient (by referral or granted), including revoked ones',
        params: patientParams,
        response: { 200: z.object({ items: z.array(physicianAccess) }), 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.physician_access.read',
      });
      return { items: await accessList(access.clinicId, patientId) };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/physicians',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Grant a physician of the clinic access to this patient',
        params: patientParams,
        body: physicianAccessBody,
        response: { 201: z.object({ items: z.array(physicianAccess) }), 403: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.physician_access.grant',
      });
      const { userId } = request.body;
      const [member] = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.clinicId, access.clinicId),
            eq(memberships.userId, userId),
            eq(memberships.role, 'physician'),
            isNull(memberships.disabledAt),
          ),
        );
      if (!member) {
        throw new AppError('unprocessable', 'That person is not a physician of this clinic', [
          { path: 'body.userId', message: 'Not an active physician member' },
        ]);
      }
      await db
        .insert(physicianPatientLinks)
        .values({
          clinicId: access.clinicId,
          patientId,
          userId,
          reason: 'grant',
          grantedBy: access.principal.userId,
          createdAt: now(),
        })
        .onConflictDoUpdate({
          target: [
            physicianPatientLinks.clinicId,
            physicianPatientLinks.patientId,
            physicianPatientLinks.userId,
            physicianPatientLinks.reason,
          ],
          set: { revokedAt: null, grantedBy: access.principal.userId },
        });
      await auditAccess(request, access, 'patient.physician_access.granted', userId);
      return reply.status(201).send({ items: await accessList(access.clinicId, patientId) });
    },
  );

  app.delete(
    '/clinics/:clinicId/patients/:patientId/physicians/:userId',
    {
      schema: {
        tags,
        summary: "Revoke a physician's access to this patient (granted or by referral)",
        params: patientParams.extend({ userId: z.uuid() }),
        response: { 200: z.object({ items: z.array(physicianAccess) }), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId, userId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.physician_access.revoke',
      });
      const revoked = await db
        .update(physicianPatientLinks)
        .set({ revokedAt: now() })
        .where(
          and(
            eq(physicianPatientLinks.clinicId, access.clinicId),
            eq(physicianPatientLinks.patientId, patientId),
            eq(physicianPatientLinks.userId, userId),
            isNull(physicianPatientLinks.revokedAt),
          ),
        )
        .returning();
      if (revoked.length === 0) throw notFound('Active physician access');
      await auditAccess(request, access, 'patient.physician_access.revoked', userId);
      return { items: await accessList(access.clinicId, patientId) };
    },
  );
}

async function auditAccess(
  request: FastifyRequest,
  access: { clinicId: string; roles: string[]; patientId: string },
  action: string,
  physicianUserId: string,
) {
  await request.audit({
    action,
    clinicId: access.clinicId,
    actorRoles: access.roles,
    patientId: access.patientId,
    resourceType: 'patient',
    resourceId: access.patientId,
    details: { physicianUserId },
  });
}
