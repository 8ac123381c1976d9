import type { Goal, GoalTarget } from 'fhir/r4.js';
import {
  getInstrument,
  getRomNorm,
  isInstrumentId,
  type JointMotion,
} from '../../../domain/outcomes/index.ts';
import { SYSTEMS, ucum } from '../codes.ts';
import { instrumentConcept } from '../concepts.ts';
import { clean, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings } from '../search.ts';
import { planEnd } from './care-plan.ts';
import type { NoteRow } from './clinical-source.ts';
import { loadPlanBundles, type PlanBundle } from './plan-source.ts';

const ACHIEVEMENT: Record<string, { code: string; display: string }> = {
  met: { code: 'achieved', display: 'Achieved' },
  progressing: { code: 'improving', display: 'Improving' },
  'no-change': { code: 'no-change', display: 'No Change' },
  regressed: { code: 'worsening', display: 'Worsening' },
};

type PlanGoal = PlanBundle['content']['goals'][number];

function describe(g: PlanGoal): { text: string; target: GoalTarget } {
  if (g.kind === 'instrument') {
    const name = isInstrumentId(g.instrumentId) ? getInstrument(g.instrumentId).name : g.instrumentId;
    return {
      text: g.description ?? `${name} from ${g.baseline} to ${g.target}`,
      target: {
        measure: instrumentConcept(g.instrumentId),
        detailQuantity: ucum(g.target, '{score}'),
        dueDate: g.dueDate,
      },
    };
  }
  if (g.kind === 'rom') {
    let unit: 'deg' | 'mm' = 'deg';
    let label: string = g.jointMotion;
    try {
      const norm = getRomNorm(g.jointMotion as JointMotion);
      unit = norm.unit;
      label = `${norm.joint} ${norm.motion}`;
    } catch {
      // An unknown joint motion keeps its id as the label.
    }
    const side = g.side ? `${g.side} ` : '';
    return {
      text:
        g.description ?? `Active range of motion, ${side}${label}: from ${g.baseline} to ${g.target} ${unit}`,
      target: {
        measure: { coding: [{ system: SYSTEMS.jointMotion, code: g.jointMotion, display: label }] },
        detailQuantity: ucum(g.target, unit),
        dueDate: g.dueDate,
      },
    };
  }
  return { text: g.patientWords, target: { dueDate: g.dueDate } };
}

/** The goals of a plan's current version (id = the goal id, kept across versions). */
export function toGoals(b: PlanBundle, today: string): Goal[] {
  const v = b.plan.current;
  const ended = today > planEnd(v.startDate, v.durationWeeks);
  return (b.content.goals ?? []).map((g) => {
    const { text, target } = describe(g);
    const progress = b.progress.get(g.id);
    const achievement = progress ? ACHIEVEMENT[progress] : undefined;
    return clean({
      resourceType: 'Goal',
      id: g.id,
      lifecycleStatus: progress === 'met' ? 'completed' : ended ? 'cancelled' : 'active',
      achievementStatus: achievement
        ? {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', ...achievement }],
          }
        : undefined,
      category: [{ coding: [{ system: SYSTEMS.service, code: `goal-${g.kind}` }] }],
      description: { text },
      subject: ref('Patient', b.plan.patientId),
      startDate: v.startDate,
      target: [target],
      expressedBy:
        g.kind === 'functional' ? ref('Patient', b.plan.patientId) : ref('Practitioner', v.createdBy),
      addresses: b.conditionIds.map((id) => ref('Condition', id)),
      note: 'baseline' in g ? [{ text: `Baseline: ${g.baseline}` }] : [],
    } as Goal);
  });
}

export async function loadGoals(q: LoadQuery, notes?: NoteRow[]) {
  const goalId = q.rowId;
  const bundles = await loadPlanBundles({ ...q, rowId: undefined }, { goalId, notes });
  return bundles.flatMap((b) =>
    toGoals(b, q.today).map((resource) => ({ resource, patientId: b.plan.patientId })),
  );
}

export const goalDef: ResourceDef<Goal> = {
  type: 'Goal',
  scope: 'patient',
  documentation:
    "Goals of the current plan versions (id = the goal id): instrument targets (LOINC / Palpa instrument code), ROM targets (UCUM deg or mm), functional goals in the patient's words; achievementStatus from the latest signed note's goal progress.",
  sources: [{ name: 'plan-goals', permission: 'clinical.read', allowSelf: true, load: (q) => loadGoals(q) }],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    {
      name: 'lifecycle-status',
      type: 'token',
      documentation: 'active | completed | cancelled',
      tokens: (r) => [{ code: r.lifecycleStatus }],
    },
    {
      name: 'achievement-status',
      type: 'token',
      documentation: 'achieved | improving | no-change | worsening',
      tokens: (r) => codings([r.achievementStatus]),
    },
    {
      name: 'target-date',
      type: 'date',
      documentation: 'Due date',
      dates: (r) => (r.target ?? []).map((t) => t.dueDate),
    },
    { name: 'start-date', type: 'date', documentation: 'Plan start', dates: (r) => [r.startDate] },
    {
      name: 'category',
      type: 'token',
      documentation: 'goal-instrument | goal-rom | goal-functional',
      tokens: (r) => codings(r.category ?? []),
    },
  ],
};
