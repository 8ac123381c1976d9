/**
 * Treatment given although the patient's health rules it out: the note is signed with a written reason, and
 * says so plainly wherever it is shown. What the editor offers, what it checks before sending, and the words the
 * note shows. No JSX.
 */
import {
  type ContraindicationOverride,
  contraindicationOverrideInput,
  OVERRIDE_HEADING,
  overriddenFindingsText,
} from '../../../../src/modules/session-notes/schemas.ts';

export { OVERRIDE_HEADING };

/** A finding as a refusal or a screening names it: enough to say what is ruled out. */
export interface RuledOutFinding {
  key: string;
  subject: string;
  restriction: string;
}

/** What is wrong with the reason typed, in the server's words, or null when it would be accepted. */
export function overrideReasonProblem(reason: string): string | null {
  const parsed = contraindicationOverrideInput.safeParse({ reason });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Write why this treatment was given');
}

/**
 * The findings of a refusal to sign that a written reason can record over (`contraindicated` with
 * `details.overridable`), or null for any other refusal.
 */
export function overridableFindings(err: unknown): RuledOutFinding[] | null {
  if (!err || typeof err !== 'object') return null;
  const { code, details } = err as { code?: unknown; details?: unknown };
  if (code !== 'contraindicated' || !details || typeof details !== 'object') return null;
  const d = details as { overridable?: unknown; findings?: unknown };
  if (d.overridable !== true || !Array.isArray(d.findings)) return null;
  return d.findings.filter(
    (f): f is RuledOutFinding =>
      Boolean(f) && typeof f.subject === 'string' && typeof f.restriction === 'string',
  );
}

/**
 * Whether the sign step offers "This treatment was given — record why": only when what is ruled out is the one
 * thing keeping the note from being signed (carried-over fields, an empty note and the like come first).
 */
export const offersOverride = (ruledOut: readonly RuledOutFinding[], otherBlock: string | null) =>
  ruledOut.length > 0 && otherBlock === null;

/** The findings a refusal named, else those of the last save's screening: one per key. */
export function ruledOutFindings(
  screening: readonly (RuledOutFinding & { blocking: boolean })[] | undefined,
  refused: readonly RuledOutFinding[] | null,
): RuledOutFinding[] {
  const list = refused?.length ? refused : (screening ?? []).filter((f) => f.blocking);
  return [...new Map(list.map((f) => [f.key, f])).values()];
}

/**
 * The note's override as read: the heading, what it set aside, why, who recorded it when, and (when the
 * treatment was corrected since) the correction that replaced it.
 */
export function overrideLines(
  o: ContraindicationOverride,
  when: (iso: string) => string,
): { heading: string; findings: string; reason: string; recorded: string; replaced: string | null } {
  return {
    heading: OVERRIDE_HEADING,
    findings: overriddenFindingsText(o.findings),
    reason: o.reason,
    recorded: `Recorded by ${o.by.name || 'a former member'}, ${when(o.at)}`,
    replaced: o.replacedBy ? `Replaced by the correction of ${when(o.replacedBy.at)}` : null,
  };
}

/** One override of a note, as the note lists it. */
export interface NoteOverrideItem {
  key: string;
  override: ContraindicationOverride;
  /** Recorded in an amendment (a correction of the treatment), not at signing. */
  amendment: boolean;
}

/**
 * A note's overrides, oldest first, in two lists: those that apply to the treatment as the note reads now (shown
 * plainly), and those whose treatment was corrected since (kept, shown as replaced).
 */
export function noteOverrides(note: {
  id: string;
  contraindicationOverride: ContraindicationOverride | null;
  amendments: readonly { id: string; contraindicationOverride: ContraindicationOverride | null }[];
}): { current: NoteOverrideItem[]; replaced: NoteOverrideItem[] } {
  const all: NoteOverrideItem[] = [
    ...(note.contraindicationOverride
      ? [{ key: note.id, override: note.contraindicationOverride, amendment: false }]
      : []),
    ...note.amendments.flatMap((a) =>
      a.contraindicationOverride
        ? [{ key: a.id, override: a.contraindicationOverride, amendment: true }]
        : [],
    ),
  ];
  return {
    current: all.filter((o) => !o.override.replacedBy),
    replaced: all.filter((o) => o.override.replacedBy),
  };
}
