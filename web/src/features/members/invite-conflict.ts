import { ApiError } from '../../api/client.ts';

/**
 * Why the server refused an invitation as a duplicate (409): the address already has a pending invitation,
 * which the owner may replace with a new link, or belongs to a current member, whose roles change on Members.
 */
export type InviteConflict =
  | { kind: 'pending'; message: string }
  | { kind: 'member'; message: string }
  | null;

export function inviteConflictOf(error: unknown): InviteConflict {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (reason === 'invitation_pending') return { kind: 'pending', message: error.message };
  if (reason === 'already_member') return { kind: 'member', message: error.message };
  return null;
}
