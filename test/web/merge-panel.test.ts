import { describe, expect, it } from 'vitest';
import {
  accountLinkWarning,
  type MergeSide,
  mergedMessage,
  movedWords,
  movesList,
  onlineRecordId,
  plural,
  sideFacts,
} from '../../web/src/features/patients/merge.ts';

const EXISTING = '0190a000-0000-7000-8000-000000000001';
const ONLINE = '0190a000-0000-7000-8000-000000000002';
const existing: MergeSide = {
  id: EXISTING,
  displayName: 'Mei Chen',
  email: 'mei.chen@example.test',
  phone: '619-555-0101',
  hasPortalAccount: false,
};
const online: MergeSide = {
  id: ONLINE,
  displayName: 'Mei Chen',
  email: 'meichen59@example.test',
  phone: null,
  hasPortalAccount: true,
};

describe('the merge panel', () => {
  it('pluralises counts properly', () => {
    expect(plural(0, 'referral')).toBe('0 referrals');
    expect(plural(1, 'referral')).toBe('1 referral');
    expect(plural(2, 'document')).toBe('2 documents');
    expect(movedWords('waitlist_entries', 1)).toBe('1 waitlist entry');
    expect(movedWords('waitlist_entries', 3)).toBe('3 waitlist entries');
    expect(movedWords('some_new_table', 2)).toBe('some new table (2)');
  });

  it('lists what moves in plain words, without developer wording', () => {
    const lines = movesList({
      appointments: 1,
      referrals: 0,
      documents: 2,
      intake: { status: 'submitted', version: 3 },
    });
    expect(lines).toEqual([
      '1 upcoming appointment',
      '0 referrals',
      '2 documents',
      'the intake questionnaire and 3 health-history versions',
      'session notes, assessments, treatment plans, physician clearances and physician access',
    ]);
    expect(lines.join(' ')).not.toMatch(/capabilit|\(s\)/);
    expect(movesList({ appointments: 0, referrals: 1, documents: 0, intake: { status: 'draft' } })).toContain(
      'the intake questionnaire draft',
    );
  });

  it('says which record registered online, from the possible-duplicate notice for the pair only', () => {
    const notice = {
      patient: { id: ONLINE, displayName: 'Mei Chen', dateOfBirth: '1959-06-04' },
      existing: { id: EXISTING, displayName: 'Mei Chen', dateOfBirth: '1959-06-04' },
    };
    expect(onlineRecordId([notice], EXISTING, ONLINE)).toBe(ONLINE);
    expect(onlineRecordId([notice], ONLINE, EXISTING)).toBe(ONLINE);
    expect(onlineRecordId([notice], EXISTING, '0190a000-0000-7000-8000-000000000009')).toBeNull();
    expect(sideFacts(online, ONLINE)).toEqual({
      email: 'meichen59@example.test',
      phone: 'No phone',
      account: 'Registered online (has an online account)',
    });
    expect(sideFacts(existing, ONLINE).account).toBe('No online account');
    // Without a notice, an account still shows.
    expect(sideFacts(online, null).account).toBe('Has an online account');
  });

  it('warns when the merge links an online account to a chart, either way round, and not otherwise', () => {
    const warning =
      'This links the online account meichen59@example.test to Mei Chen’s record: it will see the whole chart. Confirm you checked it is the same person (e.g. photo ID at the desk) first.';
    expect(accountLinkWarning(existing, online)).toBe(warning);
    expect(accountLinkWarning(online, existing)).toBe(warning);
    expect(accountLinkWarning(existing, { ...online, hasPortalAccount: false })).toBeNull();
    expect(accountLinkWarning(existing, { ...online, email: null })).toMatch(
      /^This links an online account to Mei Chen’s record/,
    );
  });

  it('tells what the merge did, the linked account in words (not "userId")', () => {
    const message = mergedMessage({
      moved: { referrals: 1, attachments: 2, intake_links: 0 },
      filledFields: ['phone', 'notes', 'userId'],
    });
    expect(message).toBe(
      'Merged. Moved to this record: 1 referral, 2 documents. Filled in from the duplicate: phone, notes. The online account is now linked to this record.',
    );
    expect(mergedMessage({ moved: {}, filledFields: [] })).toBe(
      'Merged. The duplicate held nothing else to move.',
    );
  });
});
