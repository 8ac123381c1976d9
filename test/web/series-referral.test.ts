import { describe, expect, it } from 'vitest';
import type { Slot } from '../../web/src/api/scheduling.ts';
import {
  currentReferralFor,
  markText,
  seriesMarks,
  seriesWarningTexts,
  warningText,
} from '../../web/src/features/series/series-referral.ts';

const slotOn = (localDate: string, hour = 10): Slot => ({
  start: `${localDate}T${String(hour + 7).padStart(2, '0')}:00:00.000Z`,
  end: `${localDate}T${String(hour + 8).padStart(2, '0')}:00:00.000Z`,
  localDate,
  localTime: `${String(hour).padStart(2, '0')}:00`,
  localStart: `${localDate}T${String(hour).padStart(2, '0')}:00:00-07:00`,
  therapistId: '01900000-0000-7000-8000-000000000001',
  roomId: '01900000-0000-7000-8000-000000000002',
  locationId: '01900000-0000-7000-8000-000000000003',
});
const referral = {
  id: '01900000-0000-7000-8000-0000000000aa',
  visitsAllowed: 12,
  visitsUsedOrBooked: 8,
  validFrom: '2026-02-01',
  validUntil: '2026-04-14',
};

describe('the referral a series starts with', () => {
  const ref = (
    id: string,
    validFrom: string,
    validUntil: string | null,
    supersededById: string | null = null,
  ) => ({
    id,
    validFrom,
    validUntil,
    supersededById,
  });

  it('is the newest referral valid on the first date, not one renewed since', () => {
    const referrals = [
      ref('a', '2026-01-01', '2026-06-30'),
      ref('b', '2026-02-01', '2026-06-30'),
      ref('c', '2026-02-15', '2026-06-30', 'd'), // renewed
      ref('d', '2026-05-01', '2026-09-30'),
    ];
    expect(currentReferralFor(referrals, '2026-03-10')).toBe('b');
    expect(currentReferralFor(referrals, '2026-05-02')).toBe('d');
  });

  it('is none when the current one has expired or none has started', () => {
    expect(currentReferralFor([ref('a', '2026-01-01', '2026-02-28')], '2026-03-10')).toBeNull();
    expect(currentReferralFor([ref('a', '2026-04-01', null)], '2026-03-10')).toBeNull();
    expect(currentReferralFor([], '2026-03-10')).toBeNull();
    expect(currentReferralFor([ref('a', '2026-01-01', null)], '2026-03-10')).toBe('a');
  });
});

describe('series warnings and marks', () => {
  it('words the expiry date and the visits in plain words, not ISO dates', () => {
    expect(warningText('after_referral_expiry', referral)).toBe(
      'After the referral expires on Apr 14, 2026.',
    );
    expect(warningText('exceeds_authorized_visits', referral)).toBe(
      "Beyond the referral's 12 authorised visits: 8 already used or booked.",
    );
    expect(warningText('before_referral_start', referral)).toBe(
      'Before the referral is valid (from Feb 1, 2026).',
    );
    expect(warningText('after_referral_expiry', null)).toBe('After the referral expires.');
  });

  it('marks each date beyond the authorised visits or the expiry, in the order of the dates as chosen', () => {
    // 9 used or booked of 12: the fourth date booked (in date order) is the thirteenth visit.
    const chosen = [
      slotOn('2026-04-07'),
      slotOn('2026-03-10'),
      null, // left out: not counted
      slotOn('2026-03-12'),
      slotOn('2026-03-17'),
      slotOn('2026-04-16'),
    ];
    expect(seriesMarks(chosen, { ...referral, visitsUsedOrBooked: 9 })).toEqual([
      ['exceeds_authorized_visits'],
      [],
      [],
      [],
      [],
      ['exceeds_authorized_visits', 'after_referral_expiry'],
    ]);
    expect(markText(['exceeds_authorized_visits', 'after_referral_expiry'])).toBe(
      'Beyond the authorised visits, after the referral expires',
    );
    expect(seriesMarks(chosen, null).every((m) => m.length === 0)).toBe(true);
    expect(
      seriesMarks([slotOn('2026-01-20')], { ...referral, visitsAllowed: null, validUntil: null }),
    ).toEqual([['before_referral_start']]);
  });

  it('lists each warning once, those the server gave and those of the dates chosen', () => {
    const marks = seriesMarks([slotOn('2026-04-16')], { ...referral, visitsUsedOrBooked: 0 });
    expect(seriesWarningTexts([{ code: 'exceeds_authorized_visits' }], marks, referral)).toEqual([
      {
        code: 'exceeds_authorized_visits',
        text: "Beyond the referral's 12 authorised visits: 8 already used or booked.",
      },
      { code: 'after_referral_expiry', text: 'After the referral expires on Apr 14, 2026.' },
    ]);
    expect(seriesWarningTexts([], [[]], referral)).toEqual([]);
  });
});
