import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Transaction } from '../../db/connection.ts';
import { assessments } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { page, pageQuery } from '../../platform/pagination.ts';
import type { PatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import {
  applyAmendments,
  clinicalRecordAccess,
  mergeSections,
  notAuthor,
  requireOwnName,
} from '../clinical/access.ts';
import { assertQuestionnairesScored, withQuestionnaireDrafts } from '../clinical/questionnaires.ts';
import {
  addAddendum,
  addAmendment,
  amendmentsOf,
  assertReadable,
  deleteDraft,
  patientRecordsPage,
  signedForPhysician,
} from '../clinical/records.ts';
import { addendumBody, signBody } from '../clinical/schemas.ts';
import { userNames } from '../intake/service.ts';
import { localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import {
  type AssessmentContent,
  amendmentBody,
  assessment,
  assessmentCreate,
  assessmentSummary,
  assessmentUpdate,
} from './schemas.ts';
import { assertReferralOfPatient, assessmentView, findAssessment } from './service.ts';

const tags = ['Assessments'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const params = patientParams.extend({ assessmentId: z.uuid() });

/** The draft, held for the transaction: a signed assessment is never changed or deleted (409). */
async function lockedDraft(tx: Transaction, access: PatientAccess, assessmentId: string) {
  const [row] = await tx
    .select()
    .from(assessments)
    .where(
      and(
        eq(assessments.clinicId, access.clinicId),
        eq(assessments.patientId, access.patientId),
        eq(assessments.id, assessmentId),
      ),
    )
    .for('update');
  if (!row) throw new AppError('not_found', 'Assessment not found');
  if (row.status === 'signed')
    throw new AppError('record_signed', 'This assessment is signed: add an amendment instead');
  return row;
}

export default async function assessmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  const { gate, audit, authorOnly } = clinicalRecordAccess('assessment', 'assessmentId');

  app.post(
    '/clinics/:clinicId/patients/:patientId/assessments',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Start an assessment (initial evaluation, re-evaluation or progress report) as a draft',
        params: patientParams,
        body: assessmentCreate,
        response: { 201: assessment, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'assessment.create');
      const body = request.body;
      if (body.referralId)
        await assertReferralOfPatient(db, access.clinicId, access.patientId, body.referralId);
      const at = now();
      const [row] = await db
        .insert(assessments)
        .values({
          clinicId: access.clinicId,
          id: uuidv7(),
          patientId: access.patientId,
          kind: body.kind,
          referralId: body.referralId ?? null,
          assessedOn: body.assessedOn ?? localDate(at, access.clinic.timeZone),
          content: withQuestionnaireDrafts(body.content ?? {}),
          authorId: access.principal.userId,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      await audit(request, access, 'assessment.created', row!.id, { kind: row!.kind });
      return reply.status(201).send(await assessmentView(db, row!));
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/assessments',
    {
      schema: {
        tags,
        summary: "A patient's assessments, newest first",
        params: patientParams,
        querystring: pageQuery,
        response: { 200: page(assessmentSummary), ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, false, 'assessment.list');
      const paged = await patientRecordsPage(
        db,
        assessments,
        access,
        request.query,
        signedForPhysician(access, assessments),
      );
      const names = await userNames(
        db,
        paged.items.map((r) => r.authorId),
      );
      return {
        items: paged.items.map((r) => ({
          id: r.id,
          patientId: r.patientId,
          kind: r.kind,
          referralId: r.referralId,
          status: r.status,
          assessedOn: r.assessedOn,
          author: { userId: r.authorId, name: names.get(r.authorId) ?? '' },
          signedAt: r.signedAt?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: paged.nextCursor,
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/assessments/:assessmentId',
    {
      schema: {
        tags,
        summary:
          'One assessment: content as written, amendments and the content with them applied, ROM against the reference values (normal, source, percent of normal, status), outcome measures',
        params,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, false, 'assessment.read');
      const row = await findAssessment(db, access.clinicId, access.patientId, request.params.assessmentId);
      assertReadable(access, row, 'Assessment');
      return assessmentView(db, row);
    },
  );

  app.put(
    '/clinics/:clinicId/patients/:patientId/assessments/:assessmentId',
    {
      schema: {
        tags,
        summary:
          'Autosave a draft: the fields sent are merged into the stored ones (nothing sent is lost; `null` clears a field). 409 record_signed once signed.',
        params,
        body: assessmentUpdate,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, true, 'assessment.update');
      const body = request.body;
      const updated = await db.transaction(async (tx) => {
        const row = await lockedDraft(tx, access, request.params.assessmentId);
        if (body.referralId)
          await assertReferralOfPatient(tx, access.clinicId, access.patientId, body.referralId);
        const [changed] = await tx
          .update(assessments)
          .set({
            content: withQuestionnaireDrafts(mergeSections(row.content, body.content ?? {})),
            ...(body.assessedOn ? { assessedOn: body.assessedOn } : {}),
            ...(body.referralId !== undefined ? { referralId: body.referralId } : {}),
            updatedAt: now(),
          })
          .where(and(eq(assessments.clinicId, row.clinicId), eq(assessments.id, row.id)))
          .returning();
        return changed!;
      });
      await audit(request, access, 'assessment.updated', updated.id, {
        fields: Object.keys(body.content ?? {}),
      });
      return assessmentView(db, updated);
    },
  );

  app.delete(
    '/clinics/:clinicId/patients/:patientId/assessments/:assessmentId',
    {
      schema: {
        tags,
        summary:
          'Discard a draft evaluation (author only). A signed one is never deleted: 409 record_signed.',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'assessment.delete');
      const { assessmentId } = request.params;
      await authorOnly(request, access, 'assessment.delete', assessmentId, () =>
        db.transaction(async (tx) => {
          const row = await lockedDraft(tx, access, assessmentId);
          if (row.authorId !== access.principal.userId) throw notAuthor('discards a draft evaluation');
          await deleteDraft(tx, row, 'assessment');
        }),
      );
      await audit(request, access, 'assessment.discarded', assessmentId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/assessments/:assessmentId/sign',
    {
      schema: {
        tags,
        summary:
          'Sign (author only, typing their name): the assessment is then locked. Refused 422 unscored_questionnaire while an outcome questionnaire begun in the draft is not scored (naming it).',
        params,
        body: signBody,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, true, 'assessment.sign');
      const signed = await authorOnly(request, access, 'assessment.sign', request.params.assessmentId, () =>
        db.transaction(async (tx) => {
          // Held until signed: an autosave cannot slip a questionnaire in between the check and the lock.
          const row = await findAssessment(
            tx,
            access.clinicId,
            access.patientId,
            request.params.assessmentId,
            {
              lock: true,
            },
          );
          if (row.status === 'signed')
            throw new AppError('record_signed', 'This assessment is already signed');
          if (row.authorId !== access.principal.userId) throw notAuthor('signs an evaluation');
          requireOwnName(request.body.typedName, access.principal.displayName);
          assertQuestionnairesScored(row.content as AssessmentContent);
          const [done] = await tx
            .update(assessments)
            .set({
              status: 'signed',
              signedAt: now(),
              signatureTypedName: request.body.typedName,
              updatedAt: now(),
            })
            .where(
              and(
                eq(assessments.clinicId, row.clinicId),
                eq(assessments.id, row.id),
                eq(assessments.status, 'draft'),
              ),
            )
            .returning();
          if (!done) throw new AppError('record_signed', 'This assessment is already signed');
          return done;
        }),
      );
      await audit(request, access, 'assessment.signed', signed.id);
      return assessmentView(db, signed);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/assessments/:assessmentId/amendments',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Correct a signed assessment: an amendment (who, when, why, each changed field) kept with the original',
        params,
        body: amendmentBody,
        response: { 201: assessment, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'assessment.amend');
      const row = await findAssessment(db, access.clinicId, access.patientId, request.params.assessmentId);
      if (row.status !== 'signed')
        throw new AppError('conflict', 'A draft is edited directly; amendments are for signed records');
      const earlier = await amendmentsOf(db, row.clinicId, { assessmentId: row.id });
      const amendment = await addAmendment(db, {
        clinicId: row.clinicId,
        patientId: row.patientId,
        link: { assessmentId: row.id },
        authorId: access.principal.userId,
        at: now(),
        reason: request.body.reason,
        current: applyAmendments(row.content as AssessmentContent, earlier),
        patch: request.body.changes,
      });
      await audit(request, access, 'assessment.amended', row.id, {
        amendmentId: amendment.id,
        fields: amendment.changes.map((c) => c.field),
      });
      return reply.status(201).send(await assessmentView(db, row));
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/assessments/:assessmentId/addenda',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add an addendum (free text, author, time) to a signed assessment',
        params,
        body: addendumBody,
        response: { 201: assessment, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'assessment.addendum');
      const row = await findAssessment(db, access.clinicId, access.patientId, request.params.assessmentId);
      if (row.status !== 'signed') throw new AppError('conflict', 'Addenda are for signed records');
      const added = await addAddendum(db, {
        clinicId: row.clinicId,
        patientId: row.patientId,
        link: { assessmentId: row.id },
        authorId: access.principal.userId,
        at: now(),
        text: request.body.text,
      });
      await audit(request, access, 'assessment.addendum_added', row.id, { addendumId: added.id });
      return reply.status(201).send(await assessmentView(db, row));
    },
  );
}
