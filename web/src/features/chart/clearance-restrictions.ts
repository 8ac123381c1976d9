/** Which restrictions a physician clearance lifts: ticked on the form, named on the record. */
import { formatDay } from '../../components/format.ts';
import type { Clearance, ClinicianSafety, SafetyChart } from '../patients/api.ts';

type Flag = Pick<ClinicianSafety['flags'][number], 'ruleId' | 'subject' | 'restriction'>;

/** The condition, then what the restriction forbids: a condition such as a DVT carries several restrictions. */
export const restrictionLabel = (flag: Flag) => `${flag.subject}: ${flag.restriction}`;

/**
 * What a clearance lifted, one line per restriction as the chart flags it (a rule may flag more than one
 * condition); a rule no longer flagged is named by its id.
 */
export function liftedRestrictions(ruleIds: readonly string[], flags: readonly Flag[]): string[] {
  return ruleIds.flatMap((ruleId) => {
    const labels = [...new Set(flags.filter((f) => f.ruleId === ruleId).map(restrictionLabel))];
    return labels.length > 0 ? labels : [ruleId];
  });
}

/**
 * The restrictions ticked before the physician ticks any: those the request being answered asked about, else
 * none, so that a clearance never lifts what the physician was not asked and did not tick. A clearance with
 * restrictions ticks none: its limits are words the screening cannot read, so each restriction it lifts is
 * ticked by the physician, and the rest stay in force.
 */
export function initiallyTicked(
  rules: readonly Flag[],
  asked: readonly string[] = [],
  answer: ClearanceAnswer | null = null,
): string[] {
  if (answer === 'cleared-with-limits') return [];
  return rules.filter((r) => asked.includes(r.ruleId)).map((r) => r.ruleId);
}

/** The restrictions a clearance leaves in force: those not ticked, one line each. */
export const restrictionsKept = (rules: readonly Flag[], ticked: readonly string[]): string[] =>
  rules.filter((r) => !ticked.includes(r.ruleId)).map(restrictionLabel);

export type ClearanceAnswer = Clearance['answer'];

/** The physician's three answers, as the faxed request letter offers them. */
export const CLEARANCE_ANSWER_LABELS: Record<ClearanceAnswer, { label: string; hint: string }> = {
  cleared: { label: 'Cleared', hint: 'Massage may proceed as planned: the restrictions ticked are lifted.' },
  'cleared-with-limits': {
    label: 'Cleared with restrictions',
    hint: 'Massage may proceed within the limits you write (areas, techniques, pressure). Tick only the restrictions your limits lift; the others stay in force.',
  },
  'not-cleared': {
    label: 'Not cleared',
    hint: 'Not at this time: the restrictions ticked stay in force, with your answer on the chart.',
  },
};

export interface ClearanceDraft {
  answer: ClearanceAnswer | null;
  ruleIds: readonly string[];
  limits: string;
  physicianName: string;
}

/**
 * What the form still needs, by field: an explicit answer (none is chosen for the physician), at least one
 * restriction, the limits of a clearance with restrictions, and who answered when staff record it.
 */
export function clearanceFormProblems(draft: ClearanceDraft, asPhysician: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.answer)
    problems.answer = 'Choose your answer: cleared, cleared with restrictions or not cleared';
  if (draft.ruleIds.length === 0)
    problems.ruleIds =
      draft.answer === 'not-cleared'
        ? 'Tick the restrictions your answer is about'
        : 'Tick at least one restriction the clearance lifts';
  if (draft.answer === 'cleared-with-limits' && !draft.limits.trim())
    problems.limits = 'Write the limits: which areas, techniques or pressure';
  if (!asPhysician && !draft.physicianName.trim()) problems.physicianName = 'Required: who gave the answer';
  return problems;
}

/** The recorded answer in a sentence, after the physician's name: what it did to the restrictions listed below. */
export function answerSummary(c: Pick<Clearance, 'answer' | 'clearedOn' | 'expiresOn' | 'limits'>): string {
  const until = c.expiresOn ? `, until ${formatDay(c.expiresOn)}` : '';
  if (c.answer === 'not-cleared')
    return `answered “not cleared” on ${formatDay(c.clearedOn)}; these restrictions stand:`;
  if (c.answer === 'cleared-with-limits')
    return `cleared with restrictions on ${formatDay(c.clearedOn)}${until} (${c.limits}), lifting:`;
  return `cleared on ${formatDay(c.clearedOn)}${until}, lifting:`;
}

type StandingAnswer = Pick<SafetyChart['flags'][number], 'clearanceLimits' | 'declined'>;

/** The physician's answer that decides a flag today, beside the flag: their limits, or their "not cleared". */
export function standingAnswerNote(flag: StandingAnswer): string | null {
  if (flag.declined) {
    const { physicianName, answeredOn, note } = flag.declined;
    return `Not cleared by ${physicianName} on ${formatDay(answeredOn)}${note ? `: ${note}` : ''}`;
  }
  return flag.clearanceLimits ? `Cleared with restrictions: ${flag.clearanceLimits}` : null;
}
