import { describe, expect, it } from 'vitest';
import type { ReferralStanding } from '../../src/modules/appointments/schemas.ts';
import { ApiError } from '../../web/src/api/client.ts';
import { moveQuestion } from '../../web/src/features/calendar/move-question.ts';
import { refusalOf } from '../../web/src/features/calendar/refusal.ts';
import { checkInWarnings, referralNotes } from '../../web/src/features/calendar/visit-warnings.ts';

const ZONE = 'America/Los_Angeles';
const slot = {
  start: '2026-03-10T17:00:00.000Z',
  end: '2026-03-10T18:00:00.000Z',
  localDate: '2026-03-10',
  localTime: '10:00',
  localStart: '2026-03-10T10:00:00-07:00',
  therapistId: '01900000-0000-7000-8000-000000000001',
  roomId: '01900000-0000-7000-8000-000000000002',
  locationId: '01900000-0000-7000-8000-000000000003',
};

describe('a refused booking or move, in the server’s words', () => {
  it('keeps the server’s reason for an engine problem, with the nearest free times it sent', () => {
    const refusal = refusalOf(
      new ApiError(422, 'unprocessable', 'That time is outside the therapist’s working hours', {
        problems: ['outside-working-hours'],
        alternatives: { before: [], after: [slot] },
      }),
    );
    expect(refusal).toEqual({
      title: 'Not moved',
      message: 'That time is outside the therapist’s working hours',
      alternatives: { before: [], after: [slot] },
    });
  });

  it('says the time is taken only when it was (409 slot_taken)', () => {
    const taken = refusalOf(
      new ApiError(409, 'slot_taken', 'That time is no longer free; here are the nearest free times', {
        alternatives: { before: [slot], after: [] },
      }),
    );
    expect(taken.title).toBe('That time is taken');
    expect(taken.alternatives?.before).toEqual([slot]);
    const changed = refusalOf(new ApiError(409, 'conflict', 'This appointment changed meanwhile; reload it'));
    expect(changed).toEqual({
      title: 'Not moved',
      message: 'This appointment changed meanwhile; reload it',
      alternatives: null,
    });
  });
});

describe('what a drop asks before it moves anyone', () => {
  it('names the patient, both times in the clinic’s zone, and the e-mail', () => {
    expect(
      moveQuestion(
        { who: 'Camila de la Cruz', from: '2026-03-09T16:00:00.000Z', to: '2026-03-09T16:15:00.000Z' },
        ZONE,
      ),
    ).toBe('Move Camila de la Cruz from Mon 9:00 AM to Mon 9:15 AM? They will be e-mailed.');
  });

  it('names the new therapist or room a drop changes', () => {
    expect(
      moveQuestion(
        {
          who: 'Camila de la Cruz',
          from: '2026-03-09T16:00:00.000Z',
          to: '2026-03-11T21:30:00.000Z',
          therapist: 'Dana Kim',
          room: 'Room 2',
        },
        ZONE,
      ),
    ).toBe(
      'Move Camila de la Cruz from Mon 9:00 AM to Wed 2:30 PM with Dana Kim in Room 2? They will be e-mailed.',
    );
  });
});

describe('the referral’s standing, as the desk reads it', () => {
  const standing = (
    over: Partial<NonNullable<ReferralStanding['referral']>>,
    codes: ReferralStanding['warnings'][number]['code'][],
  ): ReferralStanding => ({
    referral: {
      id: '01900000-0000-7000-8000-000000000009',
      linked: false,
      validFrom: '2025-05-01',
      validUntil: '2025-10-31',
      visitsAllowed: 6,
      visitsUsedOrBooked: 2,
      ...over,
    },
    warnings: codes.map((code) => ({ code, message: code })),
  });

  it('says the patient’s referral expired, before check-in or booking', () => {
    const expired = standing({}, ['after_referral_expiry']);
    expect(referralNotes(expired, '2025-11-12', 'visit')).toEqual([
      'The patient’s referral expired Oct 31, 2025.',
    ]);
    expect(referralNotes(expired, '2025-10-20', 'booking')).toEqual([
      'The patient’s referral expires Oct 31, 2025, before this visit.',
    ]);
  });

  it('says the authorised visits are used up, counting the booked ones', () => {
    const full = standing({ linked: true, validUntil: null, visitsUsedOrBooked: 6 }, [
      'exceeds_authorized_visits',
    ]);
    expect(referralNotes(full, '2025-11-12', 'visit')).toEqual([
      'This visit’s referral: its 6 authorised visits are used up; this is visit 7.',
    ]);
    expect(referralNotes(full, '2025-11-12', 'booking')).toEqual([
      'This visit’s referral: all 6 authorised visits are used or booked (6).',
    ]);
  });

  it('says nothing without a warning or a referral', () => {
    expect(referralNotes(standing({}, []), '2025-06-01', 'visit')).toEqual([]);
    expect(referralNotes({ referral: null, warnings: [] }, '2025-06-01', 'booking')).toEqual([]);
    expect(
      referralNotes(
        standing({ validFrom: '2025-12-01' }, ['before_referral_start']),
        '2025-11-12',
        'booking',
      ),
    ).toEqual(['The patient’s referral is valid only from Dec 1, 2025.']);
  });
});

describe('what the appointment dialog says before check-in', () => {
  const expired: ReferralStanding = {
    referral: {
      id: '01900000-0000-7000-8000-000000000009',
      linked: false,
      validFrom: '2025-05-01',
      validUntil: '2025-10-31',
      visitsAllowed: 12,
      visitsUsedOrBooked: 4,
    },
    warnings: [{ code: 'after_referral_expiry', message: 'After the referral expires (2025-10-31)' }],
  };

  it('names the intake not done and the expired referral (Hiroshi Tanaka’s visit)', () => {
    expect(checkInWarnings({ status: 'confirmed', intakeSubmitted: false }, expired, '2025-11-12')).toEqual({
      intakeMissing: true,
      referral: ['The patient’s referral expired Oct 31, 2025.'],
    });
  });

  it('says nothing once the patient is checked in, or when the list did not say (not staff)', () => {
    expect(checkInWarnings({ status: 'checked_in', intakeSubmitted: false }, expired, '2025-11-12')).toEqual({
      intakeMissing: false,
      referral: [],
    });
    expect(checkInWarnings({ status: 'booked' }, undefined, '2025-11-12')).toEqual({
      intakeMissing: false,
      referral: [],
    });
  });
});
