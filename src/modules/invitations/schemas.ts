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
export const invitationInput = z.object({
  email: emailSchema,
  role: teamRoleSchema,
  /** Withdraw the address's pending invitation and send a new link instead of refusing (409). */
  replace: z.boolean().optional(),
});
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
  /** Times on the invitation page are the clinic's, as on its Members page. */
  clinicTimeZone: z.string(),
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
