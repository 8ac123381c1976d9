import { z } from 'zod';
import { nameSchema, timeZoneSchema } from '../../platform/schemas.ts';

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
});

export const clinicSettingsPatch = z
  .object({
    name: nameSchema,
    timeZone: timeZoneSchema,
    idleTimeoutMinutes: z.number().int().min(5).max(480),
    require2faForStaff: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one setting' });
