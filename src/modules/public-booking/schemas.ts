import { z } from 'zod';
import { emailSchema, nameSchema, newPasswordSchema } from '../../platform/schemas.ts';
import { dateOfBirthSchema, phoneSchema } from '../patients/schemas.ts';
import { publicService } from '../scheduling/schemas.ts';

export const bookableClinic = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  locations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      city: z.string(),
      addressLine1: z.string(),
      address: z.string().describe('Street, suite, city, state and ZIP on one line'),
    }),
  ),
});

export const publicServices = z.object({
  timeZone: z.string(),
  /** Cancelling less than this many hours before the start is a late cancellation (told before booking). */
  lateCancellationHours: z.number().int(),
  /** Fees charged for a late cancellation and a no-show, in cents (0: none); told before booking too. */
  lateCancellationFeeCents: z.number().int(),
  noShowFeeCents: z.number().int(),
  items: z.array(publicService),
  therapists: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
});

/** A patient creates their own account while booking online (adults; a guardian registers a minor at the desk). */
export const patientRegistration = z.object({
  firstName: nameSchema,
  lastName: nameSchema,
  preferredName: z.string().trim().max(100).optional(),
  pronouns: z.string().trim().max(40).optional(),
  dateOfBirth: dateOfBirthSchema,
  email: emailSchema,
  phone: z
    .union([z.literal(''), phoneSchema])
    .optional()
    .describe('Checked as a phone the front desk enters is (digits, spaces, + ( ) - .); blank for none'),
  password: newPasswordSchema,
});
