import { describe, expect, it } from 'vitest';
import type { CancelResult, OpeningOffered } from '../../src/modules/appointments/schemas.ts';
import {
  cancelledMessage,
  closesWhen,
  lateFeeIfCancelledNow,
  openingText,
} from '../../web/src/features/calendar/cancel.ts';

const ZONE = 'America/Los_Angeles';
const start = '2026-11-30T20:30:00.000Z'; // Monday 12:30 PM in Los Angeles
// The morning the time is cancelled: 8:00 AM on Monday, Nov 30 in Los Angeles.
const cancelledAt = new Date('2026-11-30T16:00:00.000Z');
const rules = { lateCancellationHours: 24, lateCancellationFeeCents: 4000 };
const isa = { patientId: 'i', patientName: 'Isa Moreno', emailed: false, phone: '(619) 555-0134' };
const ana = { patientId: 'a', patientName: 'Ana Lee', emailed: true, phone: null };
const bo = { patientId: 'b', patientName: 'Bo Park', emailed: true, phone: '(619) 555-0199' };
const offered = (people: OpeningOffered['people']): OpeningOffered => ({
  outcome: 'offered',
  people,
  closesAt: '2026-11-30T18:30:00.000Z',
  minNoticeMinutes: 120,
});

describe('the waiver offered in the cancel form', () => {
  const morning = new Date('2026-11-30T16:00:00.000Z');
  it("is for the patient's late cancellation when the clinic charges a fee", () => {
    expect(lateFeeIfCancelledNow('patient', start, morning, rules)).toBe(4000);
  });
  it('never for the clinic, nor in good time, nor without a fee, nor before the rules load', () => {
    expect(lateFeeIfCancelledNow('clinic', start, morning, rules)).toBeNull();
    expect(lateFeeIfCancelledNow(null, start, morning, rules)).toBeNull();
    expect(lateFeeIfCancelledNow('patient', start, new Date('2026-11-27T16:00:00.000Z'), rules)).toBeNull();
    expect(
      lateFeeIfCancelledNow('patient', start, morning, { ...rules, lateCancellationFeeCents: 0 }),
    ).toBeNull();
    expect(lateFeeIfCancelledNow('patient', start, morning, undefined)).toBeNull();
  });
});

describe('what the desk is told of the freed time', () => {
  it('names who has no e-mail, with the number to call, and counts those e-mailed', () => {
    expect(openingText(offered([isa, ana, bo]), ZONE, cancelledAt)).toBe(
      'Offered by e-mail to 2 people waiting. Offered to Isa Moreno — no e-mail on file: call (619) 555-0134. The offer closes at 10:30 AM.',
    );
    expect(openingText(offered([ana]), ZONE, cancelledAt)).toBe(
      'Offered by e-mail to Ana Lee. The offer closes at 10:30 AM.',
    );
    expect(openingText(offered([{ ...isa, phone: null }]), ZONE)).toContain('no phone number on file either');
  });
  it('says the day the offer closes when it is not today, in the clinic’s zone (walkthrough)', () => {
    // Cancelled at 3:00 PM on Sunday, Nov 29; the offer closes 9:08 PM on Monday, Nov 30 (Los Angeles), which
    // is already Tuesday, Dec 1 in UTC.
    const sunday = new Date('2026-11-29T23:00:00.000Z');
    const closing = { ...offered([ana]), closesAt: '2026-12-01T05:08:00.000Z' };
    expect(openingText(closing, ZONE, sunday)).toBe(
      'Offered by e-mail to Ana Lee. The offer closes tomorrow, 9:08 PM.',
    );
    expect(openingText(closing, ZONE, new Date('2026-11-27T18:00:00.000Z'))).toBe(
      'Offered by e-mail to Ana Lee. The offer closes Mon, Nov 30, 9:08 PM.',
    );
    // Late on Monday evening in Los Angeles (already Tuesday in UTC) it closes today.
    expect(closesWhen(closing.closesAt, ZONE, new Date('2026-12-01T04:00:00.000Z'))).toBe('at 9:08 PM');
    // The day is the clinic's: in New York the same instant is 12:08 AM on Tuesday, the day after Monday.
    expect(closesWhen(closing.closesAt, 'America/New_York', new Date('2026-12-01T04:00:00.000Z'))).toBe(
      'tomorrow, 12:08 AM',
    );
    expect(
      cancelledMessage(
        'Grace Kim',
        {
          cancelledLate: false,
          fee: null,
          cancelledByRole: 'staff',
          opening: closing,
        } as unknown as CancelResult,
        ZONE,
        sunday,
      ),
    ).toBe(
      'Grace Kim’s appointment is cancelled by the clinic. Offered by e-mail to Ana Lee. The offer closes tomorrow, 9:08 PM.',
    );
  });
  it('says when it was too close to offer online, and who to phone; or that nobody waits', () => {
    expect(
      openingText({ outcome: 'too_soon', people: [isa], closesAt: null, minNoticeMinutes: 120 }, ZONE),
    ).toBe(
      'It starts within the clinic’s minimum notice for online booking (2 hours), so it was not offered online. Waiting for it: Isa Moreno (call (619) 555-0134).',
    );
    expect(
      openingText({ outcome: 'none_waiting', people: [], closesAt: null, minNoticeMinutes: 120 }, ZONE),
    ).toBe('Nobody on the waiting list is waiting for this time.');
    expect(openingText({ outcome: 'started', people: [], closesAt: null, minNoticeMinutes: 120 }, ZONE)).toBe(
      '',
    );
    expect(openingText(null, ZONE)).toBe('');
  });
});

describe('the message after cancelling', () => {
  const base = { cancelledLate: false, fee: null, opening: null } as unknown as CancelResult;
  it('says who cancelled, and the fee or its waiver', () => {
    expect(cancelledMessage('Grace Kim', { ...base, cancelledByRole: 'staff' }, ZONE)).toBe(
      'Grace Kim’s appointment is cancelled by the clinic.',
    );
    expect(
      cancelledMessage(
        'Grace Kim',
        { ...base, cancelledByRole: 'patient', cancelledLate: true, fee: { cents: 4000, waived: false } },
        ZONE,
      ),
    ).toBe('Grace Kim’s appointment is cancelled at the patient’s request (late cancellation: $40.00 fee).');
    expect(
      cancelledMessage(
        null,
        { ...base, cancelledByRole: 'patient', cancelledLate: true, fee: { cents: 4000, waived: true } },
        ZONE,
      ),
    ).toBe(
      'The appointment is cancelled at the patient’s request (late cancellation; the $40.00 fee is waived).',
    );
  });
  it('goes on with what became of the time', () => {
    expect(
      cancelledMessage(
        'Grace Kim',
        { ...base, cancelledByRole: 'staff', opening: offered([isa]) },
        ZONE,
        cancelledAt,
      ),
    ).toBe(
      'Grace Kim’s appointment is cancelled by the clinic. Offered to Isa Moreno — no e-mail on file: call (619) 555-0134. The offer closes at 10:30 AM.',
    );
  });
});
