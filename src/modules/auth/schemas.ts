import { z } from 'zod';
import { emailSchema, isoDateTime, newPasswordSchema, roleSchema } from '../../platform/schemas.ts';

export const loginBody = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Required').max(200),
});

export const totpBody = z
  .object({
    code: z
      .string()
      .regex(/^\d{6}$/, 'Enter the 6-digit code')
      .optional(),
    recoveryCode: z.string().trim().min(8).max(32).optional(),
  })
  .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), {
    message: 'Send either a 6-digit code or a recovery code',
  });

export const meResponse = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), totpEnabled: z.boolean() }),
  clinics: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string(),
      roles: z.array(roleSchema),
      mfaEnrollmentRequired: z.boolean(),
      patientId: z
        .uuid()
        .nullable()
        .describe('My own patient record in this clinic, when I am a patient there'),
    }),
  ),
  csrfToken: z.string().nullable(),
  session: z.object({ expiresAt: isoDateTime, idleTimeoutMinutes: z.number().int() }).nullable(),
});
export type Me = z.infer<typeof meResponse>;

/** The CSRF token goes with every write of this session (`X-CSRF-Token`); GET /api/me answers the rest. */
export const loginResponse = z.object({
  status: z.enum(['signed_in', 'mfa_required']),
  csrfToken: z.string(),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});

export const totpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpEnableBody = z.object({ code: z.string().regex(/^\d{6}$/, 'Enter the 6-digit code') });
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export const passwordConfirmBody = z.object({ password: z.string().min(1).max(200) });
export const okResponse = z.object({ ok: z.literal(true) });

/** How long a password-reset link works, and how many an account is sent an hour (no mailbox flooding). */
export const PASSWORD_RESET_MINUTES = 60;
export const PASSWORD_RESETS_PER_HOUR = 3;
export const passwordResetRequestBody = z.object({ email: emailSchema });
export const passwordResetBody = z.object({
  token: z.string().min(20).max(100),
  password: newPasswordSchema,
});
