import { z } from 'zod';
import { emailSchema, isoDateTime, nameSchema } from '../../platform/schemas.ts';

/** Zod schemas of the patients API, shared with the web app (no server imports). */

export const SEX_AT_BIRTH = ['female', 'male', 'intersex', 'unknown', 'not_disclosed'] as const;
export const SEX_LABELS: Readonly<Record<(typeof SEX_AT_BIRTH)[number], string>> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
  not_disclosed: 'Prefers not to say',
};

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
export const isoDate = z.iso.date({ message: 'Use a date written YYYY-MM-DD' });
/**
 * A date a person picks in a date field, named by `what`: a blank says what to enter; anything else that is not
 * a real date (a date field sends YYYY-MM-DD or nothing) says so, without the format people never type.
 */
export const pickedDate = (what: string) =>
  z.iso.date({
    error: (issue) => (issue.input == null || issue.input === '' ? `Enter ${what}` : 'Enter a real date'),
  });
export const dateOfBirthSchema = pickedDate('the date of birth');
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9 ().-]{7,}$/, 'Enter a phone number (digits, spaces, + ( ) - .)')
  .refine((v) => v.replace(/\D/g, '').length >= 7, 'A phone number has at least 7 digits');

export const contactPerson = z
  .object({
    name: nameSchema,
    relationship: z.string().trim().max(60).optional(),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
  })
  .refine((c) => c.phone || c.email, {
    message: 'Give a phone number or an e-mail address',
    path: ['phone'],
  });

export const postalAddress = z.object({
  line1: z.string().trim().min(1, 'Required').max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1, 'Required').max(100),
  region: z.string().trim().min(2, 'Required').max(100).describe('State'),
  postalCode: z.string().trim().min(3, 'Required').max(20),
});

export const insurance = z.object({
  payer: z.string().trim().min(1, 'Required').max(200).describe('The insurance company'),
  memberId: z.string().trim().min(1, 'Required').max(60),
  groupNumber: z.string().trim().max(60).optional(),
});

export const contactPreferences = z.object({
  channel: z.enum(['email', 'phone', 'sms']).optional().describe('Not stated when absent'),
  reminders: z.boolean(),
});

/** The editable fields of a patient record; every one optional so PATCH can reuse it. */
const patientFields = {
  legalFirstName: nameSchema,
  legalLastName: nameSchema,
  preferredName: optionalText(100),
  pronouns: optionalText(40).describe('e.g. she/her, he/him, they/them'),
  sexAssignedAtBirth: z.enum(SEX_AT_BIRTH).nullable().optional(),
  genderIdentity: optionalText(100),
  dateOfBirth: dateOfBirthSchema,
  language: z
    .string()
    .trim()
    .regex(
      /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
      'Use a language code such as es (Spanish) or pt-BR (Brazilian Portuguese)',
    ),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  contactPreferences: contactPreferences.nullable().optional(),
  emergencyContact: contactPerson.nullable().optional(),
  guardian: contactPerson.nullable().optional().describe('Required while the patient is under 18'),
  address: postalAddress.nullable().optional(),
  insurance: insurance.nullable().optional().describe('Printed on superbills'),
  notes: z.string().trim().max(5000).nullable().optional(),
};

export const patientCreate = z.object({
  ...patientFields,
  language: patientFields.language.default('en'),
  confirmNotDuplicate: z
    .boolean()
    .optional()
    .describe('Create even though a patient with the same name and date of birth exists'),
});
export type PatientCreate = z.infer<typeof patientCreate>;

/**
 * What a patient may change on their own record: how to reach them, reminders, their emergency contact, address
 * and insurance.
 */
export const patientContact = z
  .object({
    email: patientFields.email,
    phone: patientFields.phone,
    contactPreferences: patientFields.contactPreferences,
    emergencyContact: patientFields.emergencyContact,
    address: patientFields.address,
    insurance: patientFields.insurance,
  })
  .partial();
export const patientContactPatch = patientContact.refine((p) => Object.keys(p).length > 0, {
  message: 'Change at least one field',
});

export const patientPatch = z
  .object(patientFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Change at least one field' });
export type PatientPatch = z.infer<typeof patientPatch>;

export const patient = z.object({
  id: z.uuid(),
  displayName: z.string().describe('Preferred name first: "Preferred Last", else "First Last"'),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  sexAssignedAtBirth: z.enum(SEX_AT_BIRTH).nullable(),
  genderIdentity: z.string().nullable(),
  dateOfBirth: isoDate,
  age: z.number().int(),
  language: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  contactPreferences: contactPreferences.nullable(),
  emergencyContact: z
    .object({
      name: z.string(),
      relationship: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
    })
    .nullable(),
  guardian: z
    .object({
      name: z.string(),
      relationship: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
    })
    .nullable(),
  address: postalAddress.nullable(),
  insurance: insurance.nullable(),
  notes: z.string().nullable(),
  hasPortalAccount: z.boolean(),
  mergedIntoId: z.uuid().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Patient = z.infer<typeof patient>;

export const patientSummary = patient.pick({
  id: true,
  displayName: true,
  legalFirstName: true,
  legalLastName: true,
  preferredName: true,
  pronouns: true,
  dateOfBirth: true,
  age: true,
  phone: true,
  email: true,
  mergedIntoId: true,
});
export type PatientSummary = z.infer<typeof patientSummary>;

export const patientSearchQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe(
      'Prefix of a first, last or preferred name or e-mail; the first digits of a phone number or its last 4 or more (any formatting); or a birth date (YYYY-MM-DD or MM/DD/YYYY)',
    ),
  includeMerged: z.stringbool().optional().default(false),
  cursor: z.uuid().optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const duplicateCandidates = z.object({
  candidates: z.array(patientSummary),
});

export const mergeBody = z.object({
  duplicateId: z.uuid(),
  confirmIdentity: z
    .boolean()
    .optional()
    .describe(
      'Required (true) when the merge links the duplicate’s online account to this record: staff checked it is the same person',
    ),
});

/**
 * The warning shown (and the refusal sent) before a merge links an online account to a record: name and date of
 * birth are all the duplicate check matched, which a relative or ex-partner can know.
 */
export function linkAccountWarning(accountEmail: string | null, recordName: string): string {
  const account = accountEmail ? `the online account ${accountEmail}` : 'an online account';
  return `This links ${account} to ${recordName}’s record: it will see the whole chart. Confirm you checked it is the same person (e.g. photo ID at the desk) first.`;
}
export const mergeResult = z.object({
  survivor: patient,
  duplicateId: z.uuid(),
  filledFields: z.array(z.string()).describe('Empty fields of the survivor filled from the duplicate'),
  moved: z.record(z.string(), z.number().int()).describe('Rows moved to the survivor, per table'),
});

export const chartSection = z.object({
  id: z.string(),
  title: z.string(),
  available: z.boolean().describe('false: the capability that fills this section is not installed yet'),
  data: z.unknown(),
});
export const chart = z.object({
  header: patient.pick({
    id: true,
    displayName: true,
    legalFirstName: true,
    legalLastName: true,
    preferredName: true,
    pronouns: true,
    dateOfBirth: true,
    age: true,
    mergedIntoId: true,
  }),
  sections: z.array(chartSection),
});

export const physicianAccessBody = z.object({ userId: z.uuid() });
export const physicianAccess = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  reason: z.enum(['referral', 'grant']),
  since: isoDateTime,
  revokedAt: isoDateTime.nullable(),
});

/** One side of a possible duplicate: enough for staff to tell the two records apart. */
const possibleDuplicateSide = patient.pick({ id: true, displayName: true, dateOfBirth: true });
/**
 * A record created by an online registration that the duplicate check (same legal name and date of birth)
 * matched to an existing record of the clinic: staff review and merge it, or dismiss it as not the same person.
 */
export const possibleDuplicate = z.object({
  patient: possibleDuplicateSide.describe('The record the patient created by registering online'),
  existing: possibleDuplicateSide.describe('The existing record of the clinic it may duplicate'),
  sameEmail: z.boolean().describe('The two records hold the same e-mail address'),
  detectedAt: isoDateTime,
});
export type PossibleDuplicate = z.infer<typeof possibleDuplicate>;
export const possibleDuplicateList = z.object({ items: z.array(possibleDuplicate) });
