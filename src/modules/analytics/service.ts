/**
 * Clinic outcomes: the share of episodes (plans of care) reaching a meaningful change (MCID), by condition
 * (the referral's primary diagnosis), by technique given and by therapist; visits until it was reached; drop-out.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  clinicalReports,
  outcomeAdministrations,
  referrals,
  sessionNotes,
  treatmentPlans,
  treatmentPlanVersions,
  users,
} from '../../db/schema/index.ts';
import { TREATED_CONDITIONS } from '../../domain/catalog/conditions.ts';
import { getTechnique, isTechniqueId } from '../../domain/catalog/techniques.ts';
import { lookupIcd10 } from '../../domain/codes/icd10cm.ts';
import { classifyChange } from '../../domain/outcomes/change.ts';
import type { InstrumentId } from '../../domain/outcomes/types.ts';
import { withAmendments } from '../clinical/amended.ts';
import { daysBetween } from '../patients/dates.ts';
import type { NoteContent } from '../session-notes/schemas.ts';
import type { clinicOutcomes, OutcomeRow } from './schemas.ts';

export const DROP_OUT_DAYS = 30;
/**
 * Rows with fewer measured episodes than this are marked "too few to compare": below five, one patient more or
 * less moves a share by 20 points or more (1 of 2 is "50 %"), which says nothing about a therapist or technique.
 */
export const MIN_EPISODES_TO_COMPARE = 5;

export interface Episode {
  planId: string;
  patientId: string;
  condition: { key: string; label: string };
  techniques: { key: string; label: string }[];
  therapist: { key: string; label: string };
  measured: boolean;
  reachedOn: string | null;
  visitsToMcid: number | null;
  droppedOut: boolean;
}

/**
 * The treated condition of a diagnosis code (exact code, or a category the catalog lists), else its 3-character
 * category in words with the code after them ("Dorsalgia (M54)"); the referral's own description stands in for a
 * category not in Palpa's ICD-10-CM list.
 */
export function conditionOf(code: string | undefined, description: string | undefined) {
  if (!code) return { key: 'none', label: 'No diagnosis' };
  const upper = code.toUpperCase();
  const found = TREATED_CONDITIONS.find((c) =>
    c.icd10.some((x) => (x.endsWith('-') ? upper.startsWith(x.slice(0, -1)) : x === upper)),
  );
  if (found) return { key: found.id, label: found.label };
  const family = upper.slice(0, 3);
  const words = lookupIcd10(family)?.description ?? description?.trim();
  return { key: family, label: words ? `${words} (${family})` : family };
}

export async function episodes(
  db: Executor,
  input: { clinicId: string; from: string; to: string; today: string },
): Promise<Episode[]> {
  const { clinicId } = input;
  const plans = await db
    .select()
    .from(treatmentPlans)
    .where(eq(treatmentPlans.clinicId, clinicId))
    .orderBy(asc(treatmentPlans.id));
  if (plans.length === 0) return [];
  const versions = await db
    .select()
    .from(treatmentPlanVersions)
    .where(eq(treatmentPlanVersions.clinicId, clinicId))
    .orderBy(asc(treatmentPlanVersions.version));
  const firstVersion = new Map<string, (typeof versions)[number]>();
  const lastVersion = new Map<string, (typeof versions)[number]>();
  for (const v of versions) {
    if (!firstVersion.has(v.planId)) firstVersion.set(v.planId, v);
    lastVersion.set(v.planId, v);
  }
  const cohort = plans.filter((p) => {
    const start = firstVersion.get(p.id)?.startDate;
    return start !== undefined && start >= input.from && start <= input.to;
  });
  if (cohort.length === 0) return [];
  const patientIds = [...new Set(cohort.map((p) => p.patientId))];
  // Self-referred plans have no referral, hence no diagnosis ("No diagnosis" below).
  const referralIds = [...new Set(cohort.flatMap((p) => (p.referralId ? [p.referralId] : [])))];
  const refs = referralIds.length
    ? await db
        .select()
        .from(referrals)
        .where(and(eq(referrals.clinicId, clinicId), inArray(referrals.id, referralIds)))
    : [];
  const signedNotes = await db
    .select({
      id: sessionNotes.id,
      planId: sessionNotes.planId,
      authorId: sessionNotes.authorId,
      visitDate: sessionNotes.visitDate,
      content: sessionNotes.content,
    })
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        eq(sessionNotes.status, 'signed'),
        inArray(sessionNotes.patientId, patientIds),
      ),
    )
    .orderBy(asc(sessionNotes.visitDate));
  // The techniques given are read as the notes say them now: a corrected treatment counts as corrected.
  const notes = await withAmendments<NoteContent, (typeof signedNotes)[number]>(
    db,
    clinicId,
    'sessionNoteId',
    signedNotes,
  );
  const admins = await db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(
        eq(outcomeAdministrations.clinicId, clinicId),
        inArray(outcomeAdministrations.patientId, patientIds),
      ),
    )
    .orderBy(asc(outcomeAdministrations.administeredOn), asc(outcomeAdministrations.id));
  const discharges = await db
    .select({ planId: clinicalReports.planId, referralId: clinicalReports.referralId })
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, clinicId),
        eq(clinicalReports.kind, 'discharge_summary'),
        eq(clinicalReports.status, 'signed'),
        inArray(clinicalReports.patientId, patientIds),
      ),
    );
  const authorIds = [...new Set([...notes.map((n) => n.authorId), ...cohort.map((p) => p.createdBy)])];
  const names = new Map(
    (
      await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, authorIds))
    ).map((u) => [u.id, u.name]),
  );
  const refDate = input.today;

  return cohort.map((plan) => {
    const start = firstVersion.get(plan.id)!.startDate;
    const ref = refs.find((r) => r.id === plan.referralId);
    const planNotes = notes.filter((n) => n.planId === plan.id);
    // Therapist: who wrote most of the plan's signed notes (ties: the earliest to write), else the plan's author.
    const counts = new Map<string, number>();
    for (const n of planNotes) counts.set(n.authorId, (counts.get(n.authorId) ?? 0) + 1);
    let therapistId = plan.createdBy;
    let best = 0;
    for (const [id, c] of counts) if (c > best) [therapistId, best] = [id, c];
    // Techniques actually given (treatment rows), else those planned.
    const given = new Set<string>();
    for (const n of planNotes) for (const r of n.current.treatment?.rows ?? []) given.add(r.techniqueId);
    const techniqueIds = given.size > 0 ? [...given] : [...(lastVersion.get(plan.id)?.techniques ?? [])];
    // Meaningful change: per instrument, baseline = first administration of the episode; reached at the first
    // later administration classified "improved".
    const byInstrument = new Map<string, typeof admins>();
    for (const a of admins)
      if (a.patientId === plan.patientId && a.administeredOn >= start)
        byInstrument.set(a.instrumentId, [...(byInstrument.get(a.instrumentId) ?? []), a]);
    let measured = false;
    let reachedOn: string | null = null;
    for (const [instrumentId, list] of byInstrument) {
      if (list.length < 2) continue;
      measured = true;
      for (const a of list.slice(1)) {
        let improved = false;
        try {
          improved =
            classifyChange(instrumentId as InstrumentId, list[0]!.score, a.score).classification ===
            'improved';
        } catch {
          improved = false;
        }
        if (improved) {
          if (reachedOn === null || a.administeredOn < reachedOn) reachedOn = a.administeredOn;
          break;
        }
      }
    }
    // The window picks the cohort (episodes by start date); each is followed up to today.
    const lastVisit = planNotes.at(-1)?.visitDate ?? start;
    const discharged = discharges.some(
      (d) => d.planId === plan.id || (plan.referralId !== null && d.referralId === plan.referralId),
    );
    return {
      planId: plan.id,
      patientId: plan.patientId,
      condition: conditionOf(ref?.diagnoses[0]?.code, ref?.diagnoses[0]?.description),
      techniques: techniqueIds.map((id) => ({
        key: id,
        label: isTechniqueId(id) ? getTechnique(id).name : id,
      })),
      therapist: { key: therapistId, label: names.get(therapistId) ?? 'Unknown' },
      measured,
      reachedOn,
      visitsToMcid: reachedOn === null ? null : planNotes.filter((n) => n.visitDate <= reachedOn!).length,
      droppedOut: !discharged && daysBetween(lastVisit, refDate) > DROP_OUT_DAYS,
    };
  });
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function aggregate(key: string, label: string, list: Episode[]): OutcomeRow {
  const measured = list.filter((e) => e.measured);
  const reached = measured.filter((e) => e.reachedOn !== null);
  return {
    key,
    label,
    episodes: list.length,
    measured: measured.length,
    reachedMcid: reached.length,
    share: measured.length === 0 ? null : Math.round((reached.length / measured.length) * 1000) / 1000,
    medianVisitsToMcid: median(reached.map((e) => e.visitsToMcid!)),
    droppedOut: list.filter((e) => e.droppedOut).length,
  };
}

function groupBy(list: Episode[], keys: (e: Episode) => { key: string; label: string }[]): OutcomeRow[] {
  const groups = new Map<string, { label: string; items: Episode[] }>();
  for (const e of list)
    for (const k of keys(e)) {
      const g = groups.get(k.key) ?? { label: k.label, items: [] };
      g.items.push(e);
      groups.set(k.key, g);
    }
  return [...groups]
    .map(([key, g]) => aggregate(key, g.label, g.items))
    .sort((a, b) => b.episodes - a.episodes || a.label.localeCompare(b.label));
}

export function clinicOutcomesOf(list: Episode[], from: string, to: string): z.infer<typeof clinicOutcomes> {
  return {
    from,
    to,
    total: aggregate('all', 'All episodes', list),
    byCondition: groupBy(list, (e) => [e.condition]),
    byTechnique: groupBy(list, (e) => e.techniques),
    byTherapist: groupBy(list, (e) => [e.therapist]),
    minEpisodesToCompare: MIN_EPISODES_TO_COMPARE,
    definitions: [
      {
        term: 'Episode of care',
        meaning: 'A plan of care that started in the chosen period; each one is followed up to today.',
      },
      {
        term: 'Measured',
        meaning:
          'The same outcome measure (for example the pain scale) was given at least twice in the episode.',
      },
      {
        term: 'Reached a meaningful change (MCID)',
        meaning:
          'A later score improved on the episode’s first score by at least the smallest change patients notice for that measure (its minimal clinically important difference).',
      },
      {
        term: 'Share',
        meaning: `Of the measured episodes, how many reached a meaningful change. Rows with fewer than ${MIN_EPISODES_TO_COMPARE} measured episodes are marked “too few to compare”: one patient more or less would move the share by 20 points or more.`,
      },
      {
        term: 'Visits until a meaningful change',
        meaning:
          'Signed visits of the plan up to and including the day the meaningful change was first reached.',
      },
      {
        term: 'Drop-out',
        meaning: `No signed visit in the last ${DROP_OUT_DAYS} days and no signed discharge summary.`,
      },
      {
        term: 'Condition',
        meaning:
          'The condition of the referral’s first diagnosis; a diagnosis Palpa does not group shows its ICD-10 category in words, then the code.',
      },
      {
        term: 'Technique',
        meaning:
          'Techniques given in the plan’s signed notes (else those planned); an episode counts once for each technique.',
      },
      { term: 'Therapist', meaning: 'Who signed most of the plan’s notes (else who wrote the plan).' },
    ],
  };
}
