import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Transaction } from '../../db/connection.ts';
import {
  treatmentPlanChangeRequests,
  treatmentPlanSignatures,
  treatmentPlans,
  treatmentPlanVersions,
} from '../../db/schema/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { page, pageQuery } from '../../platform/pagination.ts';
import { type PatientAccess, physicianPortalList } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical, clinicalRecordAccess, requireOwnName } from '../clinical/access.ts';
import { patientRecordsPage } from '../clinical/records.ts';
import { clinicParams } from '../clinics/routes.ts';
import { dayText, localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { enqueueJob } from '../scheduling/jobs.ts';
import planDraftRoutes, { discardPlanDraft } from './drafts.ts';
import { HOME_CARE_EXERCISES, SELF_CARE_ADVICE } from './home-care-library.ts';
import { planChangesEmailJob } from './notices.ts';
import {
  changeRequestBody,
  homeCareLibrary,
  type PlanInput,
  patientHomeCare,
  planInput,
  planResponse,
  planScreening,
  planToSign,
  planVersion,
  signatureBody,
} from './schemas.ts';
import {
  certificationOf,
  dischargedOn,
  dischargesOf,
  findPlan,
  homeCareOf,
  isSelfReferred,
  openChangeRequests,
  type PlanContent,
  type PlanRow,
  patientPlanView,
  planEndDate,
  planSignedContent,
  plansAwaitingSignature,
  planView,
  preparePlan,
  screenHomeCare,
  screenPlan,
  screenPlanWork,
  signatureHash,
  signatureNotWantedReason,
  signaturesOf,
  signatureWanted,
  versionsOf,
  versionView,
} from './service.ts';

const tags = ['Treatment plans'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const planParams = patientParams.extend({ planId: z.uuid() });

export default async function planRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  await app.register(planDraftRoutes);

  const { audit } = clinicalRecordAccess('treatment_plan', 'planId');

  const dateIn = (access: PatientAccess) => (d: Date) => localDate(d, access.clinic.timeZone);
  /** Holds the plan's row for the transaction: versions and signatures of one plan are written one at a time. */
  const lockPlan = (tx: Transaction, row: PlanRow) =>
    tx
      .select({ id: treatmentPlans.id })
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, row.clinicId), eq(treatmentPlans.id, row.id)))
      .for('update');
  /**
   * One plan of the patient the caller reaches. A physician reads referred plans only: a self-referred plan has
   * no physician, so to them it does not exist (404, as a report not yet signed).
   */
  const planFor = async (access: PatientAccess, planId: string) => {
    const row = await findPlan(db, access.clinicId, access.patientId, planId);
    if (access.via === 'physician' && isSelfReferred(row)) throw notFound('Plan');
    return row;
  };
  /**
   * The referring physician's access to answer a plan (sign it, or ask for changes): they answer themselves, so a
   * caller who reaches the patient otherwise (staff, even one who is also a physician) is refused, audited.
   */
  async function physicianAnswering(
    request: FastifyRequest,
    params: { clinicId: string; patientId: string },
    planId: string,
    action: string,
  ): Promise<PatientAccess> {
    const gate = {
      ...params,
      permission: 'plans.sign',
      action,
      resourceType: 'treatment_plan',
      resourceId: planId,
    } as const;
    const access = await authorizeClinical(request, gate);
    if (access.via === 'physician') return access;
    await request.audit({
      action,
      outcome: 'refused',
      clinicId: access.clinicId,
      actorRoles: access.roles,
      patientId: access.patientId,
      resourceType: gate.resourceType,
      resourceId: planId,
    });
    throw new AppError('forbidden', 'Only the referring physician answers a plan');
  }
  /**
   * The plan version waiting for the physician's answer, in the caller's transaction (the plan row held): 409 when
   * the version they read (`asked`) is no longer current, or when no signature is wanted now (signed and not due,
   * discharged, ended).
   */
  async function versionAwaitingAnswer(
    tx: Transaction,
    access: PatientAccess,
    row: PlanRow,
    asked: number | undefined,
    at: Date,
  ) {
    await lockPlan(tx, row);
    const versions = await versionsOf(tx, access.clinicId, row.id);
    const current = versions.at(-1)!;
    if (asked !== undefined && asked !== current.version)
      throw new AppError(
        'conflict',
        `The plan changed: version ${current.version} is current. Review it first.`,
      );
    const dateOf = dateIn(access);
    const cert = certificationOf(
      versions,
      await signaturesOf(tx, access.clinicId, row.id),
      dateOf,
      dischargedOn(row, versions[0]!.startDate, await dischargesOf(tx, access.clinicId, [row.patientId])),
    );
    if (!signatureWanted(cert, dateOf(at)))
      throw new AppError('conflict', signatureNotWantedReason(cert, planEndDate(current)));
    return current;
  }
  /** A plan as staff and physicians read it, dated in the clinic's days. */
  const viewOf = (row: PlanRow, access: PatientAccess) =>
    planView(db, row, dateIn(access), localDate(now(), access.clinic.timeZone));

  /**
   * Validates, screens and inserts one version, in the caller's transaction; with `newPlan`, inserts the plan
   * first, once its input has passed (so a referral of another clinic is a 422, not a foreign-key failure).
   */
  async function saveVersion(
    tx: Transaction,
    access: PatientAccess,
    planId: string,
    version: number,
    body: PlanInput,
    newPlan?: typeof treatmentPlans.$inferInsert,
  ) {
    const at = now();
    const content: PlanContent = await preparePlan(
      tx,
      { clinicId: access.clinicId, patientId: access.patientId, body },
      uuidv7,
    );
    const { screening, acknowledged } = await screenPlan(tx, {
      clinicId: access.clinicId,
      patientId: access.patientId,
      techniques: body.techniques,
      regions: body.regions,
      homeCare: body.homeCare,
      acknowledged: body.acknowledgedPrecautions,
      onDate: localDate(at, access.clinic.timeZone),
      userId: access.principal.userId,
      at,
    });
    if (newPlan) await tx.insert(treatmentPlans).values(newPlan);
    await tx.insert(treatmentPlanVersions).values({
      clinicId: access.clinicId,
      planId,
      version,
      content: content as unknown as Record<string, unknown>,
      techniques: body.techniques,
      regions: body.regions,
      frequencyPerWeek: body.frequencyPerWeek,
      durationWeeks: body.durationWeeks,
      plannedVisits: body.plannedVisits,
      sessionMinutes: body.sessionMinutes,
      startDate: body.startDate,
      reEvaluationDate: body.reEvaluationDate,
      screening,
      precautionsAcknowledged: acknowledged,
      changeReason: body.changeReason ?? null,
      createdBy: access.principal.userId,
      createdAt: at,
    });
    return { screening, acknowledged };
  }

  app.post(
    '/clinics/:clinicId/patients/:patientId/plans',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Write a treatment plan (version 1). Runs the contraindication screening: a ruled-out technique or region answers 422 contraindicated (findings in details) unless a clearance is recorded; precautions must be acknowledged by key (422 precautions_unacknowledged). Without `referralId` the plan is for a self-referred (self-pay) client: no diagnoses, no physician certification, not shown to physicians.',
        params: patientParams,
        body: planInput,
        response: { 201: planResponse, ...errors },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.write',
        action: 'plan.create',
      });
      const id = uuidv7();
      const saved = await db.transaction(async (tx) => {
        const saved = await saveVersion(tx, access, id, 1, request.body, {
          clinicId: access.clinicId,
          id,
          patientId: access.patientId,
          referralId: request.body.referralId ?? null,
          createdBy: access.principal.userId,
          createdAt: now(),
        });
        await discardPlanDraft(tx, access, null);
        return saved;
      });
      await audit(request, access, 'plan.created', id, {
        version: 1,
        precautionsAcknowledged: saved.acknowledged.map((a) => a.key),
      });
      const row = await findPlan(db, access.clinicId, access.patientId, id);
      return reply.status(201).send(await viewOf(row, access));
    },
  );

  app.put(
    '/clinics/:clinicId/patients/:patientId/plans/:planId',
    {
      schema: {
        tags,
        summary:
          'Change a plan: saves a new version (the earlier ones are kept), screened like a new plan. A signed plan then needs recertification.',
        params: planParams,
        body: planInput,
        response: { 200: planResponse, ...errors },
      },
    },
    async (request) => {
      const { planId, ...p } = request.params;
      const access = await authorizeClinical(request, {
        ...p,
        permission: 'clinical.write',
        action: 'plan.update',
        resourceType: 'treatment_plan',
        resourceId: planId,
      });
      const row = await findPlan(db, access.clinicId, access.patientId, planId);
      if ((request.body.referralId ?? null) !== row.referralId)
        throw new AppError(
          'unprocessable',
          isSelfReferred(row)
            ? 'A self-referred plan stays without a referral: write a new plan for the referral'
            : 'A plan stays with its referral: write a new plan for another one',
          [
            {
              path: 'body.referralId',
              message: isSelfReferred(row) ? 'The plan has no referral' : 'Differs from the plan’s referral',
            },
          ],
        );
      const version = await db.transaction(async (tx) => {
        await lockPlan(tx, row);
        const [max] = await tx
          .select({ v: sql<number>`max(${treatmentPlanVersions.version})::int` })
          .from(treatmentPlanVersions)
          .where(
            and(eq(treatmentPlanVersions.clinicId, row.clinicId), eq(treatmentPlanVersions.planId, row.id)),
          );
        const next = Number(max?.v ?? 0) + 1;
        await saveVersion(tx, access, row.id, next, request.body);
        await discardPlanDraft(tx, access, row.id);
        return next;
      });
      await audit(request, access, 'plan.version_added', row.id, { version });
      return viewOf(row, access);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/plans',
    {
      schema: {
        tags,
        summary:
          "A patient's treatment plans, newest first (the patient sees their own in plain words; a physician the referred ones only)",
        params: patientParams,
        querystring: pageQuery,
        response: { 200: page(planResponse), ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'plan.list',
        allowSelf: true,
      });
      const paged = await patientRecordsPage(
        db,
        treatmentPlans,
        access,
        request.query,
        access.via === 'physician' ? isNotNull(treatmentPlans.referralId) : undefined,
      );
      const items = [];
      for (const row of paged.items)
        items.push(access.via === 'self' ? await patientPlanView(db, row) : await viewOf(row, access));
      return { items, nextCursor: paged.nextCursor };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/plans/:planId',
    {
      schema: {
        tags,
        summary:
          'One plan: the current version, the list of versions, physician signature and certification / recertification due dates',
        params: planParams,
        response: { 200: planResponse, ...errors },
      },
    },
    async (request) => {
      const { planId, ...p } = request.params;
      const access = await authorizeClinical(request, {
        ...p,
        permission: 'clinical.read',
        action: 'plan.read',
        resourceType: 'treatment_plan',
        resourceId: planId,
        allowSelf: true,
      });
      const row = await planFor(access, planId);
      return access.via === 'self' ? patientPlanView(db, row) : viewOf(row, access);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/plans/:planId/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version of a plan, as it was saved',
        params: planParams.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: planVersion, ...errors },
      },
    },
    async (request) => {
      const { planId, version, ...p } = request.params;
      const access = await authorizeClinical(request, {
        ...p,
        permission: 'clinical.read',
        action: 'plan.version.read',
        resourceType: 'treatment_plan',
        resourceId: planId,
      });
      await planFor(access, planId);
      const v = (await versionsOf(db, access.clinicId, planId)).find((x) => x.version === version);
      if (!v) throw notFound('Plan version');
      const signature = (await signaturesOf(db, access.clinicId, planId)).find((s) => s.version === version);
      return versionView(db, v, signature);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/plans/:planId/screening',
    {
      schema: {
        tags,
        summary:
          "The current version's techniques × regions screened today against the patient's health and clearances, as when the plan is saved: what the physician reads before signing (a flag may have arisen, or a clearance lapsed, since the plan was written)",
        params: planParams,
        response: { 200: planScreening, ...errors },
      },
    },
    async (request) => {
      const { planId, ...p } = request.params;
      const access = await authorizeClinical(request, {
        ...p,
        permission: 'clinical.read',
        action: 'plan.screening.read',
        resourceType: 'treatment_plan',
        resourceId: planId,
      });
      const row = await planFor(access, planId);
      const current = (await versionsOf(db, access.clinicId, row.id)).at(-1)!;
      const input = {
        clinicId: access.clinicId,
        patientId: access.patientId,
        techniques: current.techniques,
        regions: current.regions,
        onDate: localDate(now(), access.clinic.timeZone),
      };
      const homeCare = await screenHomeCare(db, {
        ...input,
        homeCare: (current.content as unknown as PlanContent).homeCare,
      });
      return {
        ...(await screenPlanWork(db, input)),
        homeCare: homeCare.map((h) => ({
          id: h.id,
          title: h.title,
          blocked: h.blocked,
          findings: h.findings.map((f) => ({
            key: f.key,
            subject: f.subject,
            restriction: f.restriction,
            reason: f.reason,
            blocking: f.blocking,
            acknowledged: f.acknowledged,
            clearancePolicy: f.clearancePolicy,
          })),
        })),
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/plans/:planId/physician-signature',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'The referring physician signs (certifies) the current plan version: typed name, time and the SHA-256 of the canonical JSON of the version signed are stored. A typed name other than their name as on their account is refused 422 at `body.typedName`.',
        params: planParams,
        body: signatureBody,
        response: { 201: planResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { planId, ...p } = request.params;
      const access = await physicianAnswering(request, p, planId, 'plan.physician_sign');
      requireOwnName(request.body.typedName, access.principal.displayName);
      // A self-referred plan has no physician to certify it: not found for them.
      const row: PlanRow = await planFor(access, planId);
      const signedAt = now();
      const id = uuidv7();
      // Serialised on the plan row, so two clicks or two physicians sign once.
      const version = await db.transaction(async (tx) => {
        const current = await versionAwaitingAnswer(tx, access, row, request.body.version, signedAt);
        const typedName = request.body.typedName;
        await tx.insert(treatmentPlanSignatures).values({
          clinicId: access.clinicId,
          id,
          planId,
          version: current.version,
          physicianUserId: access.principal.userId,
          typedName,
          signedAt,
          signatureHash: signatureHash(
            planSignedContent(row, current, { userId: access.principal.userId, typedName, signedAt }),
          ),
        });
        return current.version;
      });
      await audit(request, access, 'plan.physician_signed', planId, { version, signatureId: id });
      return reply.status(201).send(await viewOf(row, access));
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/plans/:planId/change-requests',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'The referring physician answers the current plan version "changes needed", with their reason, instead of signing it. Kept as written; the therapist sees it on the plan and in their to-do until a new version is saved (or the physician signs this one after all). Who may answer, and when, is as for the signature: a version no longer current, or one not awaiting a signature, is 409.',
        params: planParams,
        body: changeRequestBody,
        response: { 201: planResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { planId, ...p } = request.params;
      const access = await physicianAnswering(request, p, planId, 'plan.physician_request_changes');
      const row = await planFor(access, planId);
      const dateOf = dateIn(access);
      const requestedAt = now();
      const id = uuidv7();
      const version = await db.transaction(async (tx) => {
        const current = await versionAwaitingAnswer(tx, access, row, request.body.version, requestedAt);
        const mine = (await openChangeRequests(tx, access.clinicId, [planId])).find(
          (r) => r.physician.userId === access.principal.userId,
        );
        if (mine)
          throw new AppError(
            'conflict',
            `You asked for changes to version ${current.version} on ${dayText(dateOf(new Date(mine.requestedAt)))}: the therapist has your reason`,
          );
        await tx.insert(treatmentPlanChangeRequests).values({
          clinicId: access.clinicId,
          id,
          planId,
          version: current.version,
          physicianUserId: access.principal.userId,
          reason: request.body.reason,
          requestedAt,
        });
        // The therapist who wrote the version is e-mailed that a physician asked (a link; not the reason).
        await enqueueJob(
          tx,
          planChangesEmailJob(
            {
              clinicId: access.clinicId,
              changeRequestId: id,
              planId,
              patientId: access.patientId,
              therapistUserId: current.createdBy,
            },
            requestedAt,
          ),
        );
        return current.version;
      });
      // The reason stays in the record, not in the audit log.
      await audit(request, access, 'plan.changes_requested', planId, { version, changeRequestId: id });
      return reply.status(201).send(await viewOf(row, access));
    },
  );

  app.get(
    '/clinics/:clinicId/physician/plans-to-sign',
    {
      schema: {
        tags,
        summary:
          "The physician portal: plans of care of the signed-in physician's linked patients whose current version awaits a signature",
        params: clinicParams,
        response: { 200: z.object({ items: z.array(planToSign) }), 403: errorSchema },
      },
    },
    async (request) => ({
      items: await physicianPortalList(
        request,
        request.params.clinicId,
        {
          action: 'plan.physician_list',
          resourceType: 'treatment_plan',
          staffReadIn: 'each plan in the chart',
        },
        (access, patientIds) =>
          plansAwaitingSignature(
            db,
            access.clinicId,
            access.principal.userId,
            patientIds,
            (d) => localDate(d, access.clinic.timeZone),
            localDate(now(), access.clinic.timeZone),
          ),
      ),
    }),
  );

  app.get(
    '/home-care-library',
    {
      schema: {
        tags,
        summary:
          'The home-care library: stretches and exercises with instructions and dosage, and self-care advice',
        response: { 200: homeCareLibrary, 401: errorSchema },
      },
    },
    async (request) => {
      requireUser(request);
      return {
        exercises: HOME_CARE_EXERCISES.map((e) => ({ ...e, areas: [...e.areas] })),
        advice: SELF_CARE_ADVICE.map((a) => ({ ...a })),
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/home-care',
    {
      schema: {
        tags,
        summary: "The patient's home care from their current plan (the patient reads their own)",
        params: patientParams,
        response: { 200: patientHomeCare, ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'plan.home_care.read',
        allowSelf: true,
      });
      const [row] = await db
        .select()
        .from(treatmentPlans)
        .where(
          and(
            eq(treatmentPlans.clinicId, access.clinicId),
            eq(treatmentPlans.patientId, access.patientId),
            // A physician reads referred plans only (see planFor).
            access.via === 'physician' ? isNotNull(treatmentPlans.referralId) : undefined,
          ),
        )
        .orderBy(desc(treatmentPlans.id))
        .limit(1);
      if (!row) return { planId: null, homeCare: null };
      const v = (await versionsOf(db, access.clinicId, row.id)).at(-1)!;
      return { planId: row.id, homeCare: homeCareOf((v.content as unknown as PlanContent).homeCare) };
    },
  );
}
