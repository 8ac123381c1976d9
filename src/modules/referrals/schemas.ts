import { z } from 'zod';
import { BODY_REGIONS, REGION_GROUP_IDS } from '../../domain/catalog/body-regions.ts';
import { INJURY_CAUSE_IDS, US_STATE_CODES } from '../../domain/catalog/injury.ts';
import { TECHNIQUE_IDS } from '../../domain/catalog/techniques.ts';
import { normalizeIcd10 } from '../../domain/codes/icd10cm-format.ts';
import { isoDateTime, nameSchema } from '../../platform/schemas.ts';
import { isoDate, patientCreate, phoneSchema } from '../patients/schemas.ts';
import { REFERRAL_STATUSES } from './status.ts';

const SITE_IDS = [...BODY_REGIONS.map((r) => r.id), ...REGION_GROUP_IDS] as unknown as [string, ...string[]];
export const LATERALITIES = ['left', 'right', 'bilateral', 'unspecified'] as const;

export const diagnosisInput = z.object({
  code: z
    .string()
    .trim()
    .max(10)
    .refine((c) => normalizeIcd10(c) !== undefined, {
      message:
        'Not an ICD-10-CM code: a letter, a digit, a letter or digit, then optionally a dot and up to 4 more (e.g. M54.50)',
    }),
  laterality: z.enum(LATERALITIES).optional().describe('For codes without a side of their own (e.g. M72.2)'),
});

export const injuryInput = z
  .object({
    cause: z.enum(INJURY_CAUSE_IDS),
    date: isoDate.describe('Date of injury'),
    state: z.enum(US_STATE_CODES).optional().describe('Where an auto accident happened (USPS code)'),
  })
  .superRefine((i, ctx) => {
    if (i.cause === 'auto_accident' && !i.state)
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'Give the state the accident happened in' });
    if (i.cause !== 'auto_accident' && i.state)
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'Only for an auto accident' });
  });

export const referralInput = z
  .object({
    patientId: z.uuid().optional().describe('An existing patient'),
    newPatient: patientCreate
      .omit({ confirmNotDuplicate: true })
      .optional()
      .describe('Or a new patient, created with the referral (e.g. a physician referring someone new)'),
    providerId: z.uuid().optional().describe('The referring provider (required for paper referrals)'),
    referralDate: isoDate,
    diagnoses: z.array(diagnosisInput).min(1, 'Give at least one diagnosis').max(12),
    techniques: z.array(z.enum(TECHNIQUE_IDS)).max(20).default([]),
    bodyRegions: z.array(z.enum(SITE_IDS)).max(40).default([]).describe('Region or region-group ids'),
    frequencyPerWeek: z.int().min(1).max(7).optional(),
    durationWeeks: z.int().min(1).max(52).optional(),
    authorizedVisits: z.int().min(1).max(365).optional(),
    sessionMinutes: z.int().min(30).max(90).optional(),
    precautions: z.string().trim().max(2000).optional(),
    validFrom: isoDate,
    validUntil: isoDate.optional().describe('Defaults to validFrom + durationWeeks when a duration is given'),
    renewsReferralId: z.uuid().optional().describe('The referral this one renews (it becomes superseded)'),
    injury: injuryInput
      .optional()
      .describe('When the condition is related to an injury (claim boxes 10 and 14)'),
    signature: z
      .object({
        typedName: nameSchema.describe('The physician types their name as on their account to sign'),
      })
      .optional()
      .describe('Required when a physician submits the referral (e-referral)'),
  })
  .superRefine((r, ctx) => {
    if (Boolean(r.patientId) === Boolean(r.newPatient)) {
      ctx.addIssue({ code: 'custom', path: ['patientId'], message: 'Give either patientId or newPatient' });
    }
    if ((r.frequencyPerWeek === undefined) !== (r.durationWeeks === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['durationWeeks'],
        message: 'Give frequency and duration together',
      });
    }
    if (r.injury && r.injury.date > r.referralDate) {
      ctx.addIssue({ code: 'custom', path: ['injury', 'date'], message: 'After the referral date' });
    }
    if (r.validUntil && r.validUntil < r.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'Ends before it starts' });
    }
  });
export type ReferralInput = z.infer<typeof referralInput>;

export const referral = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  provider: z
    .object({
      id: z.uuid(),
      displayName: z.string(),
      credentials: z.string().nullable(),
      npi: z.string().nullable(),
    })
    .nullable(),
  source: z.enum(['paper', 'electronic']),
  referralDate: isoDate,
  diagnoses: z.array(
    z.object({ code: z.string(), description: z.string(), laterality: z.enum(LATERALITIES).nullable() }),
  ),
  techniques: z.array(z.string()),
  bodyRegions: z.array(z.string()),
  frequencyPerWeek: z.number().int().nullable(),
  durationWeeks: z.number().int().nullable(),
  authorizedVisits: z.number().int().nullable(),
  sessionMinutes: z.number().int().nullable(),
  precautions: z.string().nullable(),
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
  renewsReferralId: z.uuid().nullable(),
  injury: z
    .object({ cause: z.enum(INJURY_CAUSE_IDS), date: isoDate, state: z.string().nullable() })
    .nullable(),
  supersededById: z.uuid().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  visitsAllowed: z.number().int().nullable(),
  visitsUsed: z
    .number()
    .int()
    .describe(
      'Visits recorded, plus completed appointments counted against it that no recorded visit stands for',
    ),
  visitsBooked: z
    .number()
    .int()
    .describe(
      'Live appointments counted against it: booked against it, or against none within its validity while it is the current referral',
    ),
  visitsRemaining: z.number().int().nullable(),
  daysLeft: z.number().int().nullable(),
  priorAuthorizationNumber: z
    .string()
    .nullable()
    .describe("The payer's prior authorisation number (claim box 23), recorded by the desk"),
  signature: z
    .object({
      signedByUserId: z.uuid(),
      typedName: z.string(),
      signedAt: isoDateTime,
      hash: z.string().describe('SHA-256 (hex) of the canonical JSON of signedContent'),
      signedContent: z.record(z.string(), z.unknown()),
      valid: z.boolean().describe('The stored referral still hashes to the signature'),
    })
    .nullable(),
  createdAt: isoDateTime,
});
export type Referral = z.infer<typeof referral>;

export const referralListQuery = z.object({
  status: z
    .enum(REFERRAL_STATUSES)
    .optional()
    .describe('Filters the page (a page may then hold fewer items)'),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const visitInput = z.object({ visitDate: isoDate });

const claimText = (max: number) => z.string().trim().min(1).max(max).nullable();

/** The payer's prior authorisation for a referral's course of care; null clears it. */
export const priorAuthorizationInput = z.strictObject({
  number: z
    .string()
    .trim()
    .min(1, 'Enter the number, or clear it')
    .max(50)
    .nullable()
    .describe('As the insurer gave it (claim box 23)'),
});

/** The claim behind a referral related to an injury; PUT replaces it (null clears a field). */
export const claimInput = z.strictObject({
  carrier: claimText(200).describe('The auto insurer or workers’ compensation carrier'),
  claimNumber: claimText(60),
  adjusterName: claimText(200),
  adjusterPhone: phoneSchema.nullable(),
  employer: claimText(200).describe('Workers’ compensation: the employer'),
  firstContactDate: isoDate.nullable().describe('Auto: the date of first contact with the patient'),
});
export const claim = claimInput.extend({
  referralId: z.uuid(),
  updatedAt: isoDateTime,
});
export const claimsChartSection = z.array(
  claim.extend({
    appliesTo: z
      .array(z.uuid())
      .describe('Its referral and the renewals of it that have no claim of their own (the same injury)'),
  }),
);
