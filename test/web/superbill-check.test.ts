import { describe, expect, it } from 'vitest';
import { superbillPaymentText } from '../../src/domain/billing/superbill.ts';
import type { SuperbillCheck } from '../../src/modules/superbills/schemas.ts';
import {
  leftOutFix,
  leftOutLine,
  superbillSummary,
  withoutDiagnosisFix,
  withoutDiagnosisTitle,
} from '../../web/src/features/superbills/superbill-check.ts';

const patientId = 'p1';
const leftOut = (over: Partial<SuperbillCheck['leftOut'][number]>): SuperbillCheck['leftOut'][number] => ({
  date: '2026-11-07',
  reason: 'note_unsigned',
  message: 'note not signed yet',
  noteId: 'n1',
  appointmentId: 'a1',
  paidCents: 0,
  ...over,
});
const check = (over: Partial<SuperbillCheck>): SuperbillCheck => ({
  visits: 3,
  chargedCents: 33000,
  paidCents: 33000,
  otherVisitsPaidCents: 0,
  unpriced: 0,
  paymentText: 'Paid in full ($330.00).',
  leftOut: [],
  withoutDiagnosis: [],
  ...over,
});

describe('what a superbill says of payments', () => {
  it('says "paid in full" only of the listed visits, and the payments for the others apart', () => {
    const text = (chargedCents: number, paidCents: number, otherVisitsPaidCents = 0) =>
      superbillPaymentText({ chargedCents, paidCents, otherVisitsPaidCents });
    expect(text(33000, 33000)).toBe('Paid in full ($330.00).');
    expect(text(33000, 33000, 18500)).toBe(
      'Paid in full ($330.00). Payments for visits not listed: $185.00.',
    );
    expect(text(22000, 11000)).toBe('Paid $110.00; balance due $110.00.');
    expect(text(22000, 11000, 9000)).toBe(
      'Paid $110.00; balance due $110.00. Payments for visits not listed: $90.00.',
    );
    expect(text(22000, 0)).toBe('Nothing paid yet.');
    expect(text(22000, 0, 9000)).toBe(
      'Nothing paid yet for these visits. Payments for visits not listed: $90.00.',
    );
  });

  it('sums up the superbill for the staff', () => {
    expect(
      superbillSummary(
        check({
          otherVisitsPaidCents: 18500,
          paymentText: 'Paid in full ($330.00). Payments for visits not listed: $185.00.',
        }),
      ),
    ).toBe(
      'On this superbill: 3 visits, total charged $330.00. Paid in full ($330.00). Payments for visits not listed: $185.00.',
    );
    expect(
      superbillSummary(check({ visits: 1, unpriced: 1, chargedCents: 0, paymentText: 'Nothing paid yet.' })),
    ).toBe('On this superbill: 1 visit, no fee recorded. Nothing paid yet.');
    expect(superbillSummary(check({ visits: 2, unpriced: 1, chargedCents: 11000 }))).toContain(
      'total charged $110.00 (1 without a recorded fee)',
    );
    expect(superbillSummary(check({ visits: 0, paymentText: 'Nothing paid yet.' }))).toBe(
      'No visit to put on the superbill in this period.',
    );
  });
});

describe('the visits a superbill leaves out', () => {
  it('names each by its date and reason, with what was paid for it', () => {
    expect(leftOutLine(leftOut({}))).toBe('Nov 7, 2026: note not signed yet.');
    expect(leftOutLine(leftOut({ paidCents: 9500 }))).toBe('Nov 7, 2026: note not signed yet (paid $95.00).');
  });

  it('links each to where it is put right', () => {
    expect(leftOutFix(leftOut({}), patientId)).toEqual({
      to: '/patients/p1/notes/n1',
      label: 'Open the note to sign it',
      gate: 'todo',
    });
    expect(leftOutFix(leftOut({ reason: 'no_procedure' }), patientId)?.label).toBe('Open the note');
    expect(leftOutFix(leftOut({ reason: 'no_note', noteId: null }), patientId)?.to).toBe(
      '/patients/p1/notes/new?appointmentId=a1',
    );
    expect(leftOutFix(leftOut({ reason: 'no_licence' }), patientId)?.to).toBe('/directory-admin/credentials');
    expect(
      leftOutFix(leftOut({ reason: 'no_note', noteId: null, appointmentId: null }), patientId),
    ).toBeNull();
  });
});

describe('the visits with no diagnosis', () => {
  it('says how many and sends each to its referral or its note', () => {
    expect(withoutDiagnosisTitle(1)).toBe(
      '1 visit on this superbill has no diagnosis: the insurer cannot reimburse it',
    );
    expect(withoutDiagnosisTitle(2)).toMatch(/^2 visits on this superbill have no diagnosis/);
    const visit = { date: '2026-11-12', noteId: 'n2', referralId: 'r1', message: 'x' };
    expect(withoutDiagnosisFix({ ...visit, fixAt: 'referral' }, patientId).to).toBe(
      '/patients/p1#section-referrals',
    );
    expect(withoutDiagnosisFix({ ...visit, referralId: null, fixAt: 'note' }, patientId).to).toBe(
      '/patients/p1/notes/n2',
    );
  });
});
