import { and, eq, inArray } from 'drizzle-orm';
import { referrals } from '../../../db/schema/index.ts';
import type { PlanContent } from '../../plans/service.ts';
import { type LoadQuery, memoised } from '../model.ts';
import { loadNotes, loadPlans, type NoteRow, type PlanRow } from './clinical-source.ts';
import { conditionId } from './condition.ts';

export interface PlanBundle {
  plan: PlanRow;
  content: PlanContent;
  /** Condition ids (of the referral's diagnoses) the plan addresses; none for a self-referred plan. */
  conditionIds: string[];
  /** Latest progress per goal id from signed notes: met | progressing | no-change | regressed. */
  progress: Map<string, string>;
}

/** Plans with their current content, the Condition ids they address, and goal progress from signed notes. */
export function loadPlanBundles(
  q: LoadQuery,
  options: { goalId?: string; notes?: NoteRow[] } = {},
): Promise<PlanBundle[]> {
  return memoised(q, `plans:${options.goalId ?? ''}`, () => readPlanBundles(q, options));
}

async function readPlanBundles(
  q: LoadQuery,
  options: { goalId?: string; notes?: NoteRow[] },
): Promise<PlanBundle[]> {
  const plans = await loadPlans(q, options);
  if (plans.length === 0) return [];
  const patientIds = [...new Set(plans.map((p) => p.patientId))];
  const referralIds = plans.flatMap((p) => (p.referralId ? [p.referralId] : []));
  const [refs, notes] = await Promise.all([
    referralIds.length > 0
      ? q.db
          .select({ id: referrals.id, diagnoses: referrals.diagnoses })
          .from(referrals)
          .where(and(eq(referrals.clinicId, q.clinicId), inArray(referrals.id, referralIds)))
      : [],
    options.notes ?? loadNotes({ ...q, rowId: undefined, patientIds }),
  ]);
  const dxByReferral = new Map(refs.map((r) => [r.id, r.diagnoses]));
  const signed = notes
    .filter((n) => n.status === 'signed')
    .sort((a, b) => (a.visitDate < b.visitDate ? -1 : 1));
  return plans.map((plan) => {
    const content = plan.current.content as unknown as PlanContent;
    const referralId = plan.referralId;
    const dx = referralId ? (dxByReferral.get(referralId) ?? []) : [];
    const codes = new Set((content.diagnoses ?? []).map((d) => d.code));
    const progress = new Map<string, string>();
    for (const note of signed) {
      if (note.planId !== plan.id) continue;
      for (const g of note.current.assessment?.goalProgress ?? []) progress.set(g.goalId, g.progress);
    }
    return {
      plan,
      content,
      conditionIds: referralId
        ? dx.flatMap((d, i) => (codes.has(d.code) ? [conditionId(referralId, i)] : []))
        : [],
      progress,
    };
  });
}
