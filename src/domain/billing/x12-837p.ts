/**
 * The electronic professional claim: ANSI X12 837P, HIPAA version 005010X222A1 (clinical reference §4.4, §4.5).
 * Pure. It is made from the same claim facts as the CMS-1500 and from the forms `claimForms` fills, so the paper
 * and the electronic claim carry the same values: each 837P element below names the box it comes from.
 * `electronicClaimProblems` is the CMS-1500's list of problems plus what only the electronic claim needs; a
 * claim with an error among them is not made into a file.
 */
import {
  type ClaimAddress,
  type ClaimForm,
  type ClaimInput,
  type ClaimProblem,
  claimFactProblems,
  claimForms,
} from './cms1500.ts';

export const X12_VERSION = '005010X222A1';
export const SEGMENT_TERMINATOR = '~';
export const ELEMENT_SEPARATOR = '*';
export const COMPONENT_SEPARATOR = ':';
/** ISA11: set apart, never used in the data. */
const REPETITION_SEPARATOR = '^';

/**
 * 2300 holds at most 50 service lines; a claim of more lines is sent as several claims. 48 lines are eight
 * CMS-1500 forms, so each electronic claim carries whole forms and its total is the sum of theirs.
 */
export const FORMS_PER_CLAIM = 8;

/**
 * SBR09, the claim filing indicator, of a health plan claim (an auto claim is AM, workers' compensation WC).
 * Commercial insurance (CI) unless the desk says otherwise.
 */
export const HEALTH_PLAN_FILING = [
  { code: 'CI', label: 'Commercial insurance' },
  { code: 'BL', label: 'Blue Cross / Blue Shield' },
  { code: 'HM', label: 'HMO' },
  { code: '12', label: 'PPO' },
  { code: '13', label: 'Point of service (POS)' },
  { code: '14', label: 'Exclusive provider organisation (EPO)' },
  { code: '16', label: 'Medicare Advantage HMO' },
  { code: 'MB', label: 'Medicare Part B' },
  { code: 'MC', label: 'Medicaid' },
  { code: 'CH', label: 'TRICARE' },
  { code: 'VA', label: 'Veterans Affairs plan' },
  { code: 'FI', label: 'Federal Employees Program' },
  { code: '11', label: 'Other non-federal program' },
] as const;
export type HealthPlanFiling = (typeof HEALTH_PLAN_FILING)[number]['code'];
export const HEALTH_PLAN_FILING_CODES = HEALTH_PLAN_FILING.map((f) => f.code) as [
  HealthPlanFiling,
  ...HealthPlanFiling[],
];

/** A payer ID as clearinghouses list them, and as the 15 characters of ISA08 hold it. */
export const PAYER_ID_PATTERN = /^[A-Za-z0-9]{2,15}$/;
/** CLM01 holds 20 characters; a split claim adds "-2", "-3". */
export const CLAIM_ID_MAX = 17;

/** What the file needs beyond the claim: who it is routed to, and its numbers. */
export interface X12Envelope {
  /** ISA13, GS06 and BHT03: 1 to 999 999 999, a new one for each file sent. */
  controlNumber: number;
  /** When the file is made, in the clinic's zone: ISO date and HH:MM (ISA09–10, GS04–05, BHT04–05). */
  date: string;
  time: string;
  /** The payer's electronic ID (2010BB), also the receiver (ISA08, GS03, 1000B). */
  payerId: string;
  /** CLM01, the patient control number payers send back with their answer (at most 17 characters). */
  claimId: string;
  /** SBR09 of a health plan claim (default CI). */
  healthPlanFiling?: HealthPlanFiling;
}

/** X12's basic character set; anything else (and the separators) becomes a space. */
const OUTSIDE_BASIC = /[^A-Z0-9 !"&'()+,\-./;?=]/g;

/** A value as X12 carries it: upper case, accents removed, basic characters only, at most `max` long. */
export function x12Text(value: string | null | undefined, max: number): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toUpperCase()
    .replace(OUTSIDE_BASIC, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** An amount in cents as X12 writes it: dollars, no trailing zeros (11000 → "110", 5550 → "55.5"). */
export const x12Amount = (cents: number) => (cents / 100).toFixed(2).replace(/\.?0+$/, '');

const d8 = (isoDate: string) => isoDate.replaceAll('-', '');
const digits = (value: string | null | undefined) => (value ?? '').replace(/\D/g, '');
/** Ten digits, or null: "(619) 555-0199" and "+1 619 555 0199" → "6195550199". */
function phoneDigits(phone: string | null): string | null {
  const d = digits(phone);
  const national = d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
  return national.length === 10 ? national : null;
}
const isState = (state: string) => /^[A-Z]{2}$/.test(state.trim().toUpperCase());

/**
 * Palpa keeps one name for a staff member; NM1 wants the last name apart. Credentials after a comma are left
 * off and the last word is taken as the last name ("Jordan Lee, LMT" → LEE, JORDAN): payers match the
 * rendering provider by NPI, the name only has to be there.
 */
function splitName(full: string): { last: string; first: string } {
  const words = x12Text(full.split(',')[0], 95).split(' ');
  const last = words.pop() ?? '';
  return { last: last.slice(0, 60), first: words.join(' ').slice(0, 35).trim() };
}

/**
 * The problems of the claim as the CMS-1500 has them (without its six-lines-a-form note), and `x12Problems`:
 * everything that stands between these facts and a clean electronic claim.
 */
export const electronicClaimProblems = (input: ClaimInput): ClaimProblem[] => [
  ...claimFactProblems(input),
  ...x12Problems(input),
];

/**
 * What only the electronic claim needs, beyond the CMS-1500's problems: states as 2-letter codes, 5- or 9-digit
 * ZIP codes (9 for the billing provider), a contact phone for the submitter, an accident date with an accident,
 * names X12's characters can write.
 */
export function x12Problems(input: ClaimInput): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const error = (field: string, message: string) => problems.push({ field, message, severity: 'error' });
  const { patient, billing, payer } = input;
  const unwritable = (field: string, what: string, name: string | null | undefined) => {
    if (name && !x12Text(name, 60))
      error(
        field,
        `${what} "${name}" has no letter an electronic claim can carry (A–Z): record it in Latin letters too.`,
      );
  };
  unwritable('2', "The patient's last name", patient.lastName);
  unwritable('11c', 'The payer', payer.name);
  if (payer.kind === 'workers_comp') unwritable('4', 'The employer', payer.employer);
  unwritable('17', "The referring provider's last name", input.referring?.lastName);
  for (const name of new Set(input.lines.filter((l) => l.cpt).map((l) => l.renderingName)))
    unwritable('24J', 'The rendering provider', name);
  unwritable('33', 'The billing provider', billing.name);

  if (input.injury && input.injury.cause !== 'employment' && !input.injury.date)
    error('14', 'The date of the accident is missing: an electronic claim for an accident must carry it.');
  if (patient.address) {
    if (!isState(patient.address.state))
      error('5', "The patient's state must be written as its 2-letter code (CA, NY) on an electronic claim.");
    if (![5, 9].includes(digits(patient.address.postalCode).length))
      error('5', "The patient's ZIP code must have 5 or 9 digits on an electronic claim.");
  }
  if (billing.address) {
    if (!isState(billing.address.state))
      error('33', "The clinic location's state must be written as its 2-letter code (CA, NY).");
    if (digits(billing.address.postalCode).length !== 9)
      error(
        '33',
        "The billing provider's ZIP code needs all 9 digits (ZIP+4) on an electronic claim: add the +4 to the clinic's location.",
      );
  }
  if (!phoneDigits(billing.phone))
    error(
      '33',
      'The clinic location has no 10-digit phone number: an electronic claim names the clinic as its contact. Add it to the location.',
    );
  return problems;
}

/** Values with the empty ones at the end left off, as X12 asks of elements and components. */
function trimmed(values: readonly (string | null | undefined)[]): string[] {
  const kept = values.map((v) => v ?? '');
  while (kept.length > 0 && kept.at(-1) === '') kept.pop();
  return kept;
}
const segment = (id: string, ...elements: (string | null | undefined)[]) =>
  [id, ...trimmed(elements)].join(ELEMENT_SEPARATOR);
const composite = (...components: (string | null | undefined)[]) =>
  trimmed(components).join(COMPONENT_SEPARATOR);

const addressSegments = (a: ClaimAddress) => [
  segment('N3', x12Text(a.line1, 55), x12Text(a.line2, 55)),
  segment('N4', x12Text(a.city, 30), a.state.trim().toUpperCase(), digits(a.postalCode)),
];
const personName = (
  qualifier: string,
  last: string,
  first: string,
  idQualifier?: string,
  id?: string | null,
) =>
  segment(
    'NM1',
    qualifier,
    '1',
    x12Text(last, 60),
    x12Text(first, 35),
    '',
    '',
    '',
    id ? idQualifier : '',
    id,
  );
const organisationName = (qualifier: string, name: string, idQualifier?: string, id?: string) =>
  segment('NM1', qualifier, '2', x12Text(name, 60), '', '', '', '', id ? idQualifier : '', id);

/** CLM11: what the condition is related to (10a–c), with the state of an auto accident (10b). */
function relatedCauses(form: ClaimForm): string | null {
  if (form.employment) return 'EM';
  if (form.autoAccident) return composite('AA', '', '', form.accidentState);
  if (form.otherAccident) return 'OA';
  return null;
}

/** The most frequent value (the first one of equal counts). */
function mostFrequent<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

/**
 * The X12 837P interchange of a clean claim: ISA/GS/ST, the submitter (1000A) and receiver (1000B), the billing
 * provider (2000A/2010AA), the subscriber (2000B/2010BA) and payer (2010BB), for workers' compensation the
 * patient (2000C/2010CA: the employer is the subscriber), then one claim (2300) per eight forms with its
 * referring and rendering providers (2310A/B) and service lines (2400), and SE/GE/IEA with their counts.
 * Segments end with `~`, elements are split by `*`, components by `:`. Throws on a claim with errors among
 * `electronicClaimProblems` or a malformed envelope: callers check first.
 */
export function claim837p(input: ClaimInput, envelope: X12Envelope): string {
  const errors = electronicClaimProblems(input).filter((p) => p.severity === 'error');
  if (errors.length > 0)
    throw new Error(`The claim is not clean: boxes ${[...new Set(errors.map((p) => p.field))].join(', ')}`);
  const { controlNumber, date, time } = envelope;
  if (!Number.isInteger(controlNumber) || controlNumber < 1 || controlNumber > 999_999_999)
    throw new RangeError('The control number runs from 1 to 999999999');
  if (!PAYER_ID_PATTERN.test(envelope.payerId)) throw new RangeError('A payer ID is 2–15 letters or digits');
  const claimId = x12Text(envelope.claimId, CLAIM_ID_MAX);
  if (!claimId) throw new RangeError('The claim needs an ID');

  const { payer, patient } = input;
  const forms = claimForms(input);
  const header = forms[0]!;
  const workersComp = payer.kind === 'workers_comp';
  const ein = digits(input.taxId);
  const payerId = envelope.payerId.toUpperCase();
  const billingName = input.billing.name;
  const claimNumber = header.otherClaimId ? x12Text(header.otherClaimId.value, 50) : null;
  const renderingNames = new Map(input.lines.map((l) => [l.renderingNpi, l.renderingName]));
  const rendering = (qualifier: string, npi: string) => {
    const { last, first } = splitName(renderingNames.get(npi) ?? '');
    return personName(qualifier, last, first, 'XX', npi);
  };
  const patientSegments = [
    ...addressSegments(patient.address!),
    segment('DMG', 'D8', d8(patient.birthDate), patient.sex ?? 'U'),
  ];
  const filing = payer.kind === 'auto' ? 'AM' : workersComp ? 'WC' : (envelope.healthPlanFiling ?? 'CI');

  const body: string[] = [
    segment('ST', '837', '0001', X12_VERSION),
    segment('BHT', '0019', '00', String(controlNumber), d8(date), time.replace(':', ''), 'CH'),
    // 1000A submitter: the clinic, by its EIN (25), its location's phone as the contact (33).
    organisationName('41', billingName, '46', ein),
    segment('PER', 'IC', x12Text(billingName, 60), 'TE', phoneDigits(input.billing.phone)),
    // 1000B receiver: the payer, by its payer ID.
    organisationName('40', payer.name!, '46', payerId),
    // 2000A / 2010AA billing provider (33, 33a, 25).
    segment('HL', '1', '', '20', '1'),
    organisationName('85', billingName, 'XX', input.billing.npi!),
    ...addressSegments(input.billing.address!),
    segment('REF', 'EI', ein),
    // 2000B subscriber: the patient (relationship 18, self), or for workers' compensation the employer, with
    // the patient in 2000C below.
    segment('HL', '2', '1', '22', workersComp ? '1' : '0'),
    segment(
      'SBR',
      'P',
      workersComp ? '' : '18',
      payer.kind === 'health' ? x12Text(header.policyGroup, 50) : '',
      '',
      '',
      '',
      '',
      '',
      filing,
    ),
  ];
  if (workersComp) body.push(organisationName('IL', payer.employer!));
  else {
    // 2010BA: the insured's ID (1a), address (7), birth date and sex (11a); auto: the claim number (11b).
    body.push(personName('IL', patient.lastName, patient.firstName, 'MI', x12Text(header.insuredId, 80)));
    body.push(...patientSegments);
    if (payer.kind === 'auto' && claimNumber) body.push(segment('REF', 'Y4', claimNumber));
  }
  // 2010BB payer (the carrier, 11c).
  body.push(organisationName('PR', payer.name!, 'PI', payerId));
  if (workersComp) {
    // 2000C / 2010CA: the injured worker (2, 3, 5; PAT01 20: employee) and the claim number (1a, 11b).
    body.push(segment('HL', '3', '2', '23', '0'), segment('PAT', '20'));
    body.push(personName('QC', patient.lastName, patient.firstName), ...patientSegments);
    if (claimNumber) body.push(segment('REF', 'Y4', claimNumber));
  }

  const causes = relatedCauses(header);
  for (let start = 0, part = 1; start < forms.length; start += FORMS_PER_CLAIM, part++) {
    const chunk = forms.slice(start, start + FORMS_PER_CLAIM);
    const lines = chunk.flatMap((f) => f.lines);
    const placeOfService = lines[0]!.placeOfService;
    const id = forms.length > FORMS_PER_CLAIM ? `${claimId}-${part}` : claimId;
    const total = chunk.reduce((sum, f) => sum + f.totalChargeCents, 0);
    const paid = chunk.reduce((sum, f) => sum + f.amountPaidCents, 0);
    // 2300 claim: total (28), place of service (24B), signature on file, assignment accepted, benefits
    // assigned, release of information signed; CLM11 (10a–c).
    body.push(
      segment(
        'CLM',
        id,
        x12Amount(total),
        '',
        '',
        composite(placeOfService, 'B', '1'),
        'Y',
        'A',
        'Y',
        'Y',
        '',
        causes,
      ),
    );
    if (header.injuryDate) {
      body.push(segment('DTP', '431', 'D8', d8(header.injuryDate)));
      // The accident date goes with CLM11 only (a clearinghouse rejects DTP*439 without it).
      if (causes) body.push(segment('DTP', '439', 'D8', d8(header.injuryDate)));
    }
    // P&C date of first contact: only with the P&C claim number (REF*Y4), which clearinghouses require with it.
    if (payer.kind !== 'health' && payer.firstContactDate && claimNumber)
      body.push(segment('DTP', '444', 'D8', d8(payer.firstContactDate)));
    if (paid > 0) body.push(segment('AMT', 'F5', x12Amount(paid)));
    if (header.priorAuthorization) body.push(segment('REF', 'G1', x12Text(header.priorAuthorization, 50)));
    body.push(segment('HI', ...header.diagnoses.map((code, i) => composite(i === 0 ? 'ABK' : 'ABF', code))));
    if (input.referring)
      body.push(
        personName('DN', input.referring.lastName, input.referring.firstName, 'XX', header.referring?.npi),
      );
    const mainRendering = mostFrequent(lines.map((l) => l.renderingNpi!))!;
    body.push(rendering('82', mainRendering));
    lines.forEach((line, i) => {
      const pointers = [...line.pointers].map((letter) => String(letter.charCodeAt(0) - 64));
      body.push(
        segment('LX', String(i + 1)),
        segment(
          'SV1',
          composite('HC', line.cpt, ...line.modifiers),
          x12Amount(line.chargeCents!),
          'UN',
          String(line.units),
          line.placeOfService === placeOfService ? '' : line.placeOfService,
          '',
          composite(...pointers),
        ),
        segment('DTP', '472', 'D8', d8(line.from)),
      );
      if (line.renderingNpi !== mainRendering) body.push(rendering('82', line.renderingNpi!));
    });
  }
  body.push(segment('SE', String(body.length + 1), '0001'));

  const control = String(controlNumber).padStart(9, '0');
  const fixed = (value: string, width: number) => value.padEnd(width, ' ');
  const interchange = [
    segment(
      'ISA',
      '00',
      fixed('', 10),
      '00',
      fixed('', 10),
      '30', // U.S. federal tax ID: the clinic's EIN
      fixed(ein, 15),
      'ZZ', // mutually defined: the payer ID
      fixed(payerId, 15),
      d8(date).slice(2),
      time.replace(':', ''),
      REPETITION_SEPARATOR,
      '00501',
      control,
      '0',
      'P',
      COMPONENT_SEPARATOR,
    ),
    segment(
      'GS',
      'HC',
      ein,
      payerId,
      d8(date),
      time.replace(':', ''),
      String(controlNumber),
      'X',
      X12_VERSION,
    ),
    ...body,
    segment('GE', '1', String(controlNumber)),
    segment('IEA', '1', control),
  ];
  return interchange.map((s) => s + SEGMENT_TERMINATOR).join('');
}
