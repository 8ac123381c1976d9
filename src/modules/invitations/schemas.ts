import { z } from 'zod';
import {
  emailSchema,
  isoDateTime,
  nameSchema,
  newPasswordSchema,
  roleSchema,
} from '../../platform/schemas.ts';
import { teamRoleSchema } from '../members/schemas.ts';

export const INVITATION_DAYS = 7;

/** Invitations to the team; a patient is invited to the portal from their chart, linked to their record. */
export const invitationInput = z.object({ email: emailSchema, role: teamRoleSchema });
export const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  expiresAt: isoDateTime,
  createdAt: isoDateTime,
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
});

export const invitationPreview = z.object({
  clinicName: z.string(),
  role: roleSchema,
  email: z.string(),
  accountExists: z.boolean(),
  expiresAt: isoDateTime,
});

/** A new person chooses their name and password; someone with an account signs in first and sends `{}`. */
export const acceptBody = z.object({
  displayName: nameSchema.optional(),
  password: newPasswordSchema.optional(),
});
