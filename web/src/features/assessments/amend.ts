import { getRomNorm, type JointMotion } from '../../../../src/domain/outcomes/rom.ts';
import { BODY_FINDING_LABELS, type BodyChartFinding } from '../../../../src/modules/clinical/body-chart.ts';
import {
  PAIN_MEDICATION_LABELS,
  POSITION_LABELS,
  type TreatmentRow,
} from '../../../../src/modules/session-notes/schemas.ts';
import { NOTE_LABELS } from '../session-notes/fields.ts';
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

export type AmendableField =
  | {
      path: string;
      label: string;
      type: 'text' | 'number' | 'treatment-rows' | 'body-chart' | 'rom-rows' | 'trigger-points';
    }
  /** One value of `options` (`choices`: any number of them). */
  | { path: string; label: string; type: 'choice' | 'choices'; options: Options };

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
  type: 'text' | 'number' | 'treatment-rows' | 'body-chart' | 'rom-rows',
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

/**
 * What of a signed note can be corrected: every field it documents, in SOAP order. Not here: health changes
 * (a change is recorded in the health history, which the screening reads) and progress per goal (rated against
 * the plan's goals in the note editor).
 */
export const AMENDABLE_NOTE_FIELDS: AmendableField[] = [
  noteField('subjective.complaint', 'text'),
  noteField('subjective.painToday', 'number'),
  noteChoice('subjective.changeSinceLastVisit', CHANGE_LABELS),
  noteField('subjective.changeNote', 'text'),
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
  noteField('assessment.interpretation', 'text'),
  noteField('plan.nextFocus', 'text'),
  noteField('plan.homeCareChanges', 'text'),
  noteField('plan.referral', 'text'),
  noteField('plan.nextVisit', 'text'),
  noteField('pain.before', 'number'),
  noteField('pain.after', 'number'),
];

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

/** What the amendment form holds while a field is corrected: one part per kind of control. */
export interface AmendDraft {
  text: string;
  choices: string[];
  rows: RowDraft[];
  findings: BodyChartFinding[];
  rom: RomRow[];
  triggerPoints: TriggerPointRow[];
}

/** The form's starting point for a field: the value the record holds now. */
export function draftOf(field: AmendableField | undefined, value: unknown): AmendDraft {
  const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : undefined);
  const draft: AmendDraft = { text: '', choices: [], rows: [], findings: [], rom: [], triggerPoints: [] };
  switch (field?.type) {
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

const incompleteRows = (count: number) =>
  count ? { problem: `Complete or remove the ${count} incomplete row${count > 1 ? 's' : ''} first.` } : null;

/**
 * The corrected value an amendment form holds, or what is wrong with it (said next to the field). An
 * amendment corrects a value: an emptied number would be sent as 0, and an incomplete row (treatment,
 * measurement, trigger point) would be dropped (changing the minutes billed or the findings), so both are
 * refused here.
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
