import { z } from 'zod';
import { TECHNIQUE_IDS } from '../../domain/catalog/techniques.ts';
import { questionnaireDraftsSchema } from '../../domain/outcomes/schemas.ts';
import { isoDateTime } from '../../platform/schemas.ts';
import { romMeasurement, romResult } from '../assessments/schemas.ts';
import { bodyChart, regionIdSchema } from '../clinical/body-chart.ts';
import { addendumView, amendmentView, draftPatchOf, person, signBody } from '../clinical/schemas.ts';
import { administration } from '../outcome-measures/schemas.ts';

const text = (max = 4000) => z.string().trim().max(max);
export const PRESSURES = ['light', 'moderate', 'firm', 'deep'] as const;
export const POSITIONS = [
  'prone',
  'supine',
  'side-lying-left',
  'side-lying-right',
  'seated',
  'semi-reclined',
] as const;
export const POSITION_LABELS: Readonly<Record<(typeof POSITIONS)[number], string>> = {
  prone: 'Prone',
  supine: 'Supine',
  'side-lying-left': 'Side-lying, left side down',
  'side-lying-right': 'Side-lying, right side down',
  seated: 'Seated',
  'semi-reclined': 'Semi-reclined',
};

/**
 * Pain medication since the last visit, as the patient reports it: less medication is evidence of functional
 * improvement that payers ask for (clinical reference §4.5, WA L&I).
 */
export const PAIN_MEDICATION = ['none', 'less', 'same', 'more'] as const;
export const PAIN_MEDICATION_LABELS: Record<(typeof PAIN_MEDICATION)[number], string> = {
  none: 'None taken',
  less: 'Less than before',
  same: 'About the same',
  more: 'More than before',
};

export const treatmentRow = z.strictObject({
  techniqueId: z.enum(TECHNIQUE_IDS),
  region: regionIdSchema,
  minutes: z.number().int().min(1).max(120),
  pressure: z.enum(PRESSURES).optional().describe('Not for hot/cold packs'),
});
export type TreatmentRow = z.infer<typeof treatmentRow>;

export const GOAL_PROGRESS = ['met', 'progressing', 'no-change', 'regressed'] as const;

/** Every field optional: drafts autosave section by section (fields sent replace the stored ones). */
export const noteContent = z.strictObject({
  subjective: z
    .strictObject({
      complaint: text(2000).optional(),
      painToday: z.number().int().min(0).max(10).optional(),
      changeSinceLastVisit: z.enum(['better', 'same', 'worse']).optional(),
      changeNote: text(2000).optional(),
      healthChanges: z
        .strictObject({
          changed: z.boolean(),
          rescreen: z.boolean().optional().describe('The health history must be re-screened'),
          healthHistoryVersionId: z.uuid().optional().describe('The health-history version that records it'),
          note: text(2000).optional(),
        })
        .optional(),
      pressurePreference: z.enum(PRESSURES).optional(),
      painMedication: z
        .enum(PAIN_MEDICATION)
        .optional()
        .describe('Pain medication since the last visit, as the patient reports it'),
    })
    .optional(),
  objective: z
    .strictObject({
      findings: text().optional(),
      bodyChart: bodyChart.optional(),
      rom: z.array(romMeasurement).max(80).optional(),
    })
    .optional(),
  treatment: z
    .strictObject({
      rows: z.array(treatmentRow).max(40).optional(),
      position: z.array(z.enum(POSITIONS)).max(6).optional(),
      hotCold: z.enum(['none', 'heat', 'cold', 'contrast']).optional(),
      hotColdNote: text(500).optional(),
      pressureFeedback: z.enum(['too-light', 'just-right', 'too-deep']).optional(),
      response: text(2000).optional().describe("The patient's response to treatment"),
    })
    .optional(),
  assessment: z
    .strictObject({
      goalProgress: z
        .array(
          z.strictObject({
            goalId: z.string().min(1).max(64),
            progress: z.enum(GOAL_PROGRESS),
            note: text(1000).optional(),
          }),
        )
        .max(20)
        .optional(),
      interpretation: text().optional(),
    })
    .optional(),
  plan: z
    .strictObject({
      nextFocus: text(2000).optional(),
      homeCareChanges: text(2000).optional(),
      referral: text(1000).optional().describe('Referral to another provider, if needed'),
      nextVisit: text(200).optional(),
    })
    .optional(),
  pain: z
    .strictObject({
      before: z.number().int().min(0).max(10).optional(),
      after: z.number().int().min(0).max(10).optional(),
    })
    .optional(),
  questionnaires: questionnaireDraftsSchema
    .optional()
    .describe(
      'Drafts only: outcome measures begun and not scored yet, with the answers so far (each checked against its instrument). Saved as a whole list; scoring one (POST …/outcomes with sessionNoteId) records it and takes it off. Never an administration: the note is not signed while any remains (422 unscored_questionnaire).',
    ),
});
export type NoteContent = z.infer<typeof noteContent>;

/** Anything written or chosen: text that is not blank, a number, a choice, a list with something in it. */
const documents = (value: unknown): boolean => {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.some(documents);
  if (value && typeof value === 'object') return Object.values(value).some(documents);
  return false;
};

/**
 * Why a note cannot be signed yet because it documents nothing (a signed record of a visit that says nothing
 * of it), or null. Questionnaires begun are not the visit's documentation. Same words on the server and the
 * editor.
 */
export function emptyNoteBlock(content: NoteContent): string | null {
  const { questionnaires: _begun, ...documentation } = content;
  return documents(documentation)
    ? null
    : 'The note is empty: write what the patient reported, what you found or the treatment given before signing.';
}

/** What a signed note can say: questionnaires not scored are a draft's only (signing refuses them). */
export const signedNoteContent = noteContent.omit({ questionnaires: true });

/** A draft's autosave: fields left out are kept, fields given replace the stored ones, `null` clears one. */
export const noteDraftPatch = draftPatchOf(noteContent);
export type NoteDraftPatch = z.infer<typeof noteDraftPatch>;

/** Fields "start from last note" copies; each stays marked carriedOver until confirmed. */
export const CARRY_OVER_FIELDS = [
  'subjective.pressurePreference',
  'objective.findings',
  'objective.bodyChart',
  'treatment.rows',
  'treatment.position',
  'treatment.hotCold',
  'plan.nextFocus',
  'plan.homeCareChanges',
] as const;

export const noteCreateQuery = z.object({
  from: z
    .enum(['blank', 'last', 'template'])
    .default('blank')
    .describe('last: copy from the patient’s last signed note, marking each copied field until confirmed'),
});

export const noteCreate = z.strictObject({
  appointmentId: z.uuid().optional().describe('The appointment this note documents'),
  planId: z.uuid().optional().describe("Default: the patient's current plan"),
  visitDate: z.iso.date().optional(),
  templateId: z.string().min(1).max(64).optional(),
  templateSide: z
    .enum(['left', 'right'])
    .optional()
    .describe('For one-sided templates (sciatica, carpal tunnel…)'),
  content: noteContent.optional(),
});

export const noteUpdate = z.strictObject({
  visitDate: z.iso.date().optional(),
  planId: z.uuid().nullable().optional(),
  content: noteDraftPatch
    .optional()
    .describe('Partial: fields sent replace the stored ones, `null` clears a field (drafts only)'),
  confirmCarriedOver: z
    .array(z.enum(CARRY_OVER_FIELDS))
    .optional()
    .describe('Carried-over fields the therapist checked and keeps as they are'),
});

/** The shortest and longest written reason for recording treatment the screening rules out. */
export const OVERRIDE_REASON_MIN = 15;
export const OVERRIDE_REASON_MAX = 1000;

/**
 * Treatment the patient's health rules out was really given (a fact learned after the visit, a physician's
 * verbal instruction before the written clearance): the therapist records it truthfully with a written reason.
 * Refused when nothing is ruled out.
 */
export const contraindicationOverrideInput = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(
        OVERRIDE_REASON_MIN,
        `Write at least ${OVERRIDE_REASON_MIN} characters: why this treatment was given`,
      )
      .max(OVERRIDE_REASON_MAX, `At most ${OVERRIDE_REASON_MAX} characters`),
  })
  .describe(
    'Only when the screening rules the treatment out and it was really given: why (a fact learned after the visit, a physician’s verbal instruction before the written clearance…). The record then says plainly it was given despite the contraindication.',
  );

export const noteSignBody = signBody.extend({
  contraindicationOverride: contraindicationOverrideInput.optional(),
});

export const noteAmendmentBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  changes: signedNoteContent.describe('The corrected fields only'),
  contraindicationOverride: contraindicationOverrideInput.optional(),
});

/** A finding the override set aside, as it stood when the therapist recorded the treatment. */
export const overriddenFinding = z.object({
  key: z.string(),
  ruleId: z.string(),
  subject: z.string(),
  restriction: z.string(),
  reason: z.string(),
  clearancePolicy: z.string(),
  rows: z.array(z.object({ techniqueId: z.string(), region: z.string(), pressure: z.string().nullable() })),
  hotCold: z.boolean().describe('It rules out the note’s Hot / cold'),
});

/** Given despite a contraindication: why, who recorded it, when, and the findings it set aside. */
export const contraindicationOverride = z.object({
  reason: z.string(),
  by: person,
  at: z.string(),
  findings: z.array(overriddenFinding),
  replacedBy: z
    .object({ amendmentId: z.string(), at: z.string() })
    .nullable()
    .describe(
      'The amendment that later corrected the treatment (its rows or Hot / cold): this override is about treatment the note no longer reads, kept as history. Null: it applies to the treatment as the note reads now',
    ),
});
export type ContraindicationOverride = z.infer<typeof contraindicationOverride>;

/** How every view of the record names treatment recorded over a contraindication. */
export const OVERRIDE_HEADING = 'Given despite a contraindication';

/** The findings an override set aside, in one line: "Blood clot (DVT) in the left calf: no massage of …". */
export const overriddenFindingsText = (findings: readonly { subject: string; restriction: string }[]) =>
  findings.map((f) => `${f.subject}: ${f.restriction}`).join('; ');

/** The override in one sentence, for a text or an export: what was set aside, and why. */
export const overrideSentence = (o: {
  reason: string;
  findings: readonly { subject: string; restriction: string }[];
}) => `${OVERRIDE_HEADING} (${overriddenFindingsText(o.findings)}). Reason: ${o.reason}`;

/** As safety's `declinedRef`, written out: the web app loads this file, and safety's schemas load its rules. */
const declinedRef = z
  .object({
    clearanceId: z.string(),
    physicianName: z.string(),
    answeredOn: z.string(),
    note: z.string().nullable(),
  })
  .nullable()
  .describe('The physician’s latest answer “not cleared” on this finding, when no later clearance covers it');

export const screeningSnapshot = z.object({
  onDate: z.string(),
  status: z.string(),
  blocked: z.boolean(),
  findings: z.array(
    z.object({
      key: z.string(),
      ruleId: z.string(),
      subject: z.string(),
      severity: z.string(),
      restriction: z.string(),
      blocking: z.boolean(),
      acknowledged: z.boolean(),
      // Kept with the note since these fields came in; a note screened before them answers its rule's.
      reason: z.string().describe('Why, in plain words'),
      clearancePolicy: z
        .enum(['required', 'may-override', 'not-overridable'])
        .describe('not-overridable: a physician clearance cannot lift it'),
      declined: declinedRef,
      rows: z
        .array(
          z.object({
            techniqueId: z.string(),
            region: z.string(),
            pressure: z.string().nullable(),
            blocked: z.boolean().describe('Ruled out on this row; false: care (a precaution) or cleared'),
          }),
        )
        .describe(
          'The treatment rows (technique, region, pressure) it touches; empty for a note screened before rows were named',
        ),
      hotCold: z
        .enum(['blocked', 'caution'])
        .optional()
        .describe(
          'How it meets the note’s Hot / cold, screened as hot-pack or cold-pack rows on the regions treated: ruled out, or care to take (absent: not at all)',
        ),
    }),
  ),
});

export const billing = z.object({
  totalMinutes: z.number(),
  timedMinutesByCpt: z.record(z.string(), z.number()),
  untimedCodes: z.array(z.string()),
  method: z.string(),
  totalTimedMinutes: z.number(),
  totalUnits: z.number(),
  unitsByCode: z.record(z.string(), z.number()),
  explanation: z.string(),
});

export const sessionNote = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  author: person,
  status: z.enum(['draft', 'signed']),
  visitDate: z.string(),
  content: noteContent.describe('As written (for a signed note: as signed)'),
  current: noteContent.describe('With amendments applied'),
  carriedOver: z
    .array(z.object({ field: z.string(), carriedOver: z.literal(true), fromNoteId: z.string().nullable() }))
    .describe(
      'Fields copied from the last note and not yet confirmed: the note cannot be signed while any remain',
    ),
  sourceNoteId: z.string().nullable(),
  templateId: z.string().nullable(),
  billing,
  rom: z.array(romResult),
  screening: screeningSnapshot.nullable(),
  outcomes: z.array(administration),
  amendments: z.array(
    amendmentView.extend({
      contraindicationOverride: contraindicationOverride
        .nullable()
        .describe('The corrected treatment was given despite a contraindication: why, who, when, what'),
    }),
  ),
  addenda: z.array(addendumView),
  contraindicationOverride: contraindicationOverride
    .nullable()
    .describe(
      'Signed although the screening ruled the treatment out: why, who, when and the findings set aside',
    ),
  signedAt: z.string().nullable(),
  signatureTypedName: z.string().nullable(),
  referralVisitId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const sessionNoteSummary = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  author: person,
  status: z.enum(['draft', 'signed']),
  visitDate: z.string(),
  totalMinutes: z.number(),
  painBefore: z.number().nullable(),
  painAfter: z.number().nullable(),
  signedAt: z.string().nullable(),
  amended: z.boolean(),
  overridden: z.boolean().describe('Given despite a contraindication (at signing or in an amendment)'),
  createdAt: z.string(),
});

export const noteTemplate = z.object({
  id: z.string(),
  name: z.string(),
  condition: z.string(),
  sided: z.boolean(),
  suggestedInstruments: z.array(z.string()),
  content: noteContent,
});
export const noteTemplateList = z.object({ items: z.array(noteTemplate) });

export const overrideListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  since: isoDateTime
    .optional()
    .describe(
      'Only those recorded at or after this instant (ISO-8601 with offset): signed, or amended, since then',
    ),
});

export const overrideListItem = z.object({
  patientId: z.string(),
  patientName: z.string(),
  noteId: z.string(),
  visitDate: z.string(),
  amendmentId: z
    .string()
    .nullable()
    .describe('The latest override of the note was recorded in this amendment; null: at signing'),
  override: contraindicationOverride.describe('The latest override of the note (of those listed)'),
  earlier: z
    .number()
    .int()
    .describe(
      'Overrides recorded on the note before this one, each replaced by a correction of the treatment (kept in the note)',
    ),
});
export const overrideList = z.object({ items: z.array(overrideListItem) });
