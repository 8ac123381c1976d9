import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { treatmentPlanDrafts } from '../../db/schema/index.ts';
import type { PatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical } from '../clinical/access.ts';
import { patientParams } from '../patients/routes.ts';
import { planDraft, planDraftBody, planDraftQuery, planDrafts } from './schemas.ts';
import { findPlan } from './service.ts';

/**
 * Plan-of-care drafts: the plan form, autosaved for its author as they write, so a closed tab loses nothing.
 * Each author has their own draft per patient and plan; saving the plan deletes it in the same transaction.
 * Listing, saving and discarding them is audited like any access to the patient's record.
 */

/** The author's draft of a new plan (`planId` null) or of a new version of `planId`. */
const draftOf = (access: PatientAccess, planId: string | null) =>
  and(
    eq(treatmentPlanDrafts.clinicId, access.clinicId),
    eq(treatmentPlanDrafts.patientId, access.patientId),
    eq(treatmentPlanDrafts.authorId, access.principal.userId),
    planId ? eq(treatmentPlanDrafts.planId, planId) : isNull(treatmentPlanDrafts.planId),
  );

/** Deletes the caller's draft once what it was a draft of is saved (in the saving transaction). */
export async function discardPlanDraft(db: Executor, access: PatientAccess, planId: string | null) {
  await db.delete(treatmentPlanDrafts).where(draftOf(access, planId));
}

const draftView = (row: typeof treatmentPlanDrafts.$inferSelect) => ({
  planId: row.planId,
  content: row.content,
  updatedAt: row.updatedAt.toISOString(),
});

const tags = ['Treatment plans'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

export default async function planDraftRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const path = '/clinics/:clinicId/patients/:patientId/plan-draft';

  /** Those who write plans keep drafts; a draft of a new version must name a plan of this patient. */
  async function gate(
    request: Parameters<typeof authorizeClinical>[0],
    params: { clinicId: string; patientId: string },
    planId: string | undefined,
    action: string,
  ) {
    const access = await authorizeClinical(request, {
      ...params,
      permission: 'clinical.write',
      action,
      ...(planId ? { resourceType: 'treatment_plan', resourceId: planId } : {}),
    });
    if (planId) await findPlan(db, access.clinicId, access.patientId, planId);
    return access;
  }

  app.get(
    '/clinics/:clinicId/patients/:patientId/plan-drafts',
    {
      schema: {
        tags,
        summary:
          'Your drafts for this patient: of a new plan (`planId` null) and of new versions of their plans',
        params: patientParams,
        response: { 200: planDrafts, ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, undefined, 'plan.draft.list');
      const rows = await db
        .select()
        .from(treatmentPlanDrafts)
        .where(
          and(
            eq(treatmentPlanDrafts.clinicId, access.clinicId),
            eq(treatmentPlanDrafts.patientId, access.patientId),
            eq(treatmentPlanDrafts.authorId, access.principal.userId),
          ),
        )
        .orderBy(desc(treatmentPlanDrafts.updatedAt));
      return { items: rows.map(draftView) };
    },
  );

  app.put(
    path,
    {
      schema: {
        tags,
        summary: 'Autosave your draft (replaces the one before): the form as it stands, complete or not',
        params: patientParams,
        body: planDraftBody,
        response: { 200: planDraft, ...errors },
      },
    },
    async (request) => {
      const { planId, content } = request.body;
      const access = await gate(request, request.params, planId, 'plan.draft.save');
      const at = now();
      const [row] = await db
        .insert(treatmentPlanDrafts)
        .values({
          clinicId: access.clinicId,
          id: uuidv7(),
          patientId: access.patientId,
          planId: planId ?? null,
          authorId: access.principal.userId,
          content,
          updatedAt: at,
        })
        .onConflictDoUpdate({
          target: [
            treatmentPlanDrafts.clinicId,
            treatmentPlanDrafts.patientId,
            treatmentPlanDrafts.authorId,
            treatmentPlanDrafts.planId,
          ],
          set: { content, updatedAt: at },
        })
        .returning();
      return draftView(row!);
    },
  );

  app.delete(
    path,
    {
      schema: {
        tags,
        summary: 'Discard your draft',
        params: patientParams,
        querystring: planDraftQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, request.query.planId, 'plan.draft.discard');
      await discardPlanDraft(db, access, request.query.planId ?? null);
      return reply.status(204).send(null);
    },
  );
}
