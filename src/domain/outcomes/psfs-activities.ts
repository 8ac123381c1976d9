// PSFS activities: the patient names 3–5 activities at baseline; every follow-up must re-rate the SAME
// activities [R11], so the activity text is stored and compared.
import { PSFS_SLOTS, type PsfsSlot } from './instruments/psfs.ts';
import { score } from './score.ts';
import type { Answers, ScoreResult } from './types.ts';

export interface PsfsActivity {
  readonly slot: PsfsSlot;
  /** The patient's own words, e.g. "Lifting my toddler". */
  readonly activity: string;
  /** 0 (unable) … 10 (able at pre-injury level); null = not rated. */
  readonly rating: number | null;
}

export type PsfsProblem =
  | { readonly kind: 'too-few-activities' | 'too-many-activities'; readonly count: number }
  | { readonly kind: 'empty-activity' | 'duplicate-slot'; readonly slot: PsfsSlot }
  | { readonly kind: 'duplicate-activity'; readonly activity: string }
  | { readonly kind: 'missing-activity'; readonly activity: string }
  | { readonly kind: 'added-activity'; readonly activity: string }
  | { readonly kind: 'unrated-activity'; readonly activity: string };

export type PsfsCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems: readonly PsfsProblem[] };

/** Case-, spacing- and Unicode-form-insensitive key for comparing activity text. */
export function normaliseActivity(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** Structure of one PSFS list: 3–5 activities, distinct slots, non-empty and distinct text. */
export function validatePsfsActivities(activities: readonly PsfsActivity[]): PsfsCheck {
  const problems: PsfsProblem[] = [];
  if (activities.length < 3) problems.push({ kind: 'too-few-activities', count: activities.length });
  if (activities.length > PSFS_SLOTS.length) {
    problems.push({ kind: 'too-many-activities', count: activities.length });
  }
  const slots = new Set<PsfsSlot>();
  const texts = new Set<string>();
  for (const entry of activities) {
    if (slots.has(entry.slot)) problems.push({ kind: 'duplicate-slot', slot: entry.slot });
    slots.add(entry.slot);
    const key = normaliseActivity(entry.activity);
    if (key === '') problems.push({ kind: 'empty-activity', slot: entry.slot });
    else if (texts.has(key)) problems.push({ kind: 'duplicate-activity', activity: entry.activity });
    texts.add(key);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/**
 * A follow-up must rate exactly the baseline activities (compared by normalised text; the slot may
 * differ), each with a rating.
 */
export function validatePsfsFollowUp(
  baseline: readonly PsfsActivity[],
  followUp: readonly PsfsActivity[],
): PsfsCheck {
  const structural = [baseline, followUp].flatMap((list) => {
    const check = validatePsfsActivities(list);
    return check.ok ? [] : check.problems;
  });
  if (structural.length > 0) return { ok: false, problems: structural };

  const problems: PsfsProblem[] = [];
  const current = new Map(followUp.map((entry) => [normaliseActivity(entry.activity), entry]));
  const expected = new Set(baseline.map((entry) => normaliseActivity(entry.activity)));
  for (const entry of baseline) {
    const match = current.get(normaliseActivity(entry.activity));
    if (match === undefined) problems.push({ kind: 'missing-activity', activity: entry.activity });
    else if (match.rating === null) problems.push({ kind: 'unrated-activity', activity: entry.activity });
  }
  for (const entry of followUp) {
    if (!expected.has(normaliseActivity(entry.activity))) {
      problems.push({ kind: 'added-activity', activity: entry.activity });
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** Activity list → answers for score('psfs', …). */
export function psfsAnswers(activities: readonly PsfsActivity[]): Answers {
  const answers: Record<string, number | null> = {};
  for (const entry of activities) answers[entry.slot] = entry.rating;
  return answers;
}

export type PsfsFollowUpScore =
  | ScoreResult
  | { readonly ok: false; readonly reason: 'activities-mismatch'; readonly details: readonly PsfsProblem[] };

/** Validates a follow-up against the baseline activities, then scores it. */
export function scorePsfsFollowUp(
  baseline: readonly PsfsActivity[],
  followUp: readonly PsfsActivity[],
): PsfsFollowUpScore {
  const check = validatePsfsFollowUp(baseline, followUp);
  if (!check.ok) return { ok: false, reason: 'activities-mismatch', details: check.problems };
  return score('psfs', psfsAnswers(followUp));
}
