import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import { inviteConflictOf } from '../../web/src/features/members/invite-conflict.ts';

describe('inviteConflictOf', () => {
  it('offers to resend when the address has a pending invitation', () => {
    const error = new ApiError(409, 'conflict', 'a@b.test already has a pending invitation (therapist).', {
      reason: 'invitation_pending',
      invitationId: 'x',
    });
    expect(inviteConflictOf(error)).toEqual({
      kind: 'pending',
      message: 'a@b.test already has a pending invitation (therapist).',
    });
  });

  it('says a current member is one already', () => {
    const error = new ApiError(409, 'conflict', 'a@b.test is already a member (therapist).', {
      reason: 'already_member',
      roles: ['therapist'],
    });
    expect(inviteConflictOf(error)).toMatchObject({ kind: 'member' });
  });

  it('leaves other errors to the form', () => {
    expect(inviteConflictOf(new ApiError(409, 'conflict', 'Other', undefined))).toBeNull();
    expect(
      inviteConflictOf(new ApiError(400, 'validation_failed', 'Bad', [{ path: 'email', message: 'x' }])),
    ).toBeNull();
    expect(inviteConflictOf(new Error('offline'))).toBeNull();
  });
});
