import { z } from 'zod';
import { emailSchema, nameSchema, newPasswordSchema } from '../../platform/schemas.ts';
import { clinicInput, locationInput } from '../clinics/schemas.ts';

export const setupBody = z.object({
  clinic: clinicInput,
  location: locationInput,
  owner: z.object({ displayName: nameSchema, email: emailSchema, password: newPasswordSchema }),
});
export type SetupBody = z.infer<typeof setupBody>;

export const setupStatus = z.object({ needed: z.boolean() });
