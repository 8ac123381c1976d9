import { z } from 'zod';
import { isSiteId } from '../../domain/catalog/body-regions.ts';
import { TECHNIQUE_IDS } from '../../domain/catalog/techniques.ts';
import { JOINT_MOTIONS } from '../../domain/outcomes/rom-data.ts';
import { INSTRUMENT_IDS } from '../../domain/outcomes/types.ts';
import { person } from '../clinical/schemas.ts';
import { screeningResult } from '../safety/schemas.ts';
import { HOME_CARE_EXERCISE_IDS, SELF_CARE_ADVICE_IDS } from './home-care-library.ts';

// Messages are said to the therapist beside the field they concern (the form shows them by path).
const isoDate = z.iso.date({ error: 'Enter a date' });
const text = (max: number) => z.string().trim().min(1).max(max);
const score = z.number({ error: 'Enter a number' });
const between = (min: number, max: number) =>
  z
    .number({ error: 'Enter a number' })
    .int('Enter a whole number')
    .min(min, `Between ${min} and ${max}`)
    .max(max, `Between ${min} and ${max}`);
export const siteIdSchema = z
  .string()
  .refine(isSiteId, { message: 'Unknown body region or group id' })
  .describe('Body region id (calf-left) or group id (leg-left)');

const goalBase = {
  id: z.uuid().optional().describe('Kept across versions; assigned when absent'),
  dueDate: isoDate,
};
export const goalInput = z.discriminatedUnion('kind', [
  z.strictObject({
    ...goalBase,
    kind: z.literal('instrument'),
    instrumentId: z.enum(INSTRUMENT_IDS),
    baseline: score,
    target: score,
    description: text(500).optional(),
  }),
  z.strictObject({
    ...goalBase,
    kind: z.literal('rom'),
    jointMotion: z.enum(JOINT_MOTIONS),
    side: z.enum(['left', 'right']).optional(),
    baseline: score,
    target: score,
    description: text(500).optional(),
  }),
  z.strictObject({
    ...goalBase,
    kind: z.literal('functional'),
    patientWords: z
      .string()
      .trim()
      .min(1, 'Write the goal as the patient says it')
      .max(500)
      .describe("The goal in the patient's own words"),
  }),
]);
export type GoalInput = z.infer<typeof goalInput>;
export const goal = z.union([
  goalInput.options[0].extend({ id: z.string() }),
  goalInput.options[1].extend({ id: z.string() }),
  goalInput.options[2].extend({ id: z.string() }),
]);

export const homeCareInput = z.strictObject({
  exercises: z
    .array(
      z.strictObject({
        id: z.enum(HOME_CARE_EXERCISE_IDS),
        dosage: text(200).optional().describe('Overrides the library dosage'),
        note: text(500).optional(),
      }),
    )
    .max(20)
    .default([]),
  advice: z.array(z.enum(SELF_CARE_ADVICE_IDS)).max(20).default([]),
  notes: text(2000).optional(),
});

export const planInput = z.strictObject({
  referralId: z
    .uuid()
    .nullable()
    .optional()
    .describe(
      'The physician referral the plan answers. null (or absent): a self-referred, self-pay client — the plan has no diagnoses and needs no physician certification',
    ),
  diagnosisCodes: z
    .array(z.string().trim().min(3).max(10))
    .optional()
    .describe(
      "Codes of the referral's diagnoses this plan addresses (default: all; none without a referral)",
    ),
  problems: z.array(text(500)).min(1, 'Write at least one problem').max(20),
  goals: z.array(goalInput).min(1, 'Set at least one goal').max(20),
  techniques: z.array(z.enum(TECHNIQUE_IDS)).min(1, 'Choose at least one technique').max(20),
  regions: z.array(siteIdSchema).min(1, 'Choose at least one body region').max(40),
  frequencyPerWeek: between(1, 7),
  durationWeeks: between(1, 52),
  plannedVisits: between(1, 365),
  sessionMinutes: between(30, 90),
  homeCare: homeCareInput.default({ exercises: [], advice: [] }),
  startDate: isoDate,
  reEvaluationDate: isoDate,
  acknowledgedPrecautions: z
    .array(z.string().min(1).max(300))
    .max(50)
    .default([])
    .describe('Keys of the precaution findings the therapist acknowledges (from the 422 details)'),
  changeReason: text(1000).optional().describe('Why the plan changed (for a new version)'),
});
export type PlanInput = z.infer<typeof planInput>;

export const homeCareView = z.object({
  exercises: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      instructions: z.string(),
      dosage: z.string(),
      cautions: z.string(),
      note: z.string().nullable(),
    }),
  ),
  advice: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
  notes: z.string().nullable(),
});

const acknowledged = z.object({
  key: z.string(),
  ruleId: z.string(),
  subject: z.string(),
  restriction: z.string(),
  acknowledgedBy: z.string(),
  acknowledgedAt: z.string(),
});

export const planVersion = z.object({
  version: z.number(),
  diagnoses: z.array(
    z.object({ code: z.string(), description: z.string(), laterality: z.string().nullable() }),
  ),
  problems: z.array(z.string()),
  goals: z.array(goal),
  techniques: z.array(z.string()),
  regions: z.array(z.string()),
  frequencyPerWeek: z.number(),
  durationWeeks: z.number(),
  plannedVisits: z.number(),
  sessionMinutes: z.number(),
  homeCare: homeCareView,
  startDate: z.string(),
  endDate: z.string(),
  reEvaluationDate: z.string(),
  screening: z.object({
    onDate: z.string(),
    status: z.string(),
    findingKeys: z.array(z.string()),
    clearanceIds: z.array(z.string()),
  }),
  precautionsAcknowledged: z.array(acknowledged),
  changeReason: z.string().nullable(),
  createdBy: person,
  createdAt: z.string(),
  signature: z
    .object({
      physician: person,
      typedName: z.string(),
      signedAt: z.string(),
      hash: z.string(),
    })
    .nullable(),
});

/** A physician's answer "changes needed" to a plan version, still open: no newer version, no signature since. */
export const changeRequest = z.object({
  id: z.string(),
  version: z.number(),
  physician: person,
  reason: z.string(),
  requestedAt: z.string(),
});

export const certification = z.object({
  signedVersion: z.number().nullable(),
  signedAt: z.string().nullable(),
  certificationDueOn: z.string().nullable().describe('30 days from the start while unsigned'),
  certified: z.boolean(),
  recertificationDueOn: z
    .string()
    .nullable()
    .describe(
      '90 days after the signature, or now when the plan changed; null while unsigned, when the plan ends on or before that day (care beyond it is a new plan to certify) or once the patient is discharged',
    ),
  recertificationReason: z.enum(['90-days', 'plan-changed']).nullable(),
  dischargedOn: z
    .string()
    .nullable()
    .describe(
      'The end of the signed discharge summary that closed this plan: no certification or recertification is asked any more',
    ),
});

export const plan = z.object({
  id: z.string(),
  patientId: z.string(),
  referralId: z.string().nullable().describe('null: a self-referred plan'),
  selfReferred: z
    .boolean()
    .describe('The client came without a physician referral: no diagnoses, no physician certification'),
  currentVersion: z.number(),
  current: planVersion,
  versions: z.array(
    z.object({ version: z.number(), createdAt: z.string(), changeReason: z.string().nullable() }),
  ),
  certification: certification
    .nullable()
    .describe('null: a self-referred plan needs no physician certification'),
  signatureWanted: z
    .boolean()
    .describe(
      'The physician may sign now: never certified, changed since, or 90-day recertification near (never for a self-referred plan or a discharged patient)',
    ),
  changesRequested: z
    .array(changeRequest)
    .describe(
      'Physicians’ answers "changes needed" to the current version, newest first; a new version, or their signature of this one, closes them',
    ),
  createdAt: z.string(),
});

export const patientPlan = z.object({
  id: z.string(),
  audience: z.literal('patient'),
  goals: z.array(goal),
  frequencyPerWeek: z.number(),
  durationWeeks: z.number(),
  sessionMinutes: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  reEvaluationDate: z.string(),
  techniques: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  homeCare: homeCareView,
});

export const planResponse = z.union([plan, patientPlan]);

/** Which draft: of a new plan (no `planId`), or of a new version of plan `planId`. */
export const planDraftQuery = z.object({ planId: z.uuid().optional() });

const DRAFT_MAX_CHARS = 100_000;
export const planDraftBody = z.strictObject({
  planId: z.uuid().optional(),
  content: z
    .record(z.string(), z.unknown())
    .refine((c) => JSON.stringify(c).length <= DRAFT_MAX_CHARS, 'A draft holds at most 100,000 characters')
    .describe('The plan form as it stands, complete or not (checked in full when the plan is saved)'),
});

export const planDraft = z.object({
  planId: z.uuid().nullable().describe('null: a draft of a new plan'),
  content: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export const planDrafts = z.object({ items: z.array(planDraft) });

export const signatureBody = z.strictObject({
  typedName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe(
      'The physician types their name as on their account to sign (case, accents, punctuation, spacing, titles such as Dr and credentials such as MD aside)',
    ),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The version read (default: current); must be current'),
});

export const PLAN_CHANGE_REASON_MAX = 2000;
export const changeRequestBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'Say what needs to change, and why')
    .max(PLAN_CHANGE_REASON_MAX, `At most ${PLAN_CHANGE_REASON_MAX} characters`)
    .describe('What needs to change in the plan, and why, in plain text: the therapist reads it as written'),
  version: z.number().int().min(1).describe('The version read; must be current'),
});

export const homeCareLibrary = z.object({
  exercises: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      areas: z.array(z.string()),
      instructions: z.string(),
      dosage: z.string(),
      cautions: z.string(),
    }),
  ),
  advice: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
});

/** A plan whose current version awaits the physician's signature, for the physician portal. */
export const planToSign = z.object({
  planId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  version: z.number(),
  reason: z
    .enum(['certification', 'plan-changed', '90-days'])
    .describe(
      'certification: never signed; plan-changed: changed since it was signed; 90-days: periodic recertification',
    ),
  dueOn: z.string().nullable(),
});

export const patientHomeCare = z.object({ planId: z.string().nullable(), homeCare: homeCareView.nullable() });

/** The current version screened today, with its home-care heat and cold screened as hot or cold packs. */
export const planScreening = screeningResult.extend({
  homeCare: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        blocked: z.boolean().describe('The patient’s health rules it out, with no clearance on file'),
        findings: z.array(
          z.object({
            key: z.string(),
            subject: z.string(),
            restriction: z.string(),
            reason: z.string(),
            blocking: z.boolean(),
            acknowledged: z.boolean(),
            clearancePolicy: z.enum(['required', 'may-override', 'not-overridable']),
          }),
        ),
      }),
    )
    .describe('Home-care advice that applies heat or cold, screened on the plan’s regions'),
});
