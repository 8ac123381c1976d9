import { describe, expect, it } from 'vitest';
import {
  type ClaimInput,
  type ClaimLineInput,
  claimForms,
  claimProblems,
  formBoxes,
  formDate,
  printedDiagnosis,
  referralGapText,
  splitCents,
} from './cms1500.ts';

const address = { line1: '12 Elm St', city: 'San Diego', state: 'CA', postalCode: '92101' };

const line = (over: Partial<ClaimLineInput> = {}): ClaimLineInput => ({
  date: '2026-03-14',
  placeOfService: '11',
  cpt: '97140',
  modifiers: [],
  diagnoses: ['M54.50'],
  units: 2,
  chargeCents: 11000,
  renderingName: 'Jordan Lee',
  renderingNpi: '1245319599',
  ...over,
});

const health = (over: Partial<ClaimInput> = {}): ClaimInput => ({
  payer: { kind: 'health', name: 'Blue Shield of California', memberId: 'XYZ123456', groupNumber: 'G-77' },
  patient: {
    firstName: 'Ana',
    lastName: 'Ruiz',
    birthDate: '1980-03-09',
    sex: 'F',
    address,
    phone: '619-555-0100',
  },
  injury: null,
  referring: { firstName: 'Sam', lastName: 'Park', credentials: 'MD', npi: '1234567893' },
  diagnoses: ['M54.50', 'M62.838'],
  priorAuthorization: 'PA-55102',
  lines: [line({ diagnoses: ['M54.50', 'M62.838'] })],
  taxId: '12-3456789',
  billing: { name: 'Palpa Clinic', address, phone: '619-555-0199', npi: '1234567893' },
  facility: { name: 'Palpa Clinic', address, npi: '1234567893' },
  signature: { name: 'Jordan Lee, LMT', date: '2026-03-20' },
  ...over,
});

const workersComp = (over: Partial<ClaimInput> = {}): ClaimInput =>
  health({
    payer: {
      kind: 'workers_comp',
      name: 'State Fund',
      claimNumber: 'WC-2026-0042',
      employer: 'Acme Logistics',
    },
    injury: { cause: 'employment', date: '2026-02-01', state: null },
    ...over,
  });

const auto = (over: Partial<ClaimInput> = {}): ClaimInput =>
  health({
    payer: { kind: 'auto', name: 'Pacific Auto Mutual', claimNumber: 'PAM-88231' },
    injury: { cause: 'auto_accident', date: '2026-02-20', state: 'CA' },
    ...over,
  });

const box = (input: ClaimInput, number: string, page = 0) =>
  formBoxes(claimForms(input)[page]!).find((b) => b.box === number)?.value;

describe('CMS-1500 boxes', () => {
  it('fills a health plan claim: group health, member ID, the patient is the insured', () => {
    const [form] = claimForms(health());
    expect(form).toMatchObject({
      page: 1,
      pages: 1,
      insuranceType: 'group_health',
      insuredId: 'XYZ123456',
      patientName: 'Ruiz, Ana',
      insuredName: 'Ruiz, Ana',
      relationship: 'self',
      insuredAddress: address,
      policyGroup: 'G-77',
      insuredBirthDate: '1980-03-09',
      insuredSex: 'F',
      otherClaimId: null,
      planName: 'Blue Shield of California',
      anotherPlan: false,
      employment: false,
      autoAccident: false,
      otherAccident: false,
      injuryDate: null,
      icdIndicator: '0',
      diagnoses: ['M5450', 'M62838'],
      priorAuthorization: 'PA-55102',
      taxId: '12-3456789',
      totalChargeCents: 11000,
    });
    expect(box(health(), '1')).toBe('Group health plan');
    expect(box(health(), '3')).toBe('03/09/1980 F');
    expect(box(health(), '10a')).toBe('NO');
    expect(box(health(), '17')).toBe('DN Park, Sam');
    expect(box(health(), '17b')).toBe('1234567893');
    expect(box(health(), '21A')).toBe('M5450');
    expect(box(health(), '21B')).toBe('M62838');
    expect(box(health(), '24A.1')).toBe('03/14/2026');
    expect(box(health(), '24B.1')).toBe('11');
    expect(box(health(), '24D.1')).toBe('97140');
    expect(box(health(), '24E.1')).toBe('AB');
    expect(box(health(), '24F.1')).toBe('110.00');
    expect(box(health(), '24G.1')).toBe('2');
    expect(box(health(), '24J.1')).toBe('1245319599');
    expect(box(health(), '25')).toBe('12-3456789');
    expect(box(health(), '28')).toBe('110.00');
    expect(box(health(), '31')).toBe('Jordan Lee, LMT, 03/20/2026');
    expect(box(health(), '33a')).toBe('1234567893');
    expect(claimProblems(health())).toEqual([]);
  });

  it("puts the employer as insured and the claim number in 1a, 11 and 11b on a workers' compensation claim", () => {
    const [form] = claimForms(workersComp());
    expect(form).toMatchObject({
      insuranceType: 'other',
      insuredId: 'WC-2026-0042',
      insuredName: 'Acme Logistics',
      relationship: 'other',
      insuredAddress: null,
      insuredBirthDate: null,
      insuredSex: null,
      policyGroup: 'WC-2026-0042',
      otherClaimId: { qualifier: 'Y4', value: 'WC-2026-0042' },
      planName: 'State Fund',
      anotherPlan: null,
      employment: true,
      autoAccident: false,
      injuryDate: '2026-02-01',
    });
    expect(box(workersComp(), '10a')).toBe('YES');
    expect(box(workersComp(), '11')).toBe('WC-2026-0042');
    expect(box(workersComp(), '14')).toBe('02/01/2026');
    expect(box(workersComp(), '6')).toBe('Other');
    expect(claimProblems(workersComp())).toEqual([]);
  });

  it('marks an auto claim Other, 10b yes with the state, the patient as insured', () => {
    const [form] = claimForms(auto());
    expect(form).toMatchObject({
      insuranceType: 'other',
      insuredId: 'PAM-88231',
      insuredName: 'Ruiz, Ana',
      relationship: 'self',
      autoAccident: true,
      accidentState: 'CA',
      employment: false,
      policyGroup: 'PAM-88231',
      otherClaimId: { qualifier: 'Y4', value: 'PAM-88231' },
    });
    expect(box(auto(), '10b')).toBe('YES (CA)');
    expect(box(auto(), '10a')).toBe('NO');
    expect(box(auto(), '14')).toBe('02/20/2026');
    expect(claimProblems(auto())).toEqual([]);
  });

  it('marks 10c for another accident, and warns a health plan when the injury is work or auto', () => {
    const other = health({ injury: { cause: 'other_accident', date: '2026-01-05', state: null } });
    expect(box(other, '10c')).toBe('YES');
    expect(box(other, '14')).toBe('01/05/2026');
    expect(claimProblems(other)).toEqual([]);
    const work = health({ injury: { cause: 'employment', date: '2026-01-05', state: null } });
    expect(claimProblems(work)).toEqual([expect.objectContaining({ field: '10a', severity: 'warning' })]);
  });

  it('puts six lines on a form: seven lines make two forms, each with its own total', () => {
    const lines = Array.from({ length: 7 }, (_, i) =>
      line({
        date: `2026-03-${String(10 + i).padStart(2, '0')}`,
        chargeCents: 1000 * (i + 1),
        paidCents: 100,
      }),
    );
    const forms = claimForms(health({ lines }));
    expect(
      forms.map((f) => [f.page, f.pages, f.lines.length, f.totalChargeCents, f.amountPaidCents]),
    ).toEqual([
      [1, 2, 6, 21000, 600],
      [2, 2, 1, 7000, 100],
    ]);
    // Each form repeats the header.
    expect(forms[1]).toMatchObject({ insuredId: 'XYZ123456', diagnoses: ['M5450', 'M62838'] });
    expect(box(health({ lines }), '24A.1', 1)).toBe('03/16/2026');
    expect(box(health({ lines }), '24A.2', 1)).toBeUndefined();
    expect(claimProblems(health({ lines }))).toEqual([
      expect.objectContaining({
        field: '24',
        severity: 'warning',
        message: expect.stringContaining('2 forms'),
      }),
    ]);
    expect(claimForms(health({ lines: lines.slice(0, 6) }))).toHaveLength(1);
  });

  it('letters at most 12 diagnoses and at most 4 pointers a line, in order, without repeats', () => {
    const codes = Array.from({ length: 13 }, (_, i) => `M79.${String(i).padStart(2, '0')}`);
    const input = health({
      diagnoses: [...codes, 'M79.00'],
      lines: [line({ diagnoses: ['M79.12', 'M79.01', 'M79.02', 'M79.03', 'M79.04'] })],
    });
    const [form] = claimForms(input);
    expect(form!.diagnoses).toHaveLength(12);
    expect(form!.diagnoses[11]).toBe('M7911');
    // M79.12 is the 13th: no letter. The others: B C D E, four at most.
    expect(form!.lines[0]!.pointers).toBe('BCDE');
    expect(claimProblems(input)).toEqual([
      expect.objectContaining({ field: '21', severity: 'error', message: expect.stringContaining('M79.12') }),
    ]);
    expect(printedDiagnosis('s13.4xxa')).toBe('S134XXA');
  });

  it('leaves off a visit without a procedure code, and says so', () => {
    const input = health({ lines: [line(), line({ cpt: null, date: '2026-03-15' })] });
    expect(claimForms(input)[0]!.lines).toHaveLength(1);
    expect(claimProblems(input)).toEqual([
      { field: '24D', severity: 'error', message: expect.stringContaining('The visit of 03/15/2026') },
    ]);
  });

  it('keeps one form to review when there is no line', () => {
    const forms = claimForms(health({ lines: [] }));
    expect(forms).toHaveLength(1);
    expect(forms[0]!.lines).toEqual([]);
    expect(forms[0]!.totalChargeCents).toBe(0);
    expect(claimProblems(health({ lines: [] })).map((p) => p.field)).toEqual(['24']);
  });
});

describe('claim problems', () => {
  const fields = (input: ClaimInput) => claimProblems(input).map((p) => `${p.severity}:${p.field}`);

  it('names what is missing for a clean claim, box by box', () => {
    expect(
      fields(
        health({
          payer: { kind: 'health', name: null, memberId: null },
          patient: { ...health().patient, address: null, sex: null },
          referring: null,
          diagnoses: [],
          taxId: null,
          billing: { name: 'Palpa Clinic', address: null, phone: null, npi: null },
          lines: [line({ diagnoses: [], chargeCents: null, renderingNpi: null, units: 0 })],
        }),
      ),
    ).toEqual([
      'error:11c',
      'error:1a',
      'error:5',
      'warning:3',
      'warning:17',
      'error:21',
      'error:24E',
      'error:24F',
      'error:24G',
      'error:24J',
      'error:25',
      'error:33',
      'error:33a',
    ]);
  });

  it('says which provider lacks an NPI, once, in plain words', () => {
    const problems = claimProblems(
      health({ lines: [line({ renderingNpi: null }), line({ renderingNpi: null, cpt: '97124' })] }),
    );
    expect(problems).toEqual([
      {
        field: '24J',
        severity: 'error',
        message: 'The rendering provider Jordan Lee has no NPI: record it under their credentials.',
      },
    ]);
    expect(claimProblems(health({ referring: { firstName: 'Sam', lastName: 'Park', npi: null } }))).toEqual([
      expect.objectContaining({
        field: '17b',
        severity: 'warning',
        message: expect.stringContaining('Sam Park'),
      }),
    ]);
  });

  it('names a visit given without a valid licence, and one outside its referral, once per visit', () => {
    const lapse = 'their Certified Massage Therapist (CMT) expired on Mar 10, 2026';
    const referral = { referralDate: '2026-03-16', validFrom: '2026-03-18', validUntil: '2026-05-01' };
    const visit = { licenceLapse: lapse, outsideReferral: referral };
    expect(
      claimProblems(
        health({ lines: [line(visit), line({ ...visit, cpt: '97124' }), line({ date: '2026-03-20' })] }),
      ),
    ).toEqual([
      {
        field: '24J',
        severity: 'error',
        message: `The visit of 03/14/2026 by Jordan Lee was given without a valid licence: ${lapse}. Record the renewal under their credentials if they held one, or leave the visit off the claim.`,
      },
      {
        field: '17',
        severity: 'error',
        message:
          'The visit of 03/14/2026 is before the referral of 03/16/2026 starts (valid from 03/18/2026): it is not billed under that referral. Record a referral that covers it.',
      },
    ]);
    expect(referralGapText(referral, '2026-05-02', formDate)).toBe(
      'is after the referral of 03/16/2026 ends (valid until 05/01/2026)',
    );
  });

  it("asks a workers' compensation claim for the employer, the claim number, the work injury and its date", () => {
    expect(
      fields(
        workersComp({
          payer: { kind: 'workers_comp', name: 'State Fund', claimNumber: null, employer: null },
          injury: null,
        }),
      ),
    ).toEqual(['error:1a', 'error:4', 'error:10a', 'error:14']);
  });

  it('asks an auto claim for the auto accident and its state', () => {
    expect(fields(auto({ injury: { cause: 'other_accident', date: '2026-01-01', state: null } }))).toEqual([
      'error:10b',
    ]);
    expect(fields(auto({ injury: { cause: 'auto_accident', date: '2026-01-01', state: null } }))).toEqual([
      'error:10b',
    ]);
  });
});

describe('splitCents', () => {
  it('splits a fee over lines by units, in cents adding up to the fee', () => {
    expect(splitCents(11000, [2, 1])).toEqual([7333, 3667]);
    expect(splitCents(10000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(splitCents(5000, [0, 0])).toEqual([5000, 0]);
    expect(splitCents(5000, [])).toEqual([]);
    expect(splitCents(9999, [3, 2]).reduce((a, b) => a + b, 0)).toBe(9999);
  });
});
