import { getRomNorm, type JointMotion } from '../../../../src/domain/outcomes/rom.ts';
import { BODY_FINDING_LABELS, type BodyChartFinding } from '../../../../src/modules/clinical/body-chart.ts';
import {
  PAIN_MEDICATION_LABELS,
  POSITION_LABELS,
  type TreatmentRow,
} from '../../../../src/modules/session-notes/schemas.ts';
import { GOAL_PROGRESS_LABELS, NOTE_LABELS } from '../session-notes/fields.ts';
import { overridableFindings, type RuledOutFinding } from '../session-notes/override.ts';
import { type RowDraft, rowDraftsOf, rowProblem, validRows } from '../session-notes/rows.ts';
import { motionLabel, type RomRow, romProblem, romRowsOf, validRom } from './rom-rows.ts';
import {
  regionLabel,
  type TriggerPoint,
  type TriggerPointRow,
  triggerPointRowsOf,
  validTriggerPoints,
} from './trigger-point-rows.ts';

/** Values and their words, in the order offered. */
type Options = Readonly<Record<string, string>>;

/** A goal of the note's plan as the amendment form offers it: its id and its words. */
export interface GoalChoice {
  id: string;
  text: string;
}

export type AmendableField =
  | {
      path: string;
      label: string;
      type:
        | 'text'
        | 'number'
        | 'treatment-rows'
        | 'body-chart'
        | 'rom-rows'
        | 'trigger-points'
        | 'health-changes';
    }
  /** One value of `options` (`choices`: any number of them). */
  | { path: string; label: string; type: 'choice' | 'choices'; options: Options }
  /** Progress on each of `goals` (the note's plan's, in its order). */
  | { path: string; label: string; type: 'goal-progress'; goals: readonly GoalChoice[] };

export const HOT_COLD_LABELS: Options = { none: 'None', heat: 'Heat', cold: 'Cold', contrast: 'Contrast' };
export const PRESSURE_LABELS: Options = { light: 'Light', moderate: 'Moderate', firm: 'Firm', deep: 'Deep' };
export const CHANGE_LABELS: Options = { better: 'Better', same: 'Same', worse: 'Worse' };
export const PRESSURE_FEEDBACK_LABELS: Options = {
  'too-light': 'Too light',
  'just-right': 'Just right',
  'too-deep': 'Too deep',
};
export const TONE_LABELS: Options = {
  hypotonic: 'Hypotonic',
  normal: 'Normal',
  hypertonic: 'Hypertonic',
  mixed: 'Mixed',
};
export const TEMPERATURE_LABELS: Options = { cool: 'Cool', normal: 'Normal', warm: 'Warm', mixed: 'Mixed' };

const noteField = (
  path: string,
  type: 'text' | 'number' | 'treatment-rows' | 'body-chart' | 'rom-rows' | 'health-changes',
): AmendableField => ({ path, label: NOTE_LABELS[path] ?? path, type });
const noteChoice = (
  path: string,
  options: Options,
  type: 'choice' | 'choices' = 'choice',
): AmendableField => ({
  path,
  label: NOTE_LABELS[path] ?? path,
  type,
  options,
});

const GOAL_PROGRESS_PATH = 'assessment.goalProgress';

/**
 * What of a signed note can be corrected: every field it documents, in SOAP order. Health changes are corrected
 * in what the note says (yes or no, what changed); the health history itself, which the screening reads, is
 * updated on its own page. Progress per goal rates the goals of the note's plan: offered through
 * `amendableNoteFields` once the plan's goals are known, and only when the note has a plan.
 */
export const AMENDABLE_NOTE_FIELDS: AmendableField[] = [
  noteField('subjective.complaint', 'text'),
  noteField('subjective.painToday', 'number'),
  noteChoice('subjective.changeSinceLastVisit', CHANGE_LABELS),
  noteField('subjective.changeNote', 'text'),
  noteField('subjective.healthChanges', 'health-changes'),
  noteChoice('subjective.pressurePreference', PRESSURE_LABELS),
  noteChoice('subjective.painMedication', PAIN_MEDICATION_LABELS),
  noteField('objective.findings', 'text'),
  noteField('objective.bodyChart', 'body-chart'),
  noteField('objective.rom', 'rom-rows'),
  noteField('treatment.rows', 'treatment-rows'),
  noteChoice('treatment.position', POSITION_LABELS, 'choices'),
  noteChoice('treatment.hotCold', HOT_COLD_LABELS),
  noteField('treatment.hotColdNote', 'text'),
  noteChoice('treatment.pressureFeedback', PRESSURE_FEEDBACK_LABELS),
  noteField('treatment.response', 'text'),
  {
    path: GOAL_PROGRESS_PATH,
    label: NOTE_LABELS[GOAL_PROGRESS_PATH] ?? GOAL_PROGRESS_PATH,
    type: 'goal-progress',
    goals: [],
  },
  noteField('assessment.interpretation', 'text'),
  noteField('plan.nextFocus', 'text'),
  noteField('plan.homeCareChanges', 'text'),
  noteField('plan.referral', 'text'),
  noteField('plan.nextVisit', 'text'),
  noteField('pain.before', 'number'),
  noteField('pain.after', 'number'),
];

/**
 * The fields of a signed note the form offers: progress per goal only with the goals of the note's plan (`null`:
 * no plan, or its goals not known yet), each in its words.
 */
export function amendableNoteFields(goals: readonly GoalChoice[] | null): AmendableField[] {
  return AMENDABLE_NOTE_FIELDS.flatMap((f): AmendableField[] =>
    f.type !== 'goal-progress' ? [f] : goals ? [{ ...f, goals }] : [],
  );
}

/** An evaluation's text fields (its editor and read-only view list them too). */
export const ASSESSMENT_TEXT_FIELDS = [
  'chiefComplaint',
  'posture',
  'gait',
  'functionalLimitations',
  'clinicalImpression',
  'notes',
] as const;

export const ASSESSMENT_LABELS: Record<string, string> = {
  chiefComplaint: 'Chief complaint',
  posture: 'Posture',
  gait: 'Gait',
  functionalLimitations: 'Functional limitations',
  clinicalImpression: 'Clinical impression',
  notes: 'Notes',
  'palpation.tone': 'Palpation: tone',
  'palpation.tenderness': 'Palpation: tenderness',
  'palpation.temperature': 'Palpation: temperature',
  'palpation.texture': 'Palpation: texture',
  'palpation.triggerPoints': 'Palpation: trigger points',
  'palpation.notes': 'Palpation: notes',
  bodyChart: 'Body chart',
  rom: 'Range of motion',
};

const label = (path: string) => ASSESSMENT_LABELS[path] ?? path;

/** What of a signed evaluation can be corrected: every field it documents. */
export const AMENDABLE_ASSESSMENT_FIELDS: AmendableField[] = [
  ...ASSESSMENT_TEXT_FIELDS.map((path) => ({ path, label: label(path), type: 'text' as const })),
  { path: 'palpation.tone', label: label('palpation.tone'), type: 'choice', options: TONE_LABELS },
  { path: 'palpation.tenderness', label: label('palpation.tenderness'), type: 'text' },
  {
    path: 'palpation.temperature',
    label: label('palpation.temperature'),
    type: 'choice',
    options: TEMPERATURE_LABELS,
  },
  { path: 'palpation.texture', label: label('palpation.texture'), type: 'text' },
  { path: 'palpation.triggerPoints', label: label('palpation.triggerPoints'), type: 'trigger-points' },
  { path: 'palpation.notes', label: label('palpation.notes'), type: 'text' },
  { path: 'bodyChart', label: label('bodyChart'), type: 'body-chart' },
  { path: 'rom', label: label('rom'), type: 'rom-rows' },
];

/** One goal's progress as the form holds it: `progress` '' is not rated. */
export interface GoalProgressRow {
  goalId: string;
  /** The goal in words. */
  text: string;
  progress: string;
  note: string;
}

/** The health-changes note as the form holds it: `changed` '' until yes or no is chosen. */
export interface HealthChangesDraft {
  changed: '' | 'yes' | 'no';
  note: string;
}

type GoalProgressEntry = { goalId: string; progress: string; note?: string };

/** What the amendment form holds while a field is corrected: one part per kind of control. */
export interface AmendDraft {
  text: string;
  choices: string[];
  rows: RowDraft[];
  findings: BodyChartFinding[];
  rom: RomRow[];
  triggerPoints: TriggerPointRow[];
  goals: GoalProgressRow[];
  health: HealthChangesDraft;
  /** The value the form started from: what a correction is merged into or compared with. */
  base: unknown;
}

/** A goal the note rates that the plan no longer has (goal ids stay across plan versions). */
export const GOAL_NOT_IN_PLAN = 'A goal no longer in the plan';

/** The form's starting point for a field: the value the record holds now. */
export function draftOf(field: AmendableField | undefined, value: unknown): AmendDraft {
  const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : undefined);
  const draft: AmendDraft = {
    text: '',
    choices: [],
    rows: [],
    findings: [],
    rom: [],
    triggerPoints: [],
    goals: [],
    health: { changed: '', note: '' },
    base: value,
  };
  switch (field?.type) {
    case 'goal-progress': {
      // Every goal of the plan, rated as the note says now; then any goal it rates that the plan has dropped.
      const rated = list<GoalProgressEntry>(value) ?? [];
      const row = (goalId: string, text: string): GoalProgressRow => {
        const entry = rated.find((r) => r.goalId === goalId);
        return { goalId, text, progress: entry?.progress ?? '', note: entry?.note ?? '' };
      };
      const inPlan = new Set(field.goals.map((g) => g.id));
      return {
        ...draft,
        goals: [
          ...field.goals.map((g) => row(g.id, g.text)),
          ...rated.filter((r) => !inPlan.has(r.goalId)).map((r) => row(r.goalId, GOAL_NOT_IN_PLAN)),
        ],
      };
    }
    case 'health-changes': {
      const h = isRecord(value) ? value : null;
      return {
        ...draft,
        health: {
          changed: typeof h?.changed === 'boolean' ? (h.changed ? 'yes' : 'no') : '',
          note: typeof h?.note === 'string' ? h.note : '',
        },
      };
    }
    case 'choices':
      return { ...draft, choices: list<string>(value) ?? [] };
    case 'treatment-rows':
      return { ...draft, rows: rowDraftsOf(list<TreatmentRow>(value)) };
    case 'body-chart':
      return { ...draft, findings: list<BodyChartFinding>(value) ?? [] };
    case 'rom-rows':
      return { ...draft, rom: romRowsOf(list(value)) };
    case 'trigger-points':
      return { ...draft, triggerPoints: triggerPointRowsOf(list<TriggerPoint>(value)) };
    default:
      return { ...draft, text: value === undefined || value === null ? '' : String(value) };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The same ratings, whatever their order (the editor keeps the last one rated last). */
const sameRatings = (a: readonly GoalProgressEntry[], b: unknown) => {
  if (!Array.isArray(b) || a.length !== b.length) return false;
  const key = (e: GoalProgressEntry) => JSON.stringify([e.goalId, e.progress, e.note ?? '']);
  const theirs = new Set((b as GoalProgressEntry[]).map(key));
  return a.every((e) => theirs.has(key(e)));
};

const incompleteRows = (count: number) =>
  count ? { problem: `Complete or remove the ${count} incomplete row${count > 1 ? 's' : ''} first.` } : null;

/**
 * The corrected value an amendment form holds, or what is wrong with it (said next to the field). An
 * amendment corrects a value: an emptied number would be sent as 0, and an incomplete row (treatment,
 * measurement, trigger point) would be dropped (changing the minutes billed or the findings), so both are
 * refused here. Health changes are merged into what the note holds (the health-history version it links and
 * whether a re-screening was asked stay as they are); progress rated as before, in another order, is sent as it
 * was (so it reads as no change).
 */
export function correctedValue(
  field: AmendableField,
  draft: AmendDraft,
): { value: unknown } | { problem: string } {
  switch (field.type) {
    case 'number': {
      const trimmed = draft.text.trim();
      if (trimmed === '')
        return { problem: 'Enter the corrected number: an amendment cannot leave it empty.' };
      const value = Number(trimmed);
      return Number.isInteger(value) ? { value } : { problem: 'Enter a whole number.' };
    }
    case 'choice':
      return draft.text in field.options ? { value: draft.text } : { problem: 'Choose the corrected value.' };
    case 'choices':
      // In the order offered, whatever the order of ticking.
      return { value: Object.keys(field.options).filter((o) => draft.choices.includes(o)) };
    case 'treatment-rows':
      return (
        incompleteRows(draft.rows.filter((r) => rowProblem(r)).length) ?? { value: validRows(draft.rows) }
      );
    case 'body-chart':
      return { value: draft.findings };
    case 'rom-rows':
      return incompleteRows(draft.rom.filter((r) => romProblem(r)).length) ?? { value: validRom(draft.rom) };
    case 'trigger-points':
      return (
        incompleteRows(draft.triggerPoints.filter((r) => !r.region).length) ?? {
          value: validTriggerPoints(draft.triggerPoints),
        }
      );
    case 'goal-progress': {
      const unrated = draft.goals.findIndex((g) => !g.progress && g.note.trim());
      if (unrated >= 0) return { problem: `Choose the progress on goal ${unrated + 1}, or clear its note.` };
      const value: GoalProgressEntry[] = draft.goals
        .filter((g) => g.progress)
        .map((g) => ({
          goalId: g.goalId,
          progress: g.progress,
          ...(g.note.trim() ? { note: g.note.trim() } : {}),
        }));
      return { value: sameRatings(value, draft.base) ? draft.base : value };
    }
    case 'health-changes': {
      if (!draft.health.changed) return { problem: 'Choose yes or no.' };
      const { note: _was, ...kept } = isRecord(draft.base) ? draft.base : {};
      const note = draft.health.note.trim();
      return { value: { ...kept, changed: draft.health.changed === 'yes', ...(note ? { note } : {}) } };
    }
    default:
      return { value: draft.text };
  }
}

/** The `changes` body of an amendment: the corrected value at its place in the record. */
export function amendmentChanges(path: string, value: unknown): Record<string, unknown> {
  const [head, sub] = path.split('.') as [string, string | undefined];
  return sub ? { [head]: { [sub]: value } } : { [head]: value };
}

/**
 * A field's value in words (choices by their labels, lists one item each), for the amendments and the read-only
 * view; null for a field whose value reads as it is.
 */
export function valueText(field: AmendableField | undefined, value: unknown): string | null {
  if (value === undefined || value === null || !field) return null;
  const items = Array.isArray(value) ? value : null;
  switch (field.type) {
    case 'choice':
      return field.options[String(value)] ?? String(value);
    case 'health-changes': {
      if (!isRecord(value)) return null;
      const note = typeof value.note === 'string' && value.note.trim() ? value.note.trim() : '';
      return value.changed ? `Yes${note ? `: ${note}` : ''}` : `No${note ? ` (${note})` : ''}`;
    }
    case 'goal-progress':
      return items
        ? items.length
          ? (items as GoalProgressEntry[])
              .map(
                (r) =>
                  `${field.goals.find((g) => g.id === r.goalId)?.text ?? (field.goals.length ? GOAL_NOT_IN_PLAN : 'A goal of the plan')}: ${GOAL_PROGRESS_LABELS[r.progress] ?? r.progress}${r.note ? ` (${r.note})` : ''}`,
              )
              .join('; ')
          : 'No goal rated'
        : null;
    case 'choices':
      return items
        ? items.length
          ? items.map((v) => field.options[v] ?? String(v)).join(', ')
          : 'None'
        : null;
    case 'body-chart':
      return items
        ? items.length
          ? (items as BodyChartFinding[])
              .map(
                (f) =>
                  `${BODY_FINDING_LABELS[f.kind] ?? f.kind}${f.intensity === undefined ? '' : ` ${f.intensity}/10`}, ${regionLabel(f.region)}${f.note ? ` (${f.note})` : ''}`,
              )
              .join('; ')
          : 'No findings'
        : null;
    case 'rom-rows':
      return items
        ? items.length
          ? (items as { jointMotion: JointMotion; side?: string; value: number }[])
              .map(
                (m) =>
                  `${motionLabel(m.jointMotion)}${m.side ? `, ${m.side}` : ''}: ${m.value}${getRomNorm(m.jointMotion).unit === 'mm' ? ' mm' : '°'}`,
              )
              .join('; ')
          : 'No measurements'
        : null;
    case 'trigger-points':
      return items
        ? items.length
          ? (items as TriggerPoint[])
              .map(
                (p) =>
                  `${regionLabel(p.region)}${p.muscle ? `, ${p.muscle}` : ''}${p.active === undefined ? '' : p.active ? ', active' : ', latent'}`,
              )
              .join('; ')
          : 'None'
        : null;
    default:
      return null;
  }
}

/** The text as a sentence: a full stop added unless it already ends one. */
const sentence = (text: string) => {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/**
 * What the form says of a refused amendment: the refusal in sentences and, when the form can record treatment
 * given despite a contraindication (`canOverride`, notes only) and the refusal allows it, the findings that rule
 * the corrected treatment out (listed beside the reason box, so not repeated in the text).
 */
export function amendRefusal(
  refusal: Parameters<typeof amendRefusalText>[0],
  canOverride: boolean,
): { text: string; ruledOut: RuledOutFinding[] | null } {
  const ruledOut = canOverride ? overridableFindings(refusal) : null;
  if (!ruledOut?.length) return { text: amendRefusalText(refusal), ruledOut: null };
  return {
    text: sentence(refusal.message),
    ruledOut: [...new Map(ruledOut.map((f) => [f.key ?? `${f.subject}|${f.restriction}`, f])).values()],
  };
}

/**
 * The server's refusal of an amendment in sentences: its message, then what it names (the findings that rule
 * the corrected treatment out, or the field problem), each a sentence of its own.
 */
export function amendRefusalText(refusal: {
  code: string;
  message: string;
  details?: unknown;
  fieldIssues: readonly { path: string; message: string }[];
}): string {
  const findings = (refusal.details as { findings?: { subject: string; restriction: string }[] } | undefined)
    ?.findings;
  const more =
    refusal.code === 'contraindicated' && findings?.length
      ? findings.map((f) => `${f.subject}: ${f.restriction}`)
      : refusal.fieldIssues.slice(0, 1).map((i) => i.message);
  return [refusal.message, ...more].map(sentence).join(' ');
}
