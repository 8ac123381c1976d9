import { describe, expect, it } from 'vitest';
import { intakeStanding } from '../../web/src/features/booking/intake-standing.ts';
import { bookingSummary } from '../../web/src/features/booking/summary.ts';

const ZONE = 'America/Los_Angeles';
// Intl puts narrow spaces around the dash and before AM.
const plain = (text: string) => text.replace(/\s/g, ' ');
const slot = { start: '2026-03-10T17:00:00.000Z', end: '2026-03-10T18:00:00.000Z' };

describe('what the confirm step says is about to be booked', () => {
  it('says the session’s length once', () => {
    const followUp = { name: 'Medical massage follow-up, 60 min', durationMinutes: 60 };
    const summary = bookingSummary(followUp, slot, ZONE, 'Dana Kim');
    expect(summary).toMatchObject({ session: 'Medical massage follow-up, 60 min', with: 'Dana Kim' });
    expect(plain(summary.when)).toBe('Tue, Mar 10, 10:00 – 11:00 AM');
    expect(summary.zone).toMatch(/Pacific/);
    expect(bookingSummary({ name: 'Hot stone', durationMinutes: 90 }, slot, ZONE, undefined)).toMatchObject({
      session: 'Hot stone (90 min)',
      with: 'Your therapist',
    });
  });
});

describe('whether the booking confirmation asks for the intake', () => {
  it('does not once a questionnaire is submitted, even with an update in draft', () => {
    expect(intakeStanding([{ status: 'submitted' }])).toBe('submitted');
    expect(intakeStanding([{ status: 'draft' }, { status: 'submitted' }])).toBe('submitted');
  });

  it('does for a patient with none, or only a draft', () => {
    expect(intakeStanding([])).toBe('none');
    expect(intakeStanding([{ status: 'draft' }])).toBe('draft');
  });
});
