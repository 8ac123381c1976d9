import { z } from 'zod';

/** Zod schemas shared by the server and the web app. No server imports here. */
export const ROLE_VALUES = ['owner', 'front_desk', 'therapist', 'physician', 'patient'] as const;
export const roleSchema = z.enum(ROLE_VALUES);

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid e-mail address' }))
  .transform((e) => e.toLowerCase());

export const MIN_PASSWORD_LENGTH = 12;
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'Use at most 200 characters');

export const isValidTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};
export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'Use an IANA time zone such as America/Los_Angeles' });

export const nameSchema = z.string().trim().min(1, 'Required').max(200);
export const isoDateTime = z.iso.datetime({ offset: true });
export const idParam = z.uuid();

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
