import { describe, expect, it } from 'vitest';
import type { ReferralStandings } from '../../src/modules/appointments/schemas.ts';
import {
  referralMark,
  referralMarksById,
  referralMarksRange,
} from '../../web/src/features/calendar/referral-marks.ts';

type Standing = ReferralStandings['items'][number];
const TODAY = '2026-11-12';
const ref = {
  id: '01900000-0000-7000-8000-000000000010',
  linked: false,
  validFrom: '2026-08-01',
  validUntil: '2026-10-31',
  visitsAllowed: 12,
  visitsUsedOrBooked: 3,
};
const standing = (
  appointmentId: string,
  codes: Standing['warnings'][number]['code'][],
  referral: Partial<typeof ref> | null = {},
): Standing => ({
  appointmentId,
  referral: referral === null ? null : { ...ref, ...referral },
  warnings: codes.map((code) => ({ code, message: code })),
});

describe('the referral mark on a day list’s appointment', () => {
  it('says the referral expired, on which day (the year only when it is not this one)', () => {
    expect(referralMark(standing('a', ['after_referral_expiry']), TODAY)).toEqual({
      text: 'Referral expired Oct 31',
      detail: 'The patient’s referral expired Oct 31, 2026.',
    });
    expect(
      referralMark(standing('a', ['after_referral_expiry'], { validUntil: '2025-12-20' }), TODAY)?.text,
    ).toBe('Referral expired Dec 20, 2025');
    // A visit later in the week, after a referral still valid today: it runs out before the visit.
    expect(
      referralMark(
        standing('a', ['after_referral_expiry'], { validUntil: '2026-11-14', linked: true }),
        TODAY,
      ),
    ).toEqual({
      text: 'Referral expires Nov 14',
      detail: 'This visit’s referral expires Nov 14, 2026, before this visit.',
    });
  });

  it('says the authorised visits are used up, and a referral not valid yet', () => {
    expect(
      referralMark(standing('a', ['exceeds_authorized_visits'], { visitsUsedOrBooked: 12 }), TODAY),
    ).toEqual({
      text: 'Referral: 12 of 12 visits used',
      detail: 'The patient’s referral: its 12 authorised visits are used up; this is visit 13.',
    });
    expect(
      referralMark(standing('a', ['before_referral_start'], { validFrom: '2026-12-01' }), TODAY)?.text,
    ).toBe('Referral valid from Dec 1');
    expect(
      referralMark(
        standing('a', ['exceeds_authorized_visits', 'after_referral_expiry'], { visitsUsedOrBooked: 13 }),
        TODAY,
      )?.text,
    ).toBe('Referral: 13 visits used or booked, 1 over the 12 authorised, expired Oct 31');
  });

  it('marks nothing when the referral is in order, for a self-pay patient, or before the answer', () => {
    expect(referralMark(standing('a', []), TODAY)).toBeNull();
    expect(referralMark(standing('a', [], null), TODAY)).toBeNull();
    expect(referralMark(undefined, TODAY)).toBeNull();
    const marks = referralMarksById(
      [standing('a', []), standing('b', ['after_referral_expiry']), standing('c', [], null)],
      TODAY,
    );
    expect([...marks.keys()]).toEqual(['b']);
  });
});

describe('the one read a list needs', () => {
  const appt = (
    id: string,
    localStart: string,
    status: 'booked' | 'checked_in' | 'completed' | 'cancelled',
  ) => ({
    id,
    localStart,
    status,
  });

  it('spans the local dates of the appointments to come or under way, and changes when one changes', () => {
    const week = [
      appt('a', '2026-11-10T09:00:00-08:00', 'completed'),
      appt('b', '2026-11-12T09:00:00-08:00', 'checked_in'),
      appt('c', '2026-11-14T16:00:00-08:00', 'booked'),
      appt('d', '2026-11-16T09:00:00-08:00', 'cancelled'),
    ];
    const range = referralMarksRange(week);
    expect(range).toMatchObject({ from: '2026-11-12', to: '2026-11-15' });
    // The same appointments in another order: the same read.
    expect(referralMarksRange([...week].reverse())?.key).toBe(range?.key);
    const moved = week.map((a) => (a.id === 'c' ? { ...a, localStart: '2026-11-14T10:00:00-08:00' } : a));
    expect(referralMarksRange(moved)?.key).not.toBe(range?.key);
    const checkedIn = week.map((a) => (a.id === 'c' ? { ...a, status: 'checked_in' as const } : a));
    expect(referralMarksRange(checkedIn)?.key).not.toBe(range?.key);
    expect(referralMarksRange([week[0]!, week[3]!])).toBeNull();
    expect(referralMarksRange([])).toBeNull();
  });
});
