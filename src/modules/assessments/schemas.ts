import { z } from 'zod';
import { getRomNorm, JOINT_MOTIONS, type JointMotion, percentOfNormal } from '../../domain/outcomes/rom.ts';
import { questionnaireDraftsSchema } from '../../domain/outcomes/schemas.ts';
import { bodyChart, regionIdSchema } from '../clinical/body-chart.ts';
import { addendumView, amendmentView, draftPatchOf, person } from '../clinical/schemas.ts';
import { administration } from '../outcome-measures/schemas.ts';

export const ASSESSMENT_KINDS = ['initial', 're_evaluation', 'progress_report'] as const;
export const ASSESSMENT_KIND_LABELS = {
  initial: 'Initial evaluation',
  re_evaluation: 'Re-evaluation',
  progress_report: 'Progress report',
} as const satisfies Record<(typeof ASSESSMENT_KINDS)[number], string>;
const text = (max = 4000) => z.string().trim().max(max);
const LIMB_JOINTS = new Set(['shoulder', 'elbow', 'forearm', 'wrist', 'hip', 'knee', 'ankle']);

/** Whether a joint motion is measured per side (limbs; spinal lateral flexion and rotation). */
export const romNeedsSide = (jointMotion: JointMotion) =>
  LIMB_JOINTS.has(jointMotion.split('.')[0]!) || getRomNorm(jointMotion).perSide;

export const romMeasurement = z
  .strictObject({
    jointMotion: z.enum(JOINT_MOTIONS).describe('e.g. cervical.rotation, shoulder.flexion, tmj.opening'),
    side: z.enum(['left', 'right']).optional(),
    value: z.number().min(-90).max(360).describe('Degrees (TMJ opening: millimetres)'),
    note: text(280).optional(),
  })
  .superRefine((m, ctx) => {
    const needsSide = romNeedsSide(m.jointMotion);
    if (needsSide && !m.side)
      ctx.addIssue({ code: 'custom', path: ['side'], message: 'Say which side was measured' });
    if (!needsSide && m.side)
      ctx.addIssue({ code: 'custom', path: ['side'], message: 'This motion is not measured per side' });
    try {
      percentOfNormal(m.jointMotion, m.value);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Not a valid measurement for this motion' });
    }
  });
export type RomMeasurement = z.infer<typeof romMeasurement>;

export const romResult = z.object({
  jointMotion: z.string(),
  joint: z.string(),
  motion: z.string(),
  side: z.enum(['left', 'right']).nullable(),
  value: z.number(),
  unit: z.enum(['deg', 'mm']),
  normal: z.number(),
  normalSource: z.string(),
  sourceKey: z.string(),
  secondarySource: z.boolean(),
  percentOfNormal: z.number().nullable(),
  status: z.enum(['within-normal', 'limited', 'impaired']),
  rule: z.string(),
  note: z.string().nullable(),
});

export const palpation = z.strictObject({
  tone: z.enum(['hypotonic', 'normal', 'hypertonic', 'mixed']).optional(),
  tenderness: text(1000).optional(),
  temperature: z.enum(['cool', 'normal', 'warm', 'mixed']).optional(),
  texture: text(1000).optional(),
  triggerPoints: z
    .array(
      z.strictObject({
        region: regionIdSchema,
        muscle: text(120).optional(),
        referralPattern: text(500).describe('Where it refers pain, e.g. "temple and behind the eye"'),
        active: z.boolean().optional(),
      }),
    )
    .max(50)
    .optional(),
  notes: text().optional(),
});

/** Every field optional: drafts autosave piece by piece. */
export const assessmentContent = z.strictObject({
  chiefComplaint: text(2000).optional(),
  posture: text().optional(),
  gait: text().optional(),
  palpation: palpation.optional(),
  bodyChart: bodyChart.optional(),
  rom: z.array(romMeasurement).max(80).optional(),
  functionalLimitations: text().optional(),
  clinicalImpression: text().optional(),
  notes: text().optional(),
  questionnaires: questionnaireDraftsSchema
    .optional()
    .describe(
      'Drafts only: outcome measures begun and not scored yet, with the answers so far (each checked against its instrument). Saved as a whole list; scoring one (POST …/outcomes with assessmentId) records it and takes it off. Never an administration: the evaluation is not signed while any remains (422 unscored_questionnaire).',
    ),
});
export type AssessmentContent = z.infer<typeof assessmentContent>;

/** What a signed evaluation can say: questionnaires not scored are a draft's only (signing refuses them). */
export const signedAssessmentContent = assessmentContent.omit({ questionnaires: true });

/** A draft's autosave: fields left out are kept, fields given replace the stored ones, `null` clears one. */
export const assessmentDraftPatch = draftPatchOf(assessmentContent);
export type AssessmentDraftPatch = z.infer<typeof assessmentDraftPatch>;

export const assessmentCreate = z.strictObject({
  kind: z.enum(ASSESSMENT_KINDS),
  referralId: z.uuid().optional(),
  assessedOn: z.iso.date().optional(),
  content: assessmentContent.optional(),
});

export const assessmentUpdate = z.strictObject({
  referralId: z.uuid().nullable().optional(),
  assessedOn: z.iso.date().optional(),
  content: assessmentDraftPatch
    .optional()
    .describe('Partial: fields given replace the stored ones (palpation field by field), `null` clears one'),
});

export const amendmentBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  changes: signedAssessmentContent.describe('The corrected fields only'),
});

export const assessment = z.object({
  id: z.string(),
  patientId: z.string(),
  kind: z.enum(ASSESSMENT_KINDS),
  referralId: z.string().nullable(),
  status: z.enum(['draft', 'signed']),
  assessedOn: z.string(),
  author: person,
  content: assessmentContent.describe('As written (for a signed record: as signed)'),
  current: assessmentContent.describe('With amendments applied'),
  rom: z.array(romResult).describe('ROM of `current`, against the reference values'),
  outcomes: z.array(administration),
  amendments: z.array(amendmentView),
  addenda: z.array(addendumView),
  signedAt: z.string().nullable(),
  signatureTypedName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const assessmentSummary = assessment.pick({
  id: true,
  patientId: true,
  kind: true,
  referralId: true,
  status: true,
  assessedOn: true,
  author: true,
  signedAt: true,
  createdAt: true,
});
