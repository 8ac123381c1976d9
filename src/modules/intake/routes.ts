import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONDITION_LABELS } from '../../domain/safety/codes.ts';
import { AppError } from '../../platform/errors.ts';
import { page, pageQuery, toPage } from '../../platform/pagination.ts';
import { authorizePatient, type PatientAccess } from '../../platform/patient-access.ts';
import { rolesAllow } from '../../platform/permissions.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import {
  authorizeIntakeLink,
  markLinkUsed,
  patientContact,
  sendIntakeLink,
  sendLinkOptions,
} from './link.ts';
// Registers how a patient merge moves questionnaires.
import './merge.ts';
import {
  ACTIVITY_LEVELS,
  ALLERGY_KINDS,
  conditionDescription,
  DATED_CONDITIONS,
  MEDICATION_ANSWER_CLASSES,
  type QuestionnaireDefinition,
  SITE_CONDITIONS,
} from './questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, QUESTIONNAIRES, questionnaire } from './questionnaires.ts';
import {
  autosaveBody,
  autosaveResult,
  confirmation,
  confirmBody,
  healthHistory,
  healthHistoryUpdateBody,
  healthHistoryVersion,
  intakeChartSection,
  intakeParams,
  intakeResponse,
  intakeSummary,
  linkIntakeView,
  linkResult,
  linkSendBody,
  linkSubmitResult,
  openedIntake,
  patientParams,
  questionnaireView,
  submitBody,
  tokenParams,
} from './schemas.ts';
import {
  type Actor,
  confirmationView,
  confirmNoChange,
  consentSigningOf,
  consentTextHash,
  findIntake,
  healthHistoryOf,
  intakeChartSectionOf,
  intakesOf,
  intakeView,
  recordHealthHistory,
  saveAnswers,
  startDraft,
  submitIntake,
  userNames,
} from './service.ts';

const tags = ['Intake'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const linkErrors = {
  400: errorSchema,
  404: errorSchema,
  409: errorSchema,
  410: errorSchema,
  422: errorSchema,
};
/** Link routes need no account; they are throttled so tokens cannot be guessed by brute force. */
const linkRateLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };

export function questionnaireViewOf(definition: QuestionnaireDefinition): z.infer<typeof questionnaireView> {
  return {
    version: definition.version,
    title: definition.title,
    sections: definition.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => ({ ...q, options: q.options ? [...q.options] : undefined })),
    })),
    conditionGroups: definition.conditionGroups.map((g) => ({
      id: g.id,
      title: g.title,
      conditions: g.codes.map((code) => ({
        code,
        label: CONDITION_LABELS[code],
        description: conditionDescription(code),
        askSite: SITE_CONDITIONS.has(code),
        askOnset: DATED_CONDITIONS.has(code),
      })),
    })),
    medicationClasses: [...MEDICATION_ANSWER_CLASSES],
    allergyKinds: [...ALLERGY_KINDS],
    activityLevels: [...ACTIVITY_LEVELS],
    consent: { ...definition.consent, textHash: consentTextHash(definition.consent.text) },
  };
}

const actorOf = (access: PatientAccess): Actor & { userId: string; via: 'staff' | 'self' } => ({
  userId: access.principal.userId,
  via: access.via === 'self' ? 'self' : 'staff',
});

export default async function intakeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  registerChartSection({
    id: 'intake',
    title: 'Intake',
    order: 20,
    permission: 'intake.read',
    schema: intakeChartSection,
    load: async ({ db, clinicId, patientId, access }) => {
      const section = await intakeChartSectionOf(db, clinicId, patientId);
      // The ways to send a personal link, for the staff who send them.
      const contact =
        access.via === 'staff' && rolesAllow(access.roles, 'intake.write')
          ? await patientContact(db, clinicId, patientId)
          : undefined;
      return { ...section, sendLink: contact ? sendLinkOptions(contact, Boolean(app.deps.sms)) : null };
    },
  });

  const viewOf = async (row: Parameters<typeof intakeView>[0]) =>
    intakeView(row, await userNames(db, [row.submittedBy]));

  app.get(
    '/intake/questionnaire',
    {
      schema: {
        tags,
        summary: 'The intake questionnaire definition (current, or ?version=) with its consent text and hash',
        security: [],
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: questionnaireView, 404: errorSchema },
      },
    },
    async (request) => {
      const version = request.query.version ?? CURRENT_QUESTIONNAIRE_VERSION;
      if (!QUESTIONNAIRES[version]) throw new AppError('not_found', `No questionnaire version ${version}`);
      return questionnaireViewOf(questionnaire(version));
    },
  );

  // ---- Staff and the patient's own portal ------------------------------------------------------

  app.get(
    '/clinics/:clinicId/patients/:patientId/intakes',
    {
      schema: {
        tags,
        summary: "The patient's questionnaires (drafts and submitted versions), newest first",
        params: patientParams,
        querystring: pageQuery,
        response: { 200: page(intakeSummary), ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.read',
        action: 'intake.list',
      });
      const rows = await intakesOf(db, clinicId, patientId, request.query.cursor, request.query.limit);
      const result = toPage(rows, request.query.limit);
      const names = await userNames(
        db,
        result.items.map((r) => r.submittedBy),
      );
      return {
        items: result.items.map((r) => {
          const { answers: _answers, ...summary } = intakeView(r, names);
          return summary;
        }),
        nextCursor: result.nextCursor,
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/intakes',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Open the intake questionnaire: answers the open draft (200) or starts one (201). After a first intake, a new draft is a health-history update prefilled from the last version; `consentSigning` says whether it must be signed again.',
        params: patientParams,
        response: { 200: openedIntake, 201: openedIntake, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.write',
        action: 'intake.open',
      });
      const { row, created } = await startDraft(db, {
        clinicId,
        patientId,
        actor: actorOf(access),
        now: now(),
      });
      if (created) {
        await request.audit({
          action: 'intake.started',
          clinicId,
          patientId,
          resourceType: 'intake',
          resourceId: row.id,
          details: { kind: row.kind, via: access.via },
        });
      }
      return reply
        .status(created ? 201 : 200)
        .send({ ...(await viewOf(row)), consentSigning: await consentSigningOf(db, row) });
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/intakes/:intakeId',
    {
      schema: {
        tags,
        summary: 'One questionnaire with its answers (and, once submitted, its consent signature)',
        params: intakeParams,
        response: { 200: intakeResponse, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId, intakeId } = request.params;
      await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.read',
        action: 'intake.read',
        resourceType: 'intake',
        resourceId: intakeId,
      });
      return viewOf(await findIntake(db, clinicId, patientId, intakeId));
    },
  );

  app.put(
    '/clinics/:clinicId/patients/:patientId/intakes/:intakeId/answers',
    {
      schema: {
        tags,
        summary:
          'Autosave: merge these answers into the draft (absent answers are kept, null clears one); any number of times',
        params: intakeParams,
        body: autosaveBody,
        response: { 200: autosaveResult, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId, intakeId } = request.params;
      await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.write',
        action: 'intake.autosave',
        resourceType: 'intake',
        resourceId: intakeId,
      });
      const row = await saveAnswers(db, {
        clinicId,
        patientId,
        intakeId,
        patch: request.body.answers,
        now: now(),
      });
      return {
        id: row.id,
        status: 'draft' as const,
        savedAt: row.savedAt.toISOString(),
        answers: intakeView(row, new Map()).answers,
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/intakes/:intakeId/submit',
    {
      schema: {
        tags,
        summary:
          'Submit: checks required answers and the consent signature (422 with the fields), then locks it as the next health-history version',
        params: intakeParams,
        body: submitBody,
        response: { 200: intakeResponse, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId, intakeId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.write',
        action: 'intake.submit',
        resourceType: 'intake',
        resourceId: intakeId,
      });
      const row = await submitWithAudit(request, {
        clinicId,
        patientId,
        intakeId,
        patch: request.body?.answers,
        actor: actorOf(access),
      });
      return viewOf(row);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/intake/link',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Send the patient a personal link to their intake questionnaire (14 days, no account needed), by e-mail or by text (queued; the patient must have agreed to texts)',
        params: patientParams,
        body: linkSendBody,
        response: { 201: linkResult, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.write',
        action: 'intake.link.send',
      });
      if (access.via !== 'staff') throw new AppError('forbidden', 'Only clinic staff send intake links');
      const channel = request.body?.channel ?? 'email';
      const { link, intake } = await sendIntakeLink(request, {
        clinic: access.clinic,
        patientId,
        actorUserId: access.principal.userId,
        channel,
      });
      await request.audit({
        action: 'intake.link.sent',
        clinicId,
        patientId,
        resourceType: 'intake',
        resourceId: intake.id,
        details: { linkId: link.id, channel },
      });
      return reply.status(201).send({
        linkId: link.id,
        intakeId: intake.id,
        channel,
        sentTo: link.sentTo,
        expiresAt: link.expiresAt.toISOString(),
      });
    },
  );

  // ---- Health history at later visits ----------------------------------------------------------

  app.get(
    '/clinics/:clinicId/patients/:patientId/health-history',
    {
      schema: {
        tags,
        summary:
          'Every health-history version (never overwritten) with who recorded it, and "no change" confirmations',
        params: patientParams,
        response: { 200: healthHistory, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.read',
        action: 'health_history.read',
      });
      return healthHistoryOf(db, clinicId, patientId);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/health-history',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Record a changed health history: a full new version (required answers as in the questionnaire; the consent only when its text changed since the patient last signed)',
        params: patientParams,
        body: healthHistoryUpdateBody,
        response: { 201: healthHistoryVersion, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.write',
        action: 'health_history.update',
      });
      const actor = actorOf(access);
      const row = await recordHealthHistory(db, {
        clinicId,
        patientId,
        answers: request.body.answers,
        actor,
        now: now(),
      });
      await request.audit({
        action: 'health_history.version_recorded',
        clinicId,
        patientId,
        resourceType: 'intake',
        resourceId: row.id,
        details: { version: row.version, via: actor.via, answered: Object.keys(request.body.answers) },
      });
      const names = await userNames(db, [row.submittedBy]);
      return reply.status(201).send({
        id: row.id,
        version: row.version!,
        kind: row.kind,
        questionnaireVersion: row.questionnaireVersion,
        recordedAt: row.submittedAt!.toISOString(),
        recordedBy: row.submittedBy
          ? { userId: row.submittedBy, name: names.get(row.submittedBy) ?? '' }
          : null,
        via: row.submittedVia!,
        consentSigned: row.consentSignedAt !== null,
        confirmations: [],
      });
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/health-history/confirm',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Confirm "no change" to the current health-history version at this visit (records who and when)',
        params: patientParams,
        body: confirmBody,
        response: { 201: confirmation, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'intake.write',
        action: 'health_history.confirm',
      });
      const actor = actorOf(access);
      const row = await confirmNoChange(db, { clinicId, patientId, ...request.body, actor, now: now() });
      await request.audit({
        action: 'health_history.confirmed',
        clinicId,
        patientId,
        resourceType: 'intake',
        resourceId: row.versionId,
        details: { confirmationId: row.id, via: actor.via },
      });
      return reply.status(201).send(confirmationView(row, await userNames(db, [row.confirmedBy])));
    },
  );

  // ---- Personal link (no account) --------------------------------------------------------------

  app.get(
    '/intake/:token',
    {
      config: linkRateLimit,
      schema: {
        tags,
        summary: 'Open the questionnaire of a personal link',
        security: [],
        params: tokenParams,
        response: { 200: linkIntakeView, ...linkErrors },
      },
    },
    async (request) => {
      const { link, intake, clinicName, clinicTimeZone, patientFirstName } = await authorizeIntakeLink(
        request,
        request.params.token,
        'intake.read',
      );
      return {
        clinicName,
        clinicTimeZone,
        patientFirstName,
        expiresAt: link.expiresAt.toISOString(),
        questionnaire: questionnaireViewOf(questionnaire(intake.questionnaireVersion)),
        intake: {
          status: 'draft' as const,
          kind: intake.kind,
          questionnaireVersion: intake.questionnaireVersion,
          answers: intakeView(intake, new Map()).answers,
          savedAt: intake.savedAt.toISOString(),
          consentSigning: await consentSigningOf(db, intake),
        },
      };
    },
  );

  app.put(
    '/intake/:token/answers',
    {
      config: linkRateLimit,
      schema: {
        tags,
        summary: 'Autosave through a personal link (merged like the staff and portal autosave)',
        security: [],
        params: tokenParams,
        body: autosaveBody,
        response: { 200: autosaveResult, ...linkErrors },
      },
    },
    async (request) => {
      const { intake } = await authorizeIntakeLink(request, request.params.token, 'intake.autosave');
      const row = await saveAnswers(db, {
        clinicId: intake.clinicId,
        patientId: intake.patientId,
        intakeId: intake.id,
        patch: request.body.answers,
        now: now(),
      });
      return {
        id: row.id,
        status: 'draft' as const,
        savedAt: row.savedAt.toISOString(),
        answers: intakeView(row, new Map()).answers,
      };
    },
  );

  app.post(
    '/intake/:token/submit',
    {
      config: linkRateLimit,
      schema: {
        tags,
        summary: 'Submit through a personal link; the link then stops working (410)',
        security: [],
        params: tokenParams,
        body: submitBody,
        response: { 200: linkSubmitResult, ...linkErrors },
      },
    },
    async (request) => {
      const { link, intake } = await authorizeIntakeLink(request, request.params.token, 'intake.submit');
      const row = await submitWithAudit(request, {
        clinicId: intake.clinicId,
        patientId: intake.patientId,
        intakeId: intake.id,
        patch: request.body?.answers,
        actor: { userId: null, via: 'link' },
        linkId: link.id,
      });
      await markLinkUsed(request, link);
      return { status: 'submitted' as const, submittedAt: row.submittedAt!.toISOString() };
    },
  );

  /** Submit, auditing the outcome: refused submits name the missing fields (never the answers). */
  async function submitWithAudit(
    request: Parameters<typeof authorizeIntakeLink>[0],
    input: {
      clinicId: string;
      patientId: string;
      intakeId: string;
      patch?: z.infer<typeof submitBody>['answers'];
      actor: Actor;
      linkId?: string;
    },
  ) {
    const audit = {
      clinicId: input.clinicId,
      patientId: input.patientId,
      resourceType: 'intake',
      resourceId: input.intakeId,
    };
    try {
      const row = await submitIntake(db, { ...input, now: now() });
      await request.audit({
        ...audit,
        action: 'intake.submitted',
        details: {
          version: row.version,
          via: input.actor.via,
          consentSigned: row.consentSignedAt !== null,
          linkId: input.linkId,
        },
      });
      return row;
    } catch (error) {
      if (error instanceof AppError && error.code === 'unprocessable' && Array.isArray(error.details)) {
        await request.audit({
          ...audit,
          action: 'intake.submit',
          outcome: 'failed',
          details: { via: input.actor.via, fields: error.details.map((d) => d.path) },
        });
      }
      throw error;
    }
  }
}
