import type { DayFlags } from '../../../../src/modules/safety/schemas.ts';
import { SEVERITY } from '../patients/severity.ts';

/** One patient of the therapist's day and their safety flags (GET /safety/flags). */
export type DayPatientFlags = DayFlags['items'][number];
type DayFlag = DayPatientFlags['flags'][number];

/**
 * What "Your day" shows beside a session: a badge (words and colour of the worst flag, or a warning that the
 * patient was never screened), or a quiet line.
 */
export type DaySafety =
  | { kind: 'flags' | 'unscreened'; tone: string; text: string; flags: string[] }
  | { kind: 'none'; text: string };

/** The mark of a patient with no health history on file: not a clear patient, an unscreened one. */
export const UNSCREENED: DaySafety = {
  kind: 'unscreened',
  tone: 'warning',
  text: 'No health history — not screened',
  flags: [
    'No health history on file, so nothing was screened for safety: ask about their health before treating.',
  ],
};

const rank = (f: DayFlag) => SEVERITY[f.severity]?.rank ?? 9;

/** The flags most serious first, as the chart's safety strip lists them (ties keep the server's order). */
export function bySeverity(flags: readonly DayFlag[]): DayFlag[] {
  return [...flags].sort((a, b) => rank(a) - rank(b));
}

/** The words of a flag's severity, saying where a clearance stands when it is about one. */
function severityWords(flag: DayFlag): string {
  if (flag.severity === 'clearance') {
    if (flag.clearance === 'on-file') return 'Clearance on file';
    if (flag.clearance === 'not-cleared') return 'Not cleared by the physician';
    return 'Clearance needed';
  }
  return SEVERITY[flag.severity]?.label ?? flag.severity;
}

/** One line per flag, for the badge's longer description: "Defer treatment: Fever — no massage today." */
export function flagLine(flag: DayFlag): string {
  const restriction = flag.restriction.replace(/[.\s]+$/, '');
  const limits = flag.clearanceLimits
    ? ` (cleared with limits: ${flag.clearanceLimits.replace(/[.\s]+$/, '')})`
    : '';
  return `${severityWords(flag)}: ${flag.subject} — ${restriction}${limits}.`;
}

/**
 * The safety mark of a patient on the therapist's day, from the worst flag: "Defer treatment: Fever",
 * "Clearance needed: Recent surgery · 1 more flag", "2 precautions"; "No safety flags" when the health history
 * limits nothing. Without a submitted health history, a warning "No health history — not screened": nothing could
 * be screened, which must not look like "No safety flags". Nothing (null) for a patient the list does not hold
 * (the flags not loaded yet).
 */
export function daySafety(patient: DayPatientFlags | undefined): DaySafety | null {
  if (!patient) return null;
  if (!patient.hasHealthHistory) return UNSCREENED;
  if (patient.flags.length === 0) return { kind: 'none', text: 'No safety flags' };
  const flags = bySeverity(patient.flags);
  const worst = flags[0]!;
  const tone = SEVERITY[worst.severity]?.tone ?? 'info';
  const lines = flags.map(flagLine);
  if (worst.severity === 'precaution' && flags.length > 1)
    return { kind: 'flags', tone, text: `${flags.length} precautions`, flags: lines };
  const more = flags.length - 1;
  const rest = more === 0 ? '' : ` · ${more} more ${more === 1 ? 'flag' : 'flags'}`;
  return { kind: 'flags', tone, text: `${severityWords(worst)}: ${worst.subject}${rest}`, flags: lines };
}
