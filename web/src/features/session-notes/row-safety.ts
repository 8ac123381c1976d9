/**
 * What is said beside a treatment row while a note is charted: the screening's word on that row (ruled out, or
 * care to take, with the reason), and work outside what the plan of care or its referral covers. Only ruled-out
 * work keeps the note from being signed; the rest is said so the therapist can explain it in the note. No JSX.
 */
import { expandSites, isSiteId, siteLabel } from '../../../../src/domain/catalog/body-regions.ts';
import { getTechnique, isTechniqueId } from '../../../../src/domain/catalog/techniques.ts';
import type { SessionNote } from './api.ts';
import { type RowDraft, validRows } from './rows.ts';

export type RowMarkKind = 'blocked' | 'caution' | 'outside';

export interface RowMark {
  kind: RowMarkKind;
  text: string;
}

/** The badge before each kind of mark. */
export const ROW_MARK_LABELS: Record<RowMarkKind, string> = {
  blocked: 'Ruled out',
  caution: 'Caution',
  outside: 'Not planned',
};

/**
 * What the treatment given is expected to stay within: the note's plan of care, and the referral it answers
 * (a referral that names no technique, or no region, leaves that open).
 */
export interface TreatmentScope {
  plan: { techniques: readonly string[]; regions: readonly string[] } | null;
  referral: { techniques: readonly string[]; bodyRegions: readonly string[] } | null;
}

type Screening = SessionNote['screening'];

const techniqueLabel = (id: string) => (isTechniqueId(id) ? getTechnique(id).name : id);
const covers = (sites: readonly string[], region: string) =>
  expandSites(sites.filter(isSiteId)).some((r) => r === region);

/** What of a row (its technique, its region, in words) a scope leaves out; nothing for an open scope. */
function leftOut(
  scope: { techniques: readonly string[]; regions: readonly string[] },
  row: { techniqueId: string; region: string },
): string[] {
  return [
    scope.techniques.length && !scope.techniques.includes(row.techniqueId)
      ? techniqueLabel(row.techniqueId)
      : null,
    scope.regions.length && !covers(scope.regions, row.region) && isSiteId(row.region)
      ? siteLabel(row.region)
      : null,
  ].filter((x): x is string => x !== null);
}

/** The marks of each complete row, by the row's key (rows not yet complete say what they need instead). */
export function rowSafetyMarks(
  rows: readonly RowDraft[],
  screening: Screening,
  scope: TreatmentScope,
): Map<string, RowMark[]> {
  const marks = new Map<string, RowMark[]>();
  for (const draft of rows) {
    const [row] = validRows([draft]);
    if (!row) continue;
    const pressure = row.pressure ?? null;
    const list: RowMark[] = [];
    for (const f of screening?.findings ?? []) {
      const at = f.rows.find(
        (r) => r.techniqueId === row.techniqueId && r.region === row.region && r.pressure === pressure,
      );
      if (at?.blocked) list.push({ kind: 'blocked', text: `${f.subject}: ${f.restriction}.` });
      else if (at && !f.acknowledged)
        list.push({ kind: 'caution', text: `${f.subject}: ${f.restriction} (${f.reason}).` });
    }
    const plan = scope.plan ? leftOut(scope.plan, row) : [];
    const referral = scope.referral
      ? leftOut({ techniques: scope.referral.techniques, regions: scope.referral.bodyRegions }, row)
      : [];
    if (plan.length && plan.join() === referral.join())
      list.push({ kind: 'outside', text: `Not in the plan of care or on the referral: ${plan.join(', ')}.` });
    else {
      if (plan.length) list.push({ kind: 'outside', text: `Not in the plan of care: ${plan.join(', ')}.` });
      if (referral.length)
        list.push({ kind: 'outside', text: `Not on the referral: ${referral.join(', ')}.` });
    }
    if (list.length) marks.set(draft.key, list);
  }
  return marks;
}

/**
 * What is said beside the note's Hot / cold: it is screened as hot-pack (cold-pack) rows on the regions treated,
 * so it carries the same marks a hot-pack row would. Nothing while no heat or cold is chosen.
 */
export function hotColdMarks(screening: Screening, hotCold: string | undefined): RowMark[] {
  if (!hotCold || hotCold === 'none') return [];
  return (screening?.findings ?? []).flatMap((f): RowMark[] => {
    if (f.hotCold === 'blocked') return [{ kind: 'blocked', text: `${f.subject}: ${f.restriction}.` }];
    if (f.hotCold === 'caution' && !f.acknowledged)
      return [{ kind: 'caution', text: `${f.subject}: ${f.restriction} (${f.reason}).` }];
    return [];
  });
}

/** Said once under the rows when any is outside the plan or the referral: the therapist charts what they did. */
export const OUTSIDE_HINT =
  'Work outside the plan of care or the referral is saved and signed as you gave it: say why in the note (Findings or Interpretation).';
