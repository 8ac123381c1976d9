import { describe, expect, it } from 'vitest';
import { type ClaimInput, claimProblems } from '../../src/domain/billing/cms1500.ts';
import { x12Problems } from '../../src/domain/billing/x12-837p.ts';
import { claimProblemFix } from '../../web/src/features/superbills/claim-fixes.ts';

const patientId = 'p1';
const fix = (field: string, message = '', payer: 'health' | 'auto' | 'workers_comp' = 'health') =>
  claimProblemFix({ field, message }, { patientId, payer })?.to ?? null;

describe('where a claim problem is fixed', () => {
  it('sends each box to its page', () => {
    expect(fix('5')).toBe('/patients/p1/edit');
    expect(fix('3')).toBe('/patients/p1/edit');
    expect(fix('21')).toBe('/patients/p1#section-referrals');
    expect(fix('10b')).toBe('/patients/p1#section-referrals');
    expect(fix('17b')).toBe('/providers');
    expect(fix('24J')).toBe('/directory-admin/credentials');
    expect(fix('25')).toBe('/settings');
    expect(fix('33a')).toBe('/settings');
    expect(fix('32')).toBe('/locations');
  });

  it('tells apart what one box holds, by payer or by message', () => {
    // The member ID is on the patient's insurance; an auto claim number on the referral's claim.
    expect(fix('1a')).toBe('/patients/p1/edit');
    expect(fix('1a', '', 'auto')).toBe('/patients/p1#section-referrals');
    expect(fix('11c', '', 'workers_comp')).toBe('/patients/p1#section-referrals');
    // The clinic's ZIP+4, phone and address at its location; its name in the settings.
    expect(fix('33', "The billing provider's ZIP code needs all 9 digits (ZIP+4)")).toBe('/locations');
    expect(fix('33', 'The billing provider "Łódź Masaż" has no letter an electronic claim can carry')).toBe(
      '/settings',
    );
    expect(fix('17', 'No referring provider: most payers pay…')).toBe('/patients/p1#section-referrals');
    expect(fix('17', `The referring provider's last name "李" has no letter`)).toBe('/providers');
  });

  it('has nothing to open for a visit’s documentation or the period', () => {
    expect(fix('24D')).toBeNull();
    expect(fix('24')).toBeNull();
    expect(fix('claim')).toBeNull();
  });

  it('opens a page for every problem the claim check names about the patient, the clinic and the providers', () => {
    const empty: ClaimInput = {
      payer: { kind: 'health', name: null, memberId: null },
      patient: {
        firstName: 'Ana',
        lastName: 'Ruiz',
        birthDate: '1980-03-09',
        sex: null,
        address: { line1: '1 Elm', city: 'San Diego', state: 'California', postalCode: '921' },
        phone: null,
      },
      injury: null,
      referring: null,
      diagnoses: [],
      priorAuthorization: null,
      lines: [
        {
          date: '2026-03-14',
          placeOfService: '11',
          cpt: '97140',
          modifiers: [],
          diagnoses: [],
          units: 2,
          chargeCents: 100,
          renderingName: 'Jordan Lee',
          renderingNpi: null,
          licenceLapse: 'their CMT expired on Mar 10, 2026',
          outsideReferral: { referralDate: '2026-03-16', validFrom: '2026-03-16', validUntil: null },
        },
      ],
      taxId: null,
      billing: {
        name: 'Palpa',
        address: { line1: '2 Main', city: 'San Diego', state: 'CA', postalCode: '92101' },
        phone: null,
        npi: null,
      },
      facility: null,
      signature: { name: 'Jordan Lee', date: '2026-03-20' },
    };
    const problems = [...claimProblems(empty), ...x12Problems(empty)];
    expect(problems.length).toBeGreaterThan(10);
    for (const problem of problems)
      expect(claimProblemFix(problem, { patientId, payer: 'health' }), problem.message).not.toBeNull();
  });
});
