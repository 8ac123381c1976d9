import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  patients,
  referralClinicalSettings,
  referrals,
  sessionNotes,
  treatmentPlans,
} from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import { dayText, localDate } from '../patients/dates.ts';
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
          "The signed-in therapist's to-do list: their notes unsigned for more than 24 hours, re-evaluations and progress reports due, plans needing (re)certification",
        params: clinicParams,
        response: { 200: todoList, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinical.write');
      const me = access.principal.userId;
      const at = now();
      const today = localDate(at, access.clinic.timeZone);
      const items: z.infer<typeof todoList>['items'] = [];
      const drafts = await db
        .select()
        .from(sessionNotes)
        .where(
          and(
            eq(sessionNotes.clinicId, access.clinicId),
            eq(sessionNotes.authorId, me),
            eq(sessionNotes.status, 'draft'),
            lt(sessionNotes.createdAt, new Date(at.getTime() - 24 * 3_600_000)),
          ),
        )
        .orderBy(asc(sessionNotes.createdAt));
      for (const d of drafts)
        items.push({
          kind: 'unsigned_note',
          patientId: d.patientId,
          patientName: '',
          resourceType: 'session_note',
          resourceId: d.id,
          dueOn: null,
          since: d.createdAt.toISOString(),
          message: `Note of ${dayText(d.visitDate)} unsigned for ${Math.floor((at.getTime() - d.createdAt.getTime()) / 3_600_000)} hours`,
        });
      const plans = await db
        .select()
        .from(treatmentPlans)
        .where(
          and(
            eq(treatmentPlans.clinicId, access.clinicId),
            or(
              eq(treatmentPlans.createdBy, me),
              sql`exists (select 1 from session_notes n where n.clinic_id = ${treatmentPlans.clinicId} and n.patient_id = ${treatmentPlans.patientId} and n.author_id = ${me})`,
            ),
          ),
        )
        .orderBy(desc(treatmentPlans.id));
      const seen = new Set<string>();
      for (const plan of plans) {
        if (seen.has(plan.patientId)) continue; // the newest plan of each patient
        seen.add(plan.patientId);
        for (const r of await planReminders(db, plan, today, access.clinic.timeZone)) {
          const kind =
            r.kind === 're_evaluation_due' || r.kind === 'progress_report_due'
              ? r.kind
              : r.kind === 'recertification_due' || r.kind === 'certification_due'
                ? 'recertification_due'
                : null;
          if (!kind) continue;
          items.push({
            kind,
            patientId: plan.patientId,
            patientName: '',
            resourceType: 'treatment_plan',
            resourceId: plan.id,
            dueOn: r.dueOn,
            since: null,
            message: r.message,
            href:
              kind === 'progress_report_due'
                ? `/patients/${plan.patientId}/reports?new=progress_report${plan.referralId ? `&referralId=${plan.referralId}` : ''}`
                : null,
          });
        }
      }
      const patientIds = [...new Set(items.map((i) => i.patientId))];
      const names = new Map<string, string>();
      if (patientIds.length > 0) {
        const rows = await db
          .select({
            id: patients.id,
            first: patients.legalFirstName,
            preferred: patients.preferredName,
            last: patients.legalLastName,
          })
          .from(patients)
          .where(and(eq(patients.clinicId, access.clinicId), inArray(patients.id, patientIds)));
        for (const p of rows) names.set(p.id, `${p.preferred ?? p.first} ${p.last}`);
      }
      await request.audit({
        action: 'clinical.todo.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'todo',
        ...listedPatients(patientIds),
      });
      return { items: items.map((i) => ({ ...i, patientName: names.get(i.patientId) ?? '' })) };
    },
  );
}
