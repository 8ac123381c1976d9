import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';

/**
 * The roles of the clinic's team: the people who work with it, referring physicians included. A patient's
 * portal account is not one of them: it is given and taken from the patient's chart, never on the team list.
 */
export const TEAM_ROLES = ['owner', 'front_desk', 'therapist', 'physician'] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof teamRoleSchema>;
export const isTeamRole = (role: string): role is TeamRole =>
  (TEAM_ROLES as readonly string[]).includes(role);

export const member = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  /** Active team roles only (a team member who is also a patient here is listed without it). */
  roles: z.array(teamRoleSchema),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  since: isoDateTime,
});
export type Member = z.infer<typeof member>;

export const rolesBody = z.object({
  roles: z.array(teamRoleSchema).min(1, 'Give at least one role').max(TEAM_ROLES.length),
});
