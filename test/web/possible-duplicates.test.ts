import { describe, expect, it } from 'vitest';
import type { PossibleDuplicate } from '../../src/modules/patients/schemas.ts';
import {
  bannerFor,
  matchWords,
  mergeLink,
  mergeTarget,
} from '../../web/src/features/patients/possible-duplicates.ts';

const ONLINE = '0190e8a0-0000-7000-8000-000000000001';
const EXISTING = '0190e8a0-0000-7000-8000-000000000002';

const item: PossibleDuplicate = {
  patient: { id: ONLINE, displayName: 'Tomas Ruiz', dateOfBirth: '1968-02-20' },
  existing: { id: EXISTING, displayName: 'Tomás Ruiz', dateOfBirth: '1968-02-20' },
  sameEmail: true,
  detectedAt: '2026-12-01T16:00:00.000Z',
};

describe('possible duplicate records', () => {
  it('says what the records share: the e-mail only when it matches', () => {
    expect(matchWords(item)).toBe('same name, date of birth and e-mail');
    expect(matchWords({ sameEmail: false })).toBe('same name and date of birth');
  });

  it('opens the existing record with the online one chosen for merging into it', () => {
    expect(mergeLink(item)).toBe(`/patients/${EXISTING}?merge=${ONLINE}#section-merge`);
    expect(mergeTarget(`?merge=${ONLINE}`, EXISTING)).toBe(ONLINE);
  });

  it('ignores a merge parameter that is missing, not a record id, or the record itself', () => {
    expect(mergeTarget('', EXISTING)).toBeNull();
    expect(mergeTarget('?merge=abc', EXISTING)).toBeNull();
    expect(mergeTarget(`?merge=${EXISTING}`, EXISTING)).toBeNull();
  });

  it('names the existing record on the online record’s chart, with the safety advice', () => {
    const banner = bannerFor(item, ONLINE);
    expect(banner.other.id).toBe(EXISTING);
    expect(banner.text).toBe(
      'This may be the same person as Tomás Ruiz (same name, date of birth and e-mail) — review and merge.',
    );
    expect(banner.advice).toMatch(/safety flags/);
  });

  it('names the online record on the existing record’s chart', () => {
    const banner = bannerFor({ ...item, sameEmail: false }, EXISTING);
    expect(banner.other.id).toBe(ONLINE);
    expect(banner.text).toBe(
      'Tomas Ruiz registered online and may be the same person as this patient (same name and date of birth) — review and merge.',
    );
  });
});
