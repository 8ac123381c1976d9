import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';
import { npiProblem } from '../providers/schemas.ts';
import { localDate } from '../scheduling/schemas.ts';

/** Zod schemas of therapists' credentials, shared by the server and the web app (no server imports). */
export const CREDENTIAL_KIND_VALUES = [
  'state_license',
  'camtc',
  'ncbtmb',
  'other_certification',
  'npi',
] as const;
export const CREDENTIAL_STATUS_VALUES = ['active', 'pending', 'inactive', 'suspended', 'revoked'] as const;
export const EXPIRY_WARNING_DAYS = 60;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

const fields = {
  therapistId: z.uuid(),
  kind: z.enum(CREDENTIAL_KIND_VALUES),
  title: z.string().trim().min(1, 'Required').max(160).describe('e.g. "Certified Massage Therapist (CMT)"'),
  issuer: z.string().trim().min(1, 'Required').max(160).describe('e.g. California Massage Therapy Council'),
  number: optionalText(60),
  certifiedName: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(160)
    .describe('The name the holder is certified under'),
  region: optionalText(60),
  status: z.enum(CREDENTIAL_STATUS_VALUES).default('active'),
  issuedOn: localDate.nullable().optional(),
  expiresOn: localDate.nullable().optional(),
  showPublicly: z.boolean().default(true),
  verificationUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable()
    .optional(),
};

const datesInOrder = (c: { issuedOn?: string | null; expiresOn?: string | null }) =>
  !c.issuedOn || !c.expiresOn || c.expiresOn >= c.issuedOn;
const datesMessage = { message: 'The expiry date is before the issue date', path: ['expiresOn'] };

/** An NPI credential's number is the NPI itself: 10 digits with a valid check digit. */
export function credentialNumberProblem(c: { kind?: string; number?: string | null }): string | undefined {
  if (c.kind !== 'npi') return undefined;
  return c.number ? npiProblem(c.number) : 'Enter the 10-digit NPI';
}
const npiNumber = (c: { kind?: string; number?: string | null }, ctx: z.RefinementCtx) => {
  const problem = credentialNumberProblem(c);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['number'] });
};

export const credentialInput = z.object(fields).refine(datesInOrder, datesMessage).superRefine(npiNumber);
/** Checked alone: a patch's kind and number are checked again merged with the stored credential. */
export const credentialPatch = z
  .object(fields)
  .omit({ therapistId: true })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Change at least one field' })
  .refine(datesInOrder, datesMessage);

export const CREDENTIAL_STATES = ['current', 'expiring', 'expired', 'not_active'] as const;

export const credential = z.object({
  id: z.uuid(),
  therapistId: z.uuid(),
  therapistName: z.string(),
  kind: z.enum(CREDENTIAL_KIND_VALUES),
  title: z.string(),
  issuer: z.string(),
  number: z.string().nullable(),
  certifiedName: z.string(),
  region: z.string().nullable(),
  status: z.enum(CREDENTIAL_STATUS_VALUES),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  showPublicly: z.boolean(),
  verificationUrl: z.string().nullable(),
  verifiedAt: isoDateTime.nullable(),
  verifiedByName: z.string().nullable(),
  state: z.enum(CREDENTIAL_STATES).describe("By date in the clinic's zone: expiring = within 60 days"),
  daysToExpiry: z.number().int().nullable(),
  shownPublicly: z.boolean().describe('Whether the public page shows it today'),
});
export type Credential = z.infer<typeof credential>;

/** The owner's home page warns this many days before the licence a therapist practises under expires. */
export const LICENCE_ALERT_DAYS = 30;

export const licenceAlert = z.object({
  therapistId: z.uuid(),
  therapistName: z.string(),
  credentialId: z.uuid().describe('The licence or certification they practise under, the last to expire'),
  title: z.string(),
  expiresOn: localDate,
  daysToExpiry: z.number().int().describe("By date in the clinic's zone; negative once expired"),
  appointmentsAfterExpiry: z
    .number()
    .int()
    .describe('Appointments still booked with them on days after the expiry date'),
});
export type LicenceAlert = z.infer<typeof licenceAlert>;
