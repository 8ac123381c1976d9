/**
 * The current plan of care against the patient's health today, for the therapist on the plan page, and the
 * words said beside a restriction on the plan page, the plan form and the session-note editor alike. No JSX.
 */
import { clearanceCanLift, liftText, ruledOutAdvice } from '../../../../src/domain/safety/advice.ts';
import { restrictionLabel, standingAnswerNote } from '../chart/clearance-restrictions.ts';
import {
  type PlanConflict,
  type PlanSafetyMarks,
  planSafetyMarks,
} from '../physician-portal/plan-conflicts.ts';
import type { PlanScreening, PlanVersion } from './api.ts';

type Finding = PlanScreening['findings'][number];

/**
 * Beside a restriction that rules something out: whether a physician clearance can lift it, after the
 * physician's standing “not cleared” when there is one.
 */
export function standingText(finding: { clearancePolicy: string; declined: Finding['declined'] }): string {
  const declined = finding.declined
    ? standingAnswerNote({ declined: finding.declined, clearanceLimits: null })
    : null;
  return declined ? `${declined}. ${liftText(finding)}` : liftText(finding);
}

export interface PlanSafetyNotice {
  /** The plan's techniques and regions each ruled-out flag touches, marked in the plan itself. */
  marks: PlanSafetyMarks;
  /** What is ruled out (as the physician signing reads it), each with `standingText`. */
  conflicts: (PlanConflict & { standing: string })[];
  /** What to do about the conflicts, in the words the plan form and the session-note editor use; null: none. */
  advice: string | null;
  /** A physician clearance can lift at least one conflict: where to ask for and record one is offered. */
  liftable: boolean;
  /** Care the patient's health now asks for that this version did not acknowledge when it was saved. */
  precautions: { key: string; flag: string; reason: string }[];
  /** Home-care heat or cold, by advice id: what the patient's health rules out or asks care for in it. */
  homeCare: ReadonlyMap<string, HomeCareMark[]>;
  /** The home-care advice ruled out, by title. */
  homeCareRuledOut: string[];
}

/** Beside a home-care item that applies heat or cold: ruled out, or care to take (as a hot-pack row is marked). */
export interface HomeCareMark {
  kind: 'blocked' | 'caution';
  text: string;
}

type HomeCareScreening = PlanScreening['homeCare'];

function homeCareMarks(homeCare: HomeCareScreening): Map<string, HomeCareMark[]> {
  const marks = new Map<string, HomeCareMark[]>();
  for (const item of homeCare) {
    const list = item.findings.flatMap((f): HomeCareMark[] => {
      if (f.blocking) return [{ kind: 'blocked', text: `${f.subject}: ${f.restriction}. ${liftText(f)}` }];
      if (!f.acknowledged)
        return [{ kind: 'caution', text: `${f.subject}: ${f.restriction} (${f.reason}).` }];
      return [];
    });
    if (list.length) marks.set(item.id, list);
  }
  return marks;
}

/**
 * What the plan's screening today says of the current version: a flag, or a clearance lapsed or revoked, since
 * the plan was written shows on the plan page, not only when the next version is saved.
 */
export function planSafetyNotice(
  screening: Pick<PlanScreening, 'findings'> & Partial<Pick<PlanScreening, 'homeCare'>>,
  version: Pick<PlanVersion, 'techniques' | 'regions' | 'precautionsAcknowledged'>,
): PlanSafetyNotice {
  const marks = planSafetyMarks(screening, version);
  const byKey = new Map(screening.findings.map((f) => [f.key, f]));
  const homeCare = screening.homeCare ?? [];
  const atHome = homeCare.flatMap((h) => h.findings.filter((f) => f.blocking && !byKey.has(f.key)));
  const ruledOut = [...marks.conflicts.map((c) => byKey.get(c.key)!), ...atHome];
  const acknowledged = new Set(version.precautionsAcknowledged.map((p) => p.key));
  return {
    marks,
    conflicts: marks.conflicts.map((c) => ({ ...c, standing: standingText(byKey.get(c.key)!) })),
    advice: ruledOut.length ? ruledOutAdvice(ruledOut, 'plan') : null,
    liftable: ruledOut.some(clearanceCanLift),
    precautions: screening.findings
      .filter((f) => !f.blocking && !f.acknowledged && !acknowledged.has(f.key))
      .map((f) => ({ key: f.key, flag: restrictionLabel(f), reason: f.reason })),
    homeCare: homeCareMarks(homeCare),
    homeCareRuledOut: homeCare.filter((h) => h.blocked).map((h) => h.title),
  };
}
