import { z } from 'zod';
import { nameSchema, timeZoneSchema } from '../../platform/schemas.ts';
import { npiProblem } from '../providers/schemas.ts';

export const locationInput = z.object({
  name: nameSchema,
  addressLine1: z.string().trim().min(1, 'Required').max(200),
  addressLine2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1, 'Required').max(100),
  region: z.string().trim().min(2, 'Required').max(100),
  postalCode: z.string().trim().min(3, 'Required').max(20),
  country: z.string().trim().length(2).default('US'),
  phone: z.string().trim().max(40).optional(),
  timeZone: timeZoneSchema.optional().describe("Defaults to the clinic's time zone"),
});

export const location = locationInput.extend({
  id: z.uuid(),
  timeZone: z.string(),
  addressLine2: z.string().nullable(),
  phone: z.string().nullable(),
});

export const clinicInput = z.object({
  name: nameSchema,
  timeZone: timeZoneSchema.default('America/Los_Angeles'),
});

export const clinicSettings = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  idleTimeoutMinutes: z.number().int(),
  require2faForStaff: z.boolean(),
  taxId: z.string().nullable(),
  npi: z.string().nullable(),
});

export const clinicSettingsPatch = z
  .object({
    name: nameSchema,
    timeZone: timeZoneSchema,
    idleTimeoutMinutes: z.number().int().min(5).max(480),
    require2faForStaff: z.boolean(),
    taxId: z
      .string()
      .trim()
      .regex(/^[0-9]{2}-[0-9]{7}$/, 'An EIN reads like 12-3456789')
      .nullable()
      .describe('Employer identification number, printed on superbills'),
    npi: z
      .string()
      .trim()
      .superRefine((npi, ctx) => {
        const problem = npiProblem(npi);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .nullable()
      .describe("The clinic's organisation NPI (type 2), printed on superbills"),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one setting' });
