import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { referralClinicalSettings, referrals, sessionNotes } from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import { registerPatientReference } from '../patients/references.ts';
import { patientParams } from '../patients/routes.ts';
import { authorizeClinical } from './access.ts';
import {
  bodyChartComparison,
  bodyChartFinding,
  bodyChartSource,
  CHART_KINDS,
  chartKindOf,
  compareBodyCharts,
} from './body-chart.ts';
import { bodyChartHistory } from './body-chart-history.ts';
import { currentPlanOf, planReminders, referralSettingsOf } from './reminders.ts';
import { clinicalChartSection, referralSettings, referralSettingsBody, todoList } from './schemas.ts';
import { todoOf } from './todo.ts';

const tags = ['Clinical'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema };

// Patient-referencing tables move with a patient merge (the default move: their patient_id column; the
// signed-record triggers allow patient_id to change, nothing else).
for (const table of [
  'assessments',
  'clinical_addenda',
  'clinical_amendments',
  'outcome_administrations',
  'session_notes',
  'treatment_plans',
]) {
  registerPatientReference({ table, column: 'patient_id' });
}

export default async function clinicalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  registerChartSection({
    id: 'clinical',
    title: 'Clinical reminders',
    order: 40,
    permission: 'clinical.read',
    schema: clinicalChartSection,
    async load({ db, clinicId, patientId, today, access }) {
      const newest = await currentPlanOf(db, clinicId, patientId);
      // A self-referred plan is not shown to physicians (src/modules/plans): nor are its reminders.
      const plan = access.via === 'physician' && newest?.referralId === null ? undefined : newest;
      const reminders = plan ? await planReminders(db, plan, today, access.clinic.timeZone) : [];
      const [last] = await db
        .select({ visitDate: sessionNotes.visitDate })
        .from(sessionNotes)
        .where(
          and(
            eq(sessionNotes.clinicId, clinicId),
            eq(sessionNotes.patientId, patientId),
            eq(sessionNotes.status, 'signed'),
          ),
        )
        .orderBy(desc(sessionNotes.visitDate))
        .limit(1);
      const [drafts] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(sessionNotes)
        .where(
          and(
            eq(sessionNotes.clinicId, clinicId),
            eq(sessionNotes.patientId, patientId),
            eq(sessionNotes.status, 'draft'),
          ),
        );
      const self = access.via === 'self';
      return {
        reminders: self
          ? reminders.filter((r) => r.kind === 'visits_left' || r.kind === 'plan_expiring')
          : reminders,
        activePlanId: plan?.id ?? null,
        lastNoteOn: last?.visitDate ?? null,
        unsignedNotes: self ? 0 : Number(drafts?.n ?? 0),
      };
    },
  });

  app.get(
    '/clinics/:clinicId/patients/:patientId/body-chart/history',
    {
      schema: {
        tags,
        summary:
          "The patient's body charts over time: intake pain map, signed assessments and notes (amendments applied)",
        params: patientParams,
        response: {
          200: z.object({
            items: z.array(z.object({ source: bodyChartSource, findings: z.array(bodyChartFinding) })),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'body_chart.history',
      });
      const history = await bodyChartHistory(db, access.clinicId, access.patientId, access.clinic.timeZone);
      return { items: history };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/body-chart/compare',
    {
      schema: {
        tags,
        summary:
          "Compare the body chart on two dates (the latest chart of one kind on or before each): per region new, resolved, better, worse, unchanged or changed. `kind` is whose charts: the clinicians' examinations (default) or the patient's own pain maps; a questionnaire is never compared with an examination.",
        params: patientParams,
        querystring: z.object({
          from: z.iso.date(),
          to: z.iso.date(),
          kind: z.enum(CHART_KINDS).default('clinician'),
        }),
        response: { 200: bodyChartComparison, ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'body_chart.compare',
      });
      const { from, to, kind } = request.query;
      if (to < from)
        throw new AppError('validation_failed', 'The second date must not be before the first', [
          { path: 'querystring.to', message: 'Before `from`' },
        ]);
      const history = await bodyChartHistory(db, access.clinicId, access.patientId, access.clinic.timeZone);
      const on = (date: string) =>
        history.filter((s) => chartKindOf(s.source) === kind && s.source.date <= date).at(-1);
      const a = on(from);
      const b = on(to);
      return {
        from: { date: from, source: a?.source ?? null, findings: a?.findings ?? [] },
        to: { date: to, source: b?.source ?? null, findings: b?.findings ?? [] },
        regions: compareBodyCharts(a?.findings ?? [], b?.findings ?? []),
      };
    },
  );

  const referralParams = clinicParams.extend({ referralId: z.uuid() });
  async function referralGate(
    request: Parameters<typeof authorizeClinic>[0],
    clinicId: string,
    referralId: string,
    write: boolean,
  ) {
    const permission = write ? 'clinical.write' : 'clinical.read';
    const [ref] = await db
      .select({ patientId: referrals.patientId })
      .from(referrals)
      .where(and(eq(referrals.clinicId, clinicId), eq(referrals.id, referralId)));
    if (!ref) {
      await authorizeClinic(request, clinicId, permission);
      throw notFound('Referral');
    }
    return authorizePatient(request, {
      clinicId,
      patientId: ref.patientId,
      permission,
      action: write ? 'referral.clinical_settings.update' : 'referral.clinical_settings.read',
      resourceType: 'referral',
      resourceId: referralId,
    });
  }

  app.get(
    '/clinics/:clinicId/referrals/:referralId/clinical-settings',
    {
      schema: {
        tags,
        summary:
          'How often a progress report / re-evaluation is due for this referral (default: every 10 visits or 30 days)',
        params: referralParams,
        response: { 200: referralSettings, ...errors },
      },
    },
    async (request) => {
      const { clinicId, referralId } = request.params;
      await referralGate(request, clinicId, referralId, false);
      return referralSettingsOf(db, clinicId, referralId);
    },
  );

  app.put(
    '/clinics/:clinicId/referrals/:referralId/clinical-settings',
    {
      schema: {
        tags,
        summary:
          'Set the progress-report interval for this referral (every N visits or N days, whichever first)',
        params: referralParams,
        body: referralSettingsBody,
        response: { 200: referralSettings, ...errors },
      },
    },
    async (request) => {
      const { clinicId, referralId } = request.params;
      const access = await referralGate(request, clinicId, referralId, true);
      const values = { ...request.body, updatedBy: access.principal.userId, updatedAt: now() };
      await db
        .insert(referralClinicalSettings)
        .values({ clinicId, referralId, ...values })
        .onConflictDoUpdate({
          target: [referralClinicalSettings.clinicId, referralClinicalSettings.referralId],
          set: values,
        });
      await request.audit({
        action: 'referral.clinical_settings.updated',
        clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'referral',
        resourceId: referralId,
        details: { ...request.body },
      });
      return referralSettingsOf(db, clinicId, referralId);
    },
  );

  app.get(
    '/clinics/:clinicId/todo',
    {
      schema: {
        tags,
        summary:
          "The signed-in therapist's to-do list: urgent red flags their patients reported on an intake (until a signed note or evaluation follows), their notes unsigned for more than 24 hours, their past visits without a note, re-evaluations and progress reports due, plans needing (re)certification; each with the page that resolves it",
        params: clinicParams,
        response: { 200: todoList, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinical.write');
      const items = await todoOf(db, {
        clinicId: access.clinicId,
        userId: access.principal.userId,
        now: now(),
        timeZone: access.clinic.timeZone,
      });
      const patientIds = items.map((i) => i.patientId);
      await request.audit({
        action: 'clinical.todo.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'todo',
        ...listedPatients(patientIds),
      });
      return { items };
    },
  );
}
