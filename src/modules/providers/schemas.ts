import { z } from 'zod';
import { isValidNpi } from '../../domain/codes/npi.ts';
import { emailSchema, isoDateTime, nameSchema } from '../../platform/schemas.ts';
import { phoneSchema } from '../patients/schemas.ts';

export const PROVIDER_KIND_VALUES = ['physician', 'chiropractor', 'physical_therapist', 'other'] as const;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

/** Checked in the use case (422 with the field) so a wrong check digit reads differently from bad JSON. */
export const npiSchema = z
  .string()
  .trim()
  .max(20)
  .describe('10 digits; the last is a check digit (Luhn, prefix 80840)');

export function npiProblem(npi: string): string | undefined {
  if (!/^[0-9]{10}$/.test(npi)) return 'An NPI is exactly 10 digits';
  if (!isValidNpi(npi)) return 'This NPI fails its check digit: re-check the number';
  return undefined;
}

const providerFields = {
  kind: z.enum(PROVIDER_KIND_VALUES),
  firstName: nameSchema,
  lastName: nameSchema,
  credentials: optionalText(60).describe('e.g. MD, DO, DC, PT, DPT'),
  practiceName: optionalText(200),
  npi: npiSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  fax: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
};

export const providerInput = z.object(providerFields);
export const providerPatch = z
  .object(providerFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Change at least one field' });

export const provider = z.object({
  id: z.uuid(),
  kind: z.enum(PROVIDER_KIND_VALUES),
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  credentials: z.string().nullable(),
  practiceName: z.string().nullable(),
  npi: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  userId: z.uuid().nullable().describe('The Palpa account linked once the provider accepted an invitation'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const providerSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Prefix of the last name, first name or practice, or an NPI'),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
