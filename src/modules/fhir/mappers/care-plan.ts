import type { CarePlan } from 'fhir/r4.js';
import { addDays } from '../../patients/dates.ts';
import { getExercise } from '../../plans/home-care-library.ts';
import { SYSTEMS } from '../codes.ts';
import { techniqueConcept } from '../concepts.ts';
import { clean, instant, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import type { NoteRow } from './clinical-source.ts';
import { loadPlanBundles, type PlanBundle } from './plan-source.ts';
import { siteText } from './sites.ts';

export const planEnd = (startDate: string, durationWeeks: number) =>
  addDays(startDate, durationWeeks * 7 - 1);

/** A plan of care (id = the plan id; meta.versionId = its current version). */
export function toCarePlan(b: PlanBundle, today: string): CarePlan {
  const v = b.plan.current;
  const end = planEnd(v.startDate, v.durationWeeks);
  const active = today <= end;
  const status = active ? 'in-progress' : 'completed';
  return clean({
    resourceType: 'CarePlan',
    id: b.plan.id,
    meta: { versionId: String(v.version), lastUpdated: v.createdAt.toISOString() },
    status: active ? 'active' : 'completed',
    intent: 'plan',
    category: [{ coding: [{ system: SYSTEMS.service, code: 'plan-of-care', display: 'Plan of care' }] }],
    title: 'Medical massage plan of care',
    description: (b.content.problems ?? []).join('; '),
    subject: ref('Patient', b.plan.patientId),
    period: { start: v.startDate, end },
    created: instant(b.plan.createdAt),
    author: ref('Practitioner', v.createdBy),
    addresses: b.conditionIds.map((id) => ref('Condition', id)),
    // The referral (ServiceRequest) the plan answers; a self-referred plan has none.
    supportingInfo: [ref('ServiceRequest', b.plan.referralId)],
    goal: (b.content.goals ?? []).map((g) => ref('Goal', g.id)),
    activity: [
      ...v.techniques.map((t) => ({
        detail: {
          kind: 'ServiceRequest',
          code: techniqueConcept(t),
          status,
          scheduledTiming: {
            repeat: {
              frequency: v.frequencyPerWeek,
              period: 1,
              periodUnit: 'wk',
              duration: v.sessionMinutes,
              durationUnit: 'min',
              boundsPeriod: { start: v.startDate, end },
            },
          },
          description: `${v.plannedVisits} visits planned; regions: ${v.regions.map(siteText).join(', ')}`,
        },
      })),
      ...(b.content.homeCare?.exercises ?? []).map((e) => {
        const exercise = getExercise(e.id);
        return {
          detail: {
            code: {
              coding: [{ system: SYSTEMS.service, code: `home-care.${e.id}` }],
              text: exercise?.name ?? e.id,
            },
            status,
            description: [e.dosage ?? exercise?.dosage, e.note].filter(Boolean).join('. '),
          },
        };
      }),
    ],
    note: v.changeReason ? [{ text: `Changed: ${v.changeReason}` }] : [],
  } as CarePlan);
}

export async function loadCarePlans(q: LoadQuery, notes?: NoteRow[]) {
  const bundles = await loadPlanBundles(q, { notes });
  return bundles.map((b) => ({ resource: toCarePlan(b, q.today), patientId: b.plan.patientId }));
}

export const carePlanDef: ResourceDef<CarePlan> = {
  type: 'CarePlan',
  scope: 'patient',
  documentation:
    'Plans of care (current version): problems, goals, techniques (CPT) with frequency and session minutes, home-care exercises, addressed diagnoses, the referral in supportingInfo (none for a self-referred plan, which addresses no diagnosis).',
  sources: [{ name: 'plans', permission: 'clinical.read', allowSelf: true, load: (q) => loadCarePlans(q) }],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'date', type: 'date', documentation: 'The plan period', dates: (r) => [r.period] },
    {
      name: 'status',
      type: 'token',
      documentation: 'active | completed',
      tokens: (r) => plainTokens(r.status),
    },
    { name: 'intent', type: 'token', documentation: 'plan', tokens: (r) => plainTokens(r.intent) },
    {
      name: 'category',
      type: 'token',
      documentation: 'plan-of-care',
      tokens: (r) => codings(r.category ?? []),
    },
    {
      name: 'goal',
      type: 'reference',
      target: 'Goal',
      documentation: 'A goal of the plan',
      refs: (r) => (r.goal ?? []).map((g) => g.reference),
    },
    {
      name: 'condition',
      type: 'reference',
      target: 'Condition',
      documentation: 'An addressed diagnosis',
      refs: (r) => (r.addresses ?? []).map((g) => g.reference),
    },
  ],
};
