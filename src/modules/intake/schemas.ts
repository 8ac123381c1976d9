/**
 * Zod schemas of the intake capability, shared with the web app (no server imports here).
 * The answer schemas are DERIVED from the questionnaire definition: one schema per question kind, keyed by
 * question id; `required` marks and kind-specific completeness checks apply in `complete` mode (submit).
 */
import { z } from 'zod';
import {
  BODY_REGIONS,
  REGION_GROUP_IDS,
  type RegionId,
  type SiteId,
} from '../../domain/catalog/body-regions.ts';
import type { ConditionCode } from '../../domain/safety/codes.ts';
import { isoDateTime } from '../../platform/schemas.ts';
import {
  ACTIVITY_LEVELS,
  ALLERGY_KINDS,
  type AllergyKind,
  checklistCodes,
  conditionLabel,
  MEDICATION_ANSWER_CLASSES,
  type MedicationAnswerClass,
  type QuestionDefinition,
  type QuestionnaireDefinition,
  questionsOf,
} from './questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from './questionnaires.ts';

// ---------------------------------------------------------------------------------------------
// Answer types (one per question kind)
// ---------------------------------------------------------------------------------------------

/**
 * One health-history checklist item. Each item is answered: `answer: 'yes'` (with where and when) or `'no'`.
 * Answers stored before each "No" was kept have no `answer` field and list only the "yes" conditions: an item
 * without `answer` reads as "yes" (see `conditionIsYes`).
 */
export interface ConditionAnswer {
  code: ConditionCode;
  answer?: 'yes' | 'no';
  site?: SiteId[];
  onset?: string;
  resolvedOn?: string;
  note?: string;
}
export interface MedicationAnswer {
  class: MedicationAnswerClass;
  name?: string;
  startedOn?: string;
  stoppedOn?: string;
}
export interface AllergyAnswer {
  kind: AllergyKind;
  detail?: string;
}
export interface SurgeryAnswer {
  date?: string;
  site?: SiteId[];
  description?: string;
}
export interface PregnancyAnswer {
  pregnant?: boolean;
  weeks?: number;
  dueDate?: string;
  highRisk?: boolean;
}
export interface ImplantAnswer {
  description: string;
  site?: SiteId[];
}
export interface PainAnswer {
  level?: number;
  regions?: RegionId[];
}
export interface LifestyleAnswer {
  occupation?: string;
  hoursSittingPerDay?: number;
  activityLevel?: (typeof ACTIVITY_LEVELS)[number]['value'];
  sports?: string;
}
export interface ConsentAnswer {
  agreed?: boolean;
  typedName?: string;
  textVersion?: string;
  /** SHA-256 (hex) of the consent text as the signer saw it; the server checks it when given. */
  textHash?: string;
}

/** Answers of a questionnaire, keyed by question id. Every key is optional in a draft. */
export interface IntakeAnswers {
  conditions?: ConditionAnswer[];
  otherConditions?: string;
  medications?: MedicationAnswer[];
  allergies?: AllergyAnswer[];
  surgeries?: SurgeryAnswer[];
  pregnancy?: PregnancyAnswer;
  implants?: ImplantAnswer[];
  currentSymptoms?: string;
  pain?: PainAnswer;
  mobilityLimits?: string;
  lifestyle?: LifestyleAnswer;
  goals?: string;
  pressurePreference?: 'light' | 'moderate' | 'firm' | 'deep';
  draping?: 'standard' | 'more-covered' | 'clothed';
  areasToAvoid?: string;
  comfortNotes?: string;
  consent?: ConsentAnswer;
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const REGION_IDS = BODY_REGIONS.map((r) => r.id) as [RegionId, ...RegionId[]];
export const regionIdSchema = z.enum(REGION_IDS);
export const siteIdSchema = z.enum([...REGION_IDS, ...REGION_GROUP_IDS] as [SiteId, ...SiteId[]]);
const sites = z.array(siteIdSchema).max(30);
const isoDate = z.iso.date();
const shortText = (max: number) => z.string().trim().max(max);
const values = <T extends readonly { value: string }[]>(options: T) =>
  options.map((o) => o.value) as unknown as [T[number]['value'], ...T[number]['value'][]];

export type AnswerMode = 'draft' | 'complete';

/** The schema of one question's answer. `complete` adds the checks submit needs. */
export function answerSchema(
  question: QuestionDefinition,
  definition: QuestionnaireDefinition,
  mode: AnswerMode,
) {
  const complete = mode === 'complete';
  switch (question.kind) {
    case 'conditions': {
      const codes = checklistCodes(definition);
      return z
        .array(
          z.strictObject({
            code: z.enum(codes as [ConditionCode, ...ConditionCode[]]),
            answer: z.enum(['yes', 'no']).optional(),
            site: sites.optional(),
            onset: isoDate.optional(),
            resolvedOn: isoDate.optional(),
            note: shortText(500).optional(),
          }),
        )
        .max(100)
        .superRefine((list, ctx) => {
          if (!complete) return;
          const seen = new Set<string>();
          for (const c of list) {
            if (seen.has(c.code))
              ctx.addIssue({ code: 'custom', message: `${conditionLabel(c.code)} is answered twice` });
            seen.add(c.code);
          }
          // Submit needs a Yes or a No to every item: an item left out is unanswered, never a "No".
          const missing = unansweredConditions(codes, list);
          if (missing.length > 0) ctx.addIssue({ code: 'custom', message: unansweredMessage(missing) });
        });
    }
    case 'medications':
      return z
        .array(
          z
            .strictObject({
              class: z.enum(values(MEDICATION_ANSWER_CLASSES)),
              name: shortText(200).optional(),
              startedOn: isoDate.optional(),
              stoppedOn: isoDate.optional(),
            })
            .refine((m) => !complete || m.class !== 'other' || Boolean(m.name), {
              message: 'Write the name of the medicine',
              path: ['name'],
            }),
        )
        .max(60);
    case 'allergies':
      return z
        .array(
          z
            .strictObject({ kind: z.enum(values(ALLERGY_KINDS)), detail: shortText(300).optional() })
            .refine((a) => !complete || a.kind !== 'other' || Boolean(a.detail), {
              message: 'Describe the allergy',
              path: ['detail'],
            }),
        )
        .max(30);
    case 'surgeries':
      return z
        .array(
          z
            .strictObject({
              date: isoDate.optional(),
              site: sites.optional(),
              description: shortText(500).optional(),
            })
            .superRefine((s, ctx) => {
              if (!complete) return;
              if (!s.date)
                ctx.addIssue({
                  code: 'custom',
                  path: ['date'],
                  message: 'Give the date (an estimate is fine)',
                });
              if (!s.description)
                ctx.addIssue({ code: 'custom', path: ['description'], message: 'Say what the surgery was' });
            }),
        )
        .max(40);
    case 'pregnancy':
      return z
        .strictObject({
          pregnant: z.boolean().optional(),
          weeks: z.number().int().min(0).max(45).optional(),
          dueDate: isoDate.optional(),
          highRisk: z.boolean().optional(),
        })
        .superRefine((p, ctx) => {
          if (!complete) return;
          if (p.pregnant === undefined)
            ctx.addIssue({ code: 'custom', path: ['pregnant'], message: 'Required' });
          if (p.pregnant && p.weeks === undefined && p.dueDate === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['weeks'],
              message: 'Give the weeks of pregnancy or the due date',
            });
          }
          if (p.pregnant && p.highRisk === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['highRisk'],
              message: 'Say whether the pregnancy is high-risk',
            });
          }
        });
    case 'implants':
      return z.array(z.strictObject({ description: shortText(300).min(1), site: sites.optional() })).max(20);
    case 'text': {
      const text = shortText(question.maxLength ?? 2000);
      return complete && question.required ? text.min(1, 'Required') : text;
    }
    case 'pain':
      return z
        .strictObject({
          level: z.number().int().min(0).max(10).optional(),
          regions: z.array(regionIdSchema).max(60).optional(),
        })
        .superRefine((p, ctx) => {
          if (!complete) return;
          if (p.level === undefined) ctx.addIssue({ code: 'custom', path: ['level'], message: 'Required' });
          else if (p.level > 0 && (p.regions ?? []).length === 0) {
            ctx.addIssue({ code: 'custom', path: ['regions'], message: 'Mark where it hurts' });
          }
        });
    case 'lifestyle':
      return z.strictObject({
        occupation: shortText(200).optional(),
        hoursSittingPerDay: z.number().min(0).max(24).optional(),
        activityLevel: z.enum(values(ACTIVITY_LEVELS)).optional(),
        sports: shortText(500).optional(),
      });
    case 'choice':
      return z.enum((question.options ?? []).map((o) => o.value) as [string, ...string[]]);
    case 'consent':
      return z
        .strictObject({
          agreed: z.boolean().optional(),
          typedName: shortText(200).optional(),
          textVersion: z.string().max(100).optional(),
          textHash: z
            .string()
            .regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lower-case hex')
            .optional(),
        })
        .superRefine((c, ctx) => {
          if (!complete) return;
          if (c.agreed !== true)
            ctx.addIssue({ code: 'custom', path: ['agreed'], message: 'Agree to the consent to continue' });
          if (!c.typedName)
            ctx.addIssue({ code: 'custom', path: ['typedName'], message: 'Type your full name to sign' });
          if (c.textVersion !== definition.consent.version) {
            ctx.addIssue({
              code: 'custom',
              path: ['textVersion'],
              message: `Sign the current consent text (${definition.consent.version})`,
            });
          }
        });
  }
}

// ---------------------------------------------------------------------------------------------
// The health-history checklist: each item answered Yes or No
// ---------------------------------------------------------------------------------------------

/** Whether a checklist item says the patient has the condition (no `answer`: the old "yes-list" format). */
export const conditionIsYes = (c: Pick<ConditionAnswer, 'answer'>): boolean => c.answer !== 'no';

/** The "yes" items of a checklist answer, the only ones that tell the safety screening about a condition. */
export const conditionsPresent = <T extends Pick<ConditionAnswer, 'answer'>>(
  list: readonly T[] | undefined,
) => (list ?? []).filter(conditionIsYes);

/** The checklist codes (in the form's order) that have neither a Yes nor a No in `list`. */
export function unansweredConditions<C extends string>(
  codes: readonly C[],
  list: readonly { code: string }[] | undefined,
): C[] {
  const answered = new Set((list ?? []).map((c) => c.code));
  return codes.filter((code) => !answered.has(code));
}

/** "Answer Yes or No to each condition: 3 not answered (Fever, Burn, Bruise)". */
export function unansweredMessage(codes: readonly ConditionCode[]): string {
  const names = codes.slice(0, 5).map(conditionLabel);
  const more = codes.length > 5 ? ` and ${codes.length - 5} more` : '';
  return `Answer Yes or No to each condition: ${codes.length} not answered (${names.join(', ')}${more})`;
}

/**
 * The "None of these" action: every item not yet answered becomes an explicit "No"; the answers given stay,
 * and an old-format item (no `answer`) is written out as the "yes" it means.
 */
export function answerRemainingNo(
  codes: readonly ConditionCode[],
  list: readonly ConditionAnswer[] | undefined,
): ConditionAnswer[] {
  const given = (list ?? []).map((c) => ({ ...c, answer: c.answer ?? ('yes' as const) }));
  return [...given, ...unansweredConditions(codes, given).map((code) => ({ code, answer: 'no' as const }))];
}

type Shape = Record<string, z.ZodType>;

/** A saved draft: every answer optional, each one checked for its shape. */
export function draftAnswersSchema(definition: QuestionnaireDefinition) {
  const shape: Shape = {};
  for (const q of questionsOf(definition)) shape[q.id] = answerSchema(q, definition, 'draft').optional();
  return z.strictObject(shape) as unknown as z.ZodType<IntakeAnswers>;
}

/** An autosave: answers to merge; `null` clears an answer (or, inside an object answer, one field). */
export function answersPatchSchema(definition: QuestionnaireDefinition) {
  const shape: Shape = {};
  for (const q of questionsOf(definition)) {
    const schema = answerSchema(q, definition, 'draft');
    // Object answers (pregnancy, pain, lifestyle, consent) have only optional fields and merge field by
    // field, so a patch may carry any subset of them, and `null` clears one field.
    const patch =
      schema instanceof z.ZodObject
        ? z.strictObject(
            Object.fromEntries(
              Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, v.nullable()]),
            ),
          )
        : schema;
    shape[q.id] = patch.nullable().optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<{
    [K in keyof IntakeAnswers]?: IntakeAnswers[K] | null;
  }>;
}

/**
 * A finished questionnaire: required answers present and complete. `except` leaves out questions (a
 * health-history update does not sign the consent again).
 */
export function completeAnswersSchema(definition: QuestionnaireDefinition, except: readonly string[] = []) {
  const shape: Shape = {};
  for (const q of questionsOf(definition)) {
    if (except.includes(q.id)) continue;
    const schema = answerSchema(q, definition, 'complete');
    shape[q.id] = q.required ? schema : schema.optional();
  }
  return z.object(shape);
}

const current = questionnaire(CURRENT_QUESTIONNAIRE_VERSION);
export const intakeAnswers = draftAnswersSchema(current);
export const intakeAnswersPatch = answersPatchSchema(current);

/** The current questionnaire's checklist fully answered: these conditions "yes", every other one "no". */
export const checklistWith = (yes: readonly ConditionAnswer[] = []): ConditionAnswer[] =>
  answerRemainingNo(checklistCodes(current), yes);

// ---------------------------------------------------------------------------------------------
// Route schemas
// ---------------------------------------------------------------------------------------------

export const patientParams = z.object({ clinicId: z.uuid(), patientId: z.uuid() });
export const intakeParams = patientParams.extend({ intakeId: z.uuid() });
export const tokenParams = z.object({ token: z.string().min(20).max(100) });

const person = z.object({ userId: z.uuid(), name: z.string() });
const via = z.enum(['staff', 'self', 'link']);

export const consentSignature = z.object({
  typedName: z.string(),
  signedAt: isoDateTime,
  textVersion: z.string(),
  textHash: z.string().describe('SHA-256 (hex) of the exact consent text signed'),
});

export const intakeResponse = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  kind: z
    .enum(['intake', 'update'])
    .describe('intake: the first questionnaire; update: a later health-history version'),
  status: z.enum(['draft', 'submitted']),
  questionnaireVersion: z.number().int(),
  version: z.number().int().nullable().describe('Health-history version number once submitted'),
  answers: intakeAnswers,
  savedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
  submittedBy: person.nullable(),
  submittedVia: via.nullable(),
  consent: consentSignature.nullable(),
  createdAt: isoDateTime,
});
export type IntakeResponseView = z.infer<typeof intakeResponse>;

export const intakeSummary = intakeResponse.omit({ answers: true });

/** Whether submitting a draft needs a consent signature, and the patient's signature on file. */
export const consentSigning = z.object({
  signatureRequired: z
    .boolean()
    .describe(
      'Submit needs a signature of this questionnaire’s consent text: a first intake, or an update when the text changed since the patient last signed (a signed consent stays valid until its text changes)',
    ),
  lastSigned: z
    .object({ signedAt: isoDateTime, textVersion: z.string() })
    .nullable()
    .describe("The patient's latest consent signature on file"),
});

export type ConsentSigning = z.infer<typeof consentSigning>;

/** An opened draft: the questionnaire, and what its consent step asks for. */
export const openedIntake = intakeResponse.extend({ consentSigning });

export const autosaveBody = z.object({ answers: intakeAnswersPatch });
export const autosaveResult = z.object({
  id: z.uuid(),
  status: z.literal('draft'),
  savedAt: isoDateTime,
  answers: intakeAnswers,
});
export const submitBody = z.object({
  answers: intakeAnswersPatch
    .optional()
    .describe('Last answers to merge before submitting (e.g. the signature)'),
});

/** How a personal link reaches the patient. */
export const LINK_CHANNELS = ['email', 'sms'] as const;
export type LinkChannel = (typeof LINK_CHANNELS)[number];

export const linkSendBody = z
  .object({
    channel: z
      .enum(LINK_CHANNELS)
      .default('email')
      .describe('E-mail, or a text message (the patient must have agreed to texts)'),
  })
  .nullish()
  .describe('No body sends the link by e-mail');

export const linkResult = z.object({
  linkId: z.uuid(),
  intakeId: z.uuid(),
  channel: z.enum(LINK_CHANNELS),
  sentTo: z.string().describe('The e-mail address, or the phone number the text is queued for'),
  expiresAt: isoDateTime,
});

const linkChannelState = z.object({
  available: z.boolean(),
  reason: z.string().nullable().describe('Why the link cannot go this way, in plain words'),
});

const choice = z.object({ value: z.string(), label: z.string() });
export const questionnaireView = z.object({
  version: z.number().int(),
  title: z.string(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      intro: z.string().optional(),
      questions: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          label: z.string(),
          help: z.string().optional(),
          required: z.boolean(),
          options: z.array(choice).optional(),
          maxLength: z.number().int().optional(),
        }),
      ),
    }),
  ),
  conditionGroups: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      conditions: z.array(
        z.object({
          code: z.string(),
          /** The clinical name (what staff views show); the patient's form shows it as the hint. */
          label: z.string(),
          /** The condition in everyday words, shown to the patient first. */
          description: z.string(),
          askSite: z.boolean(),
          askOnset: z.boolean(),
        }),
      ),
    }),
  ),
  medicationClasses: z.array(choice),
  allergyKinds: z.array(choice),
  activityLevels: z.array(choice),
  consent: z.object({ version: z.string(), title: z.string(), text: z.string(), textHash: z.string() }),
});

export const linkIntakeView = z.object({
  clinicName: z.string(),
  clinicTimeZone: z.string().describe('IANA time zone the clinic shows times in'),
  patientFirstName: z.string(),
  expiresAt: isoDateTime,
  questionnaire: questionnaireView,
  intake: z.object({
    status: z.literal('draft'),
    kind: z.enum(['intake', 'update']),
    questionnaireVersion: z.number().int(),
    answers: intakeAnswers,
    savedAt: isoDateTime,
    consentSigning,
  }),
});

export const linkSubmitResult = z.object({ status: z.literal('submitted'), submittedAt: isoDateTime });

export const confirmation = z.object({
  id: z.uuid(),
  versionId: z.uuid(),
  confirmedAt: isoDateTime,
  confirmedBy: person,
  via: z.enum(['staff', 'self']),
  note: z.string().nullable(),
});

export const healthHistoryVersion = z.object({
  id: z.uuid(),
  version: z.number().int(),
  kind: z.enum(['intake', 'update']),
  questionnaireVersion: z.number().int(),
  recordedAt: isoDateTime,
  recordedBy: person.nullable().describe('null when the patient used a personal link'),
  via: via,
  consentSigned: z.boolean(),
  confirmations: z
    .array(confirmation)
    .describe('"No change" confirmations made while this version was current'),
});

export const healthHistory = z.object({
  current: z.uuid().nullable(),
  lastConfirmedAt: isoDateTime.nullable().describe('The latest submission or "no change" confirmation'),
  versions: z.array(healthHistoryVersion).describe('Newest first; every version is kept'),
});

export const healthHistoryUpdateBody = z.object({ answers: intakeAnswers });
export const confirmBody = z.object({
  versionId: z.uuid().optional().describe('The version being confirmed (defaults to the current one)'),
  note: z.string().trim().max(500).optional(),
});

/** The chart's intake section: where the questionnaire stands, and the patient's comfort preferences. */
export const intakeChartSection = z.object({
  status: z.enum(['none', 'draft', 'submitted']),
  draft: z.object({ id: z.uuid(), kind: z.enum(['intake', 'update']), savedAt: isoDateTime }).nullable(),
  current: z
    .object({
      id: z.uuid(),
      version: z.number().int(),
      recordedAt: isoDateTime,
      lastConfirmedAt: isoDateTime,
    })
    .nullable(),
  comfort: z
    .object({
      draping: z.string().nullable().describe('How the patient likes to be covered, in words'),
      areasToAvoid: z.string().nullable(),
      notes: z.string().nullable(),
    })
    .nullable()
    .describe('From the current health history; null when the patient gave none'),
  sendLink: z
    .object({
      email: linkChannelState,
      sms: linkChannelState.nullable().describe('null when this server has no text-message provider'),
    })
    .nullable()
    .describe('How staff can send a personal link; null for anyone else'),
});
