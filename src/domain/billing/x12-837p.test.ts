import { describe, expect, it } from 'vitest';
import { type ClaimInput, type ClaimLineInput, claimForms } from './cms1500.ts';
import { claim837p, electronicClaimProblems, type X12Envelope, x12Amount, x12Text } from './x12-837p.ts';

const patientAddress = { line1: '12 Elm St', city: 'San Diego', state: 'CA', postalCode: '92101' };
const clinicAddress = {
  line1: '400 Harbor Dr',
  line2: 'Suite 2',
  city: 'San Diego',
  state: 'CA',
  postalCode: '92101-1234',
};

const line = (over: Partial<ClaimLineInput> = {}): ClaimLineInput => ({
  date: '2026-03-14',
  placeOfService: '11',
  cpt: '97140',
  modifiers: [],
  diagnoses: ['M54.50', 'M62.838'],
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
    address: patientAddress,
    phone: '619-555-0100',
  },
  injury: null,
  referring: { firstName: 'Sam', lastName: 'Park', credentials: 'MD', npi: '1234567893' },
  diagnoses: ['M54.50', 'M62.838'],
  priorAuthorization: 'PA-55102',
  lines: [line()],
  taxId: '12-3456789',
  billing: { name: 'Palpa Clinic', address: clinicAddress, phone: '(619) 555-0199', npi: '1234567893' },
  facility: { name: 'Palpa Clinic', address: clinicAddress, npi: '1234567893' },
  signature: { name: 'Jordan Lee, LMT', date: '2026-03-20' },
  ...over,
});

const auto = (over: Partial<ClaimInput> = {}): ClaimInput =>
  health({
    payer: {
      kind: 'auto',
      name: 'Pacific Auto Mutual',
      claimNumber: 'PAM-88231',
      firstContactDate: '2026-02-22',
    },
    injury: { cause: 'auto_accident', date: '2026-02-20', state: 'CA' },
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

const envelope: X12Envelope = {
  controlNumber: 4207,
  date: '2026-03-20',
  time: '14:05',
  payerId: 'bs001',
  claimId: 'A1B2C3D4E5F6A7B8',
};

/** The interchange split back into segments and elements, as a receiver reads it. */
const parse = (text: string) => {
  expect(text.endsWith('~')).toBe(true);
  return text
    .slice(0, -1)
    .split('~')
    .map((s) => s.split('*'));
};
const ids = (segments: string[][]) => segments.map((s) => s[0]);
const find = (segments: string[][], id: string, first?: string) =>
  segments.filter((s) => s[0] === id && (first === undefined || s[1] === first)).map((s) => s.join('*'));

/** Every envelope count and control number agrees, and every segment is well formed. */
function expectWellFormed(text: string) {
  const segments = parse(text);
  const isa = text.slice(0, text.indexOf('~') + 1);
  expect(isa).toHaveLength(106);
  expect(isa[3]).toBe('*');
  expect(isa.at(-2)).toBe(':');
  for (const s of segments) {
    expect(s[0]).toMatch(/^[A-Z][A-Z0-9]{1,2}$/);
    for (const element of s.slice(1)) expect(element).not.toMatch(/[~*\n]/);
    expect(s.at(-1)).not.toBe('');
  }
  const ist = ids(segments).indexOf('ST');
  const ise = ids(segments).indexOf('SE');
  expect(segments[ise]![1]).toBe(String(ise - ist + 1));
  expect(segments[ise]![2]).toBe(segments[ist]![2]);
  expect(segments.at(-2)).toEqual(['GE', '1', segments[1]![6]!]);
  expect(segments.at(-1)).toEqual(['IEA', '1', segments[0]![13]!]);
  expect(Number(segments[0]![13])).toBe(Number(segments[1]![6]));
  // Each claim's total is the sum of its lines.
  const clms = segments.map((s, i) => [s, i] as const).filter(([s]) => s[0] === 'CLM');
  clms.forEach(([clm, at], k) => {
    const end = clms[k + 1]?.[1] ?? ise;
    const lineSum = segments
      .slice(at, end)
      .filter((s) => s[0] === 'SV1')
      .reduce((sum, s) => sum + Math.round(Number(s[2]) * 100), 0);
    expect(Math.round(Number(clm[2]) * 100)).toBe(lineSum);
  });
  // The clearinghouse edits: DTP*439 only with CLM11; DTP*444 only with a P&C claim number.
  if (find(segments, 'DTP', '439').length) expect(clms.every(([clm]) => clm[11])).toBe(true);
  if (find(segments, 'DTP', '444').length) expect(find(segments, 'REF', 'Y4')).not.toEqual([]);
  return segments;
}

describe('837P interchange', () => {
  it('sends a health plan claim: envelope, submitter, billing provider, the patient as subscriber, claim, line', () => {
    const text = claim837p(health(), envelope);
    const segments = expectWellFormed(text);
    expect(text.slice(0, 106)).toBe(
      'ISA*00*          *00*          *30*123456789      *ZZ*BS001          *260320*1405*^*00501*000004207*0*P*:~',
    );
    expect(ids(segments)).toEqual([
      'ISA',
      'GS',
      'ST',
      'BHT',
      'NM1',
      'PER',
      'NM1',
      'HL',
      'NM1',
      'N3',
      'N4',
      'REF',
      'HL',
      'SBR',
      'NM1',
      'N3',
      'N4',
      'DMG',
      'NM1',
      'CLM',
      'REF',
      'HI',
      'NM1',
      'NM1',
      'LX',
      'SV1',
      'DTP',
      'SE',
      'GE',
      'IEA',
    ]);
    expect(text).toContain('GS*HC*123456789*BS001*20260320*1405*4207*X*005010X222A1~');
    expect(text).toContain('ST*837*0001*005010X222A1~BHT*0019*00*4207*20260320*1405*CH~');
    expect(text).toContain('NM1*41*2*PALPA CLINIC*****46*123456789~PER*IC*PALPA CLINIC*TE*6195550199~');
    expect(text).toContain('NM1*40*2*BLUE SHIELD OF CALIFORNIA*****46*BS001~');
    expect(text).toContain(
      'HL*1**20*1~NM1*85*2*PALPA CLINIC*****XX*1234567893~N3*400 HARBOR DR*SUITE 2~N4*SAN DIEGO*CA*921011234~REF*EI*123456789~',
    );
    expect(text).toContain('HL*2*1*22*0~SBR*P*18*G-77******CI~');
    expect(text).toContain(
      'NM1*IL*1*RUIZ*ANA****MI*XYZ123456~N3*12 ELM ST~N4*SAN DIEGO*CA*92101~DMG*D8*19800309*F~',
    );
    expect(text).toContain('NM1*PR*2*BLUE SHIELD OF CALIFORNIA*****PI*BS001~');
    // No accident: no CLM11, no accident date.
    expect(text).toContain('CLM*A1B2C3D4E5F6A7B8*110***11:B:1*Y*A*Y*Y~');
    expect(find(segments, 'DTP', '439')).toEqual([]);
    expect(text).toContain('REF*G1*PA-55102~HI*ABK:M5450*ABF:M62838~');
    expect(text).toContain('NM1*DN*1*PARK*SAM****XX*1234567893~NM1*82*1*LEE*JORDAN****XX*1245319599~');
    expect(text).toContain('LX*1~SV1*HC:97140*110*UN*2***1:2~DTP*472*D8*20260314~');
    expect(find(segments, 'HL', '3')).toEqual([]);
  });

  it('takes the filing indicator of a health plan from the desk: Medicare Part B is MB', () => {
    const text = claim837p(health(), { ...envelope, healthPlanFiling: 'MB' });
    expect(text).toContain('SBR*P*18*G-77******MB~');
  });

  it('sends an auto claim: AM, REF*Y4 claim number for the subscriber, CLM11 AA with the state, accident date', () => {
    const segments = expectWellFormed(claim837p(auto(), envelope));
    const text = claim837p(auto(), envelope);
    expect(text).toContain('HL*2*1*22*0~SBR*P*18*******AM~');
    // The insured's ID is the claim number on the paper form too (1a).
    expect(text).toContain('NM1*IL*1*RUIZ*ANA****MI*PAM-88231~');
    expect(text).toContain('DMG*D8*19800309*F~REF*Y4*PAM-88231~NM1*PR*2*PACIFIC AUTO MUTUAL*****PI*BS001~');
    expect(find(segments, 'CLM')[0]).toBe('CLM*A1B2C3D4E5F6A7B8*110***11:B:1*Y*A*Y*Y**AA:::CA');
    expect(text).toContain('DTP*431*D8*20260220~DTP*439*D8*20260220~DTP*444*D8*20260222~');
    expect(find(segments, 'HL', '3')).toEqual([]);
  });

  it("sends a workers' compensation claim: the employer in 2000B, the injured worker and claim number in 2000C", () => {
    const text = claim837p(workersComp(), envelope);
    const segments = expectWellFormed(text);
    expect(text).toContain(
      'HL*2*1*22*1~SBR*P********WC~NM1*IL*2*ACME LOGISTICS~NM1*PR*2*STATE FUND*****PI*BS001~',
    );
    expect(text).toContain(
      'HL*3*2*23*0~PAT*20~NM1*QC*1*RUIZ*ANA~N3*12 ELM ST~N4*SAN DIEGO*CA*92101~DMG*D8*19800309*F~REF*Y4*WC-2026-0042~CLM*',
    );
    // Only one claim number, in 2010CA; the employer has no address or birth date.
    expect(find(segments, 'REF', 'Y4')).toHaveLength(1);
    expect(find(segments, 'DMG')).toHaveLength(1);
    expect(find(segments, 'CLM')[0]).toMatch(/\*Y\*A\*Y\*Y\*\*EM$/);
    expect(text).toContain('DTP*431*D8*20260201~DTP*439*D8*20260201~');
  });

  it('carries the same values as the CMS-1500 forms: lines, pointers, totals, amount paid', () => {
    const input = health({
      diagnoses: ['M54.50', 'M62.838', 'M79.18'],
      lines: [
        line({ diagnoses: ['M79.18'], chargeCents: 5525, units: 1, paidCents: 2000, modifiers: ['59'] }),
        line({ cpt: '97124', chargeCents: 5550, units: 1, date: '2026-03-15', placeOfService: '12' }),
      ],
    });
    const text = claim837p(input, envelope);
    expectWellFormed(text);
    const [form] = claimForms(input);
    expect(text).toContain(`CLM*A1B2C3D4E5F6A7B8*${x12Amount(form!.totalChargeCents)}***11:B:1*`);
    expect(text).toContain('AMT*F5*20~');
    expect(text).toContain('SV1*HC:97140:59*55.25*UN*1***3~');
    // A line away from the claim's place of service says its own.
    expect(text).toContain('SV1*HC:97124*55.5*UN*1*12**1:2~DTP*472*D8*20260315~');
  });

  it('splits more than 48 lines into claims of eight forms, each with its own total and ID', () => {
    const lines = Array.from({ length: 50 }, (_, i) =>
      line({
        date: `2026-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        chargeCents: 100 + i,
      }),
    );
    const segments = expectWellFormed(claim837p(health({ lines }), envelope));
    const clms = segments.filter((s) => s[0] === 'CLM');
    expect(clms.map((c) => c[1])).toEqual(['A1B2C3D4E5F6A7B8-1', 'A1B2C3D4E5F6A7B8-2']);
    const total = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => 100 + from + i).reduce((a, b) => a + b, 0);
    expect(clms.map((c) => Math.round(Number(c[2]) * 100))).toEqual([total(48), total(2, 48)]);
    expect(segments.filter((s) => s[0] === 'LX').map((s) => s[1])).toEqual([
      ...Array.from({ length: 48 }, (_, i) => String(i + 1)),
      '1',
      '2',
    ]);
  });

  it('names a second rendering provider at the line (2420A)', () => {
    const input = health({
      lines: [
        line(),
        line({ cpt: '97124' }),
        line({ renderingName: 'Kim Ng, LMT', renderingNpi: '1003000126' }),
      ],
    });
    const text = claim837p(input, envelope);
    expectWellFormed(text);
    expect(text).toContain('NM1*82*1*LEE*JORDAN****XX*1245319599~LX*1~');
    expect(text).toContain(
      'LX*3~SV1*HC:97140*110*UN*2***1:2~DTP*472*D8*20260314~NM1*82*1*NG*KIM****XX*1003000126~SE*',
    );
  });

  it('writes names in X12 letters: accents removed, separators never inside a value', () => {
    const input = health({
      patient: { ...health().patient, firstName: 'Zoë', lastName: "O'Brien*Núñez~:^" },
      payer: { kind: 'health', name: 'Blue Shield: CA', memberId: 'xyz-123', groupNumber: null },
      referring: { firstName: 'Sam', lastName: 'Park', npi: null },
    });
    const text = claim837p(input, envelope);
    expectWellFormed(text);
    expect(text).toContain("NM1*IL*1*O'BRIEN NUNEZ*ZOE****MI*XYZ-123~");
    expect(text).toContain('NM1*PR*2*BLUE SHIELD CA*****PI*BS001~');
    // No group number: SBR03 empty; no referring NPI: the name alone.
    expect(text).toContain('SBR*P*18*******CI~');
    expect(text).toContain('NM1*DN*1*PARK*SAM~');
    expect(x12Text('Ärztehaus Straße #2', 60)).toBe('ARZTEHAUS STRASSE 2');
  });

  it('refuses an unclean claim or a malformed envelope', () => {
    expect(() => claim837p(health({ taxId: null }), envelope)).toThrow(/25/);
    expect(() => claim837p(health(), { ...envelope, payerId: 'BS 001' })).toThrow(RangeError);
    expect(() => claim837p(health(), { ...envelope, controlNumber: 1_000_000_000 })).toThrow(RangeError);
    expect(() => claim837p(health(), { ...envelope, claimId: '~~' })).toThrow(RangeError);
  });
});

describe('electronic claim problems', () => {
  const fields = (input: ClaimInput) => electronicClaimProblems(input).map((p) => `${p.severity}:${p.field}`);

  it('has none on a clean claim, and never the paper form’s six-lines note', () => {
    expect(electronicClaimProblems(health())).toEqual([]);
    expect(electronicClaimProblems(auto())).toEqual([]);
    expect(electronicClaimProblems(workersComp())).toEqual([]);
    expect(electronicClaimProblems(health({ lines: Array.from({ length: 7 }, () => line()) }))).toEqual([]);
  });

  it('asks for ZIP+4 and a phone for the clinic, a 2-letter state and a 5- or 9-digit ZIP for the patient', () => {
    expect(
      fields(
        health({
          patient: {
            ...health().patient,
            address: { ...patientAddress, state: 'California', postalCode: '921' },
          },
          billing: {
            name: 'Palpa Clinic',
            address: { ...clinicAddress, postalCode: '92101' },
            phone: '555-0199',
            npi: '1234567893',
          },
        }),
      ),
    ).toEqual(['error:5', 'error:5', 'error:33', 'error:33']);
    expect(electronicClaimProblems(health({ billing: { ...health().billing, phone: null } }))).toEqual([
      expect.objectContaining({ field: '33', message: expect.stringContaining('10-digit phone') }),
    ]);
    expect(fields(health({ billing: { ...health().billing, phone: '+1 619 555 0199' } }))).toEqual([]);
  });

  it('asks an accident claim for the accident date (DTP*439 goes with CLM11)', () => {
    expect(fields(health({ injury: { cause: 'other_accident', date: null, state: null } }))).toEqual([
      'error:14',
    ]);
  });

  it('says when a name has no letter X12 can carry', () => {
    const problems = electronicClaimProblems(
      health({ patient: { ...health().patient, lastName: '王' }, lines: [line({ renderingName: 'Лена' })] }),
    );
    expect(problems.map((p) => p.field)).toEqual(['2', '24J']);
    expect(problems[0]!.message).toContain('"王"');
  });

  it('keeps the CMS-1500 problems: a P&C claim without its claim number is refused', () => {
    const noNumber = auto({
      payer: { kind: 'auto', name: 'Pacific Auto Mutual', claimNumber: null, firstContactDate: '2026-02-22' },
    });
    expect(fields(noNumber)).toEqual(['error:1a']);
    expect(() => claim837p(noNumber, envelope)).toThrow(/1a/);
  });
});
