/** Zod schemas of the safety capability, shared with the web app (no server imports here). */
import { z } from 'zod';
import { PRESSURE_DEPTHS, SAFETY_TAGS, TECHNIQUE_IDS } from '../../domain/catalog/techniques.ts';
import { CLEARANCE_ANSWERS } from '../../domain/safety/clearances.ts';
import { isoDateTime } from '../../platform/schemas.ts';
import { siteIdSchema } from '../intake/schemas.ts';

const isoDate = z.iso.date();
const severity = z.enum(['defer', 'avoid-area', 'avoid-technique', 'clearance', 'precaution']);
const techniqueScope = z.union([z.literal('all'), z.array(z.string())]);
const pressure = z.enum(PRESSURE_DEPTHS);

export const patientParams = z.object({ clinicId: z.uuid(), patientId: z.uuid() });
export const clearanceParams = patientParams.extend({ clearanceId: z.uuid() });

const clearanceAnswer = z
  .enum(CLEARANCE_ANSWERS)
  .describe(
    'cleared; cleared-with-limits (the limits in words); not-cleared (lifts nothing: the restriction stands)',
  );

/** The recorded clearance that acknowledges a finding (the finding itself is kept). */
export const clearanceRef = z.object({
  clearanceId: z.uuid(),
  physicianName: z.string(),
  clearedOn: isoDate,
  expiresOn: isoDate.nullable(),
  answer: clearanceAnswer,
  limits: z.string().nullable().describe('What the physician limits massage to, with cleared-with-limits'),
});

/** A physician's answer not to clear a finding: the restriction stands, and the chart says who said so. */
export const declinedRef = z
  .object({
    clearanceId: z.uuid(),
    physicianName: z.string(),
    answeredOn: isoDate,
    note: z.string().nullable(),
  })
  .nullable()
  .describe('The physician’s latest answer “not cleared” on this flag, when no later clearance covers it');

export const finding = z.object({
  key: z.string(),
  ruleId: z.string(),
  condition: z.string(),
  subject: z.string().describe('The health fact in words'),
  severity,
  ruledOut: techniqueScope,
  modified: techniqueScope,
  maxPressure: pressure.nullable(),
  regions: z.union([z.literal('everywhere'), z.array(z.string())]),
  siteUnknown: z.boolean(),
  dateUnknown: z.boolean(),
  restriction: z.string(),
  message: z.string(),
  reason: z.string(),
  action: z.string(),
  sources: z.array(z.string()),
  evidence: z.enum(['sourced', 'secondary', 'not-verified']),
  clearancePolicy: z.enum(['required', 'may-override', 'not-overridable']),
  acknowledged: z.boolean().describe('A physician clearance on file covers this finding'),
  overridden: z.boolean(),
  clearance: clearanceRef.nullable(),
  declined: declinedRef,
  blocking: z.boolean(),
  conflicts: z.array(
    z.object({
      technique: z.string(),
      tags: z.array(z.string()),
      regions: z.array(z.string()),
      because: z.enum(['technique', 'pressure']),
      pressure,
    }),
  ),
});

export const issue = z.object({
  kind: z.string(),
  level: z.enum(['review', 'info']),
  message: z.string(),
  value: z.string().optional(),
});

export const basedOn = z
  .object({
    versionId: z.uuid(),
    version: z.number().int(),
    recordedAt: isoDateTime,
    lastConfirmedAt: isoDateTime,
  })
  .nullable()
  .describe('The health-history version screened; null when the patient has no submitted intake');

export const clearance = z.object({
  id: z.uuid(),
  ruleIds: z.array(z.string()),
  regions: z.array(z.string()).nullable(),
  techniques: z.array(z.string()).nullable(),
  physicianName: z.string(),
  physicianUserId: z.uuid().nullable(),
  recordedBy: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
  recordedVia: z.enum(['staff', 'physician', 'import']),
  clearedOn: isoDate,
  expiresOn: isoDate.nullable(),
  attachmentId: z.uuid().nullable(),
  note: z.string().nullable(),
  answer: clearanceAnswer,
  limits: z.string().nullable(),
  createdAt: isoDateTime,
  status: z.enum(['active', 'expired', 'revoked', 'not-yet-valid']),
  revokedAt: isoDateTime.nullable(),
  revokedBy: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
  revokeReason: z.string().nullable(),
});

/** Staff and physicians: the full flags. */
export const clinicianSafety = z.object({
  audience: z.literal('clinician'),
  onDate: isoDate,
  basedOn,
  highestSeverity: severity.nullable(),
  flags: z.array(finding).describe('Everything that applies today, most serious first'),
  summary: z.array(z.string()).describe('One sentence per health fact'),
  clearancesNeeded: z.array(z.string()),
  allergies: z.array(z.string()),
  clearances: z.array(clearance),
  issues: z.array(issue),
});

/** The patient reading their own record: the same flags, in plain words only. */
export const patientSafety = z.object({
  audience: z.literal('patient'),
  onDate: isoDate,
  flags: z.array(
    z.object({
      severity,
      subject: z.string(),
      restriction: z.string(),
      reason: z.string(),
      clearedByPhysician: z.boolean(),
    }),
  ),
  allergies: z.array(z.string()),
});

export const safetyView = z.discriminatedUnion('audience', [clinicianSafety, patientSafety]);

export const screenBody = z.strictObject({
  techniques: z
    .array(z.enum([...TECHNIQUE_IDS, ...SAFETY_TAGS]))
    .min(1)
    .max(30)
    .describe('Technique ids from the catalog, or bare safety tags'),
  regions: z.array(siteIdSchema).min(1).max(60).describe('Body region or group ids'),
  pressure: pressure.optional().describe("Planned pressure; default: each technique's usual pressure"),
  onDate: isoDate.optional().describe("Treatment date; default: today in the clinic's time zone"),
});

export const screeningResult = z.object({
  onDate: isoDate,
  status: z.enum(['clear', 'proceed-with-precautions', 'needs-review', 'blocked']),
  blocked: z.boolean(),
  findings: z.array(finding).describe('Findings that touch the proposal, blocking first'),
  notApplicable: z.array(finding),
  issues: z.array(issue),
  basedOn,
});

export const clearanceBody = z.strictObject({
  answer: clearanceAnswer
    .optional()
    .describe(
      'The physician’s answer (default cleared). not-cleared lifts nothing: the restrictions named stay, with this answer on the chart',
    ),
  limits: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe(
      'With cleared-with-limits (required then): the areas, techniques or pressure massage is limited to',
    ),
  ruleIds: z
    .array(z.string().min(1).max(100))
    .min(1, 'Tick at least one restriction the clearance lifts')
    .max(20)
    .describe(
      'Screening rule ids this answer is about (lifted unless not-cleared): current flags of the patient (422 otherwise)',
    ),
  regions: z.array(siteIdSchema).min(1).max(60).optional().describe('Only these body sites'),
  techniques: z
    .array(z.enum(SAFETY_TAGS))
    .min(1)
    .max(20)
    .optional()
    .describe('Only these technique safety tags'),
  physicianName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Who cleared it; required unless a physician records their own clearance (then their name, or left out)',
    ),
  clearedOn: isoDate
    .optional()
    .describe("Date the physician gave it; default: today in the clinic's time zone"),
  expiresOn: isoDate.optional(),
  attachmentId: z.uuid().optional().describe('The letter or form, an attachment of this patient'),
  note: z.string().trim().max(2000).optional(),
});

export const revokeBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const clearanceList = z.object({ items: z.array(clearance) });

/** The chart's safety section (the header flags in short). */
export const safetyChartSectionSchema = z.object({
  onDate: isoDate,
  hasHealthHistory: z.boolean(),
  basedOn,
  highestSeverity: severity.nullable(),
  summary: z.array(z.string()),
  flags: z.array(
    z.object({
      ruleId: z.string(),
      severity,
      subject: z.string(),
      restriction: z.string(),
      acknowledged: z.boolean(),
      clearanceLimits: z.string().nullable().describe('The limits of the clearance that lifts it, if any'),
      declined: declinedRef,
    }),
  ),
  clearancesNeeded: z.array(z.string()),
  allergies: z.array(z.string()),
});

/** Asking a referring provider for clearance of current flags (src/modules/safety/clearance-requests.ts). */
export const clearanceRequestBody = z.strictObject({
  ruleIds: z
    .array(z.string().min(1).max(100))
    .min(1, 'Choose at least one flag')
    .max(20)
    .describe('The flags (screening rule ids) to ask about: current flags a physician may clear'),
  providerId: z.uuid('Choose the physician to ask').describe('The referring provider asked'),
  question: z
    .string()
    .trim()
    .min(3, 'Say what you plan and what you ask, in a few words')
    .max(2000)
    .describe('What the therapist plans and asks: the body of the letter'),
});

export const clearanceRequestView = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  ruleIds: z.array(z.string()),
  provider: z.object({
    id: z.uuid(),
    name: z.string(),
    fax: z.string().nullable(),
    onPalpa: z.boolean().describe('The provider has a Palpa account: the request waits on their home page'),
  }),
  question: z.string(),
  requestedBy: z.string(),
  requestedAt: isoDateTime,
  answeredAt: isoDateTime
    .nullable()
    .describe('When a physician’s answer on one of its flags was recorded after it; null while waiting'),
  answer: clearanceAnswer.nullable().describe('That first answer; null while waiting'),
});
export type ClearanceRequest = z.infer<typeof clearanceRequestView>;

/** The safety flags of a therapist's patients on a day ("Your day" on the home page). */
export const dayFlagsQuery = z.object({
  date: isoDate.optional().describe("The clinic-local date; default: today in the clinic's time zone"),
  therapistId: z
    .uuid()
    .optional()
    .describe(
      'Whose day; default: the caller. A therapist reads their own day only, the owner any therapist’s',
    ),
});

export const clearanceState = z
  .enum(['on-file', 'not-cleared', 'needed'])
  .nullable()
  .describe(
    'on-file: a physician clearance covers it; not-cleared: the physician answered not cleared; needed: a clearance is required and none is on file; null: none asked',
  );

export const dayFlags = z.object({
  date: isoDate,
  therapistId: z.uuid(),
  items: z
    .array(
      z.object({
        patientId: z.uuid(),
        hasHealthHistory: z.boolean().describe('False: no intake submitted, so nothing could be screened'),
        highestSeverity: severity.nullable(),
        flags: z
          .array(
            z.object({
              ruleId: z.string(),
              severity,
              subject: z.string().describe('The health fact in words'),
              restriction: z.string(),
              clearance: clearanceState,
              clearanceLimits: z
                .string()
                .nullable()
                .describe('The limits of the clearance that lifts it, if any'),
            }),
          )
          .describe('Most serious first, as on the chart'),
        clearancesNeeded: z.array(z.string()),
        allergies: z.array(z.string()),
      }),
    )
    .describe(
      'One per patient with a live session that day with the therapist, in the order of their first session',
    ),
});
export type DayFlags = z.infer<typeof dayFlags>;
