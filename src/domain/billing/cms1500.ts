/**
 * The CMS-1500 claim form (NUCC 02/12): what goes in each box for a medical massage claim to a health plan, an
 * auto insurer (PIP / MedPay) or a workers' compensation carrier (clinical reference §4.4, §4.5). Pure: the
 * caller gathers the facts, this module decides the boxes and says what is missing for a clean claim. No I/O,
 * no configuration.
 */

export const PAYER_KINDS = ['health', 'auto', 'workers_comp'] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];

/** Service lines per form (24, lines 1–6): a longer claim goes on several forms. */
export const LINES_PER_FORM = 6;
/** Diagnosis codes per form (21 A–L). */
export const MAX_DIAGNOSES = 12;
/** Diagnosis pointers per service line (24E). */
export const MAX_POINTERS = 4;
const LETTERS = 'ABCDEFGHIJKL';

export interface ClaimAddress {
  line1: string;
  line2?: string | null;
  city: string;
  /** 2-letter state code. */
  state: string;
  postalCode: string;
}

export interface ClaimPatient {
  firstName: string;
  lastName: string;
  /** ISO date. */
  birthDate: string;
  sex: 'M' | 'F' | null;
  address: ClaimAddress | null;
  phone: string | null;
}

export interface ClaimLineInput {
  /** ISO date of service. */
  date: string;
  /** Place of service code (11 office, 12 home, 02 telehealth). */
  placeOfService: string;
  /** CPT code; null when the visit documents nothing billable (a problem: the line is left off the form). */
  cpt: string | null;
  modifiers: string[];
  /** The ICD-10-CM codes this line treats (dotted, as recorded); they become letters in 24E. */
  diagnoses: string[];
  units: number;
  /** The line's charge in cents; null when no fee is recorded. */
  chargeCents: number | null;
  /** What the patient or another payer already paid for this line, in cents (box 29). */
  paidCents?: number;
  renderingName: string;
  renderingNpi: string | null;
  /**
   * Why the rendering provider held no valid licence on the date of service, in plain words ("their Certified
   * Massage Therapist (CMT) expired on Nov 17, 2026"); absent or null when they did.
   */
  licenceLapse?: string | null;
  /** The referral the visit would be billed under, whose dates do not cover it: the visit is not under it. */
  outsideReferral?: ReferralPeriod | null;
}

/** A referral's dates: written on, valid from, valid until (ISO; until null: open-ended). */
export interface ReferralPeriod {
  referralDate: string;
  validFrom: string;
  validUntil: string | null;
}

/**
 * How a referral misses a visit's date, to follow "The visit of …": "is before the referral of Oct 30, 2026
 * starts (valid from Nov 2, 2026)", "is after the referral of … ends (valid until …)". `day` writes a date.
 */
export function referralGapText(r: ReferralPeriod, date: string, day: (iso: string) => string): string {
  return date < r.validFrom
    ? `is before the referral of ${day(r.referralDate)} starts (valid from ${day(r.validFrom)})`
    : `is after the referral of ${day(r.referralDate)} ends (valid until ${day(r.validUntil ?? date)})`;
}

export interface ClaimInput {
  payer: {
    kind: PayerKind;
    /** The health plan, or the carrier of the auto or workers' compensation claim. */
    name: string | null;
    /** Health plan: the member ID (1a). */
    memberId?: string | null;
    /** Health plan: the group number (11). */
    groupNumber?: string | null;
    /** Auto and workers' compensation: the carrier's claim number (1a, 11, 11b). */
    claimNumber?: string | null;
    /** Workers' compensation: the employer, who is the insured on paper (4). */
    employer?: string | null;
    /**
     * Auto and workers' compensation: the date of first contact with the patient (ISO). Not on the paper form;
     * the electronic claim carries it (837P DTP*444).
     */
    firstContactDate?: string | null;
  };
  patient: ClaimPatient;
  /** What the condition is related to (10a–c, 14): the referral's injury, if any. */
  injury: {
    cause: 'employment' | 'auto_accident' | 'other_accident';
    /** ISO date of the injury. */
    date: string | null;
    /** 2-letter state of an auto accident. */
    state: string | null;
  } | null;
  referring: { firstName: string; lastName: string; credentials?: string | null; npi: string | null } | null;
  /** The claim's diagnoses in order (dotted ICD-10-CM codes): the first 12 are lettered A–L. */
  diagnoses: string[];
  priorAuthorization: string | null;
  lines: ClaimLineInput[];
  /** Federal tax ID (EIN 12-3456789) of the billing provider (25). */
  taxId: string | null;
  billing: { name: string; address: ClaimAddress | null; phone: string | null; npi: string | null };
  facility: { name: string; address: ClaimAddress | null; npi: string | null } | null;
  /** Box 31: who signs for the supplier, and the date the claim is prepared (ISO). */
  signature: { name: string; date: string };
}

export interface ClaimLine {
  /** ISO date of service, from and to (the same day). */
  from: string;
  to: string;
  placeOfService: string;
  cpt: string;
  modifiers: string[];
  /** Letters A–L, at most four. */
  pointers: string;
  chargeCents: number | null;
  units: number;
  renderingNpi: string | null;
}

export type InsuranceType = 'group_health' | 'other';

/** One printed form: the boxes as data (the printer places them, the review copy lists them). */
export interface ClaimForm {
  page: number;
  pages: number;
  payerName: string | null;
  /** 1: Group health plan for a health plan; Other for auto and workers' compensation. */
  insuranceType: InsuranceType;
  /** 1a */
  insuredId: string | null;
  /** 2: "LAST, FIRST" */
  patientName: string;
  /** 3 */
  patientBirthDate: string;
  patientSex: 'M' | 'F' | null;
  /** 4: the patient (health plan, auto) or the employer (workers' compensation). */
  insuredName: string | null;
  /** 5 */
  patientAddress: ClaimAddress | null;
  patientPhone: string | null;
  /** 6 */
  relationship: 'self' | 'other';
  /** 7: the insured's address when the insured is the patient. */
  insuredAddress: ClaimAddress | null;
  insuredPhone: string | null;
  /** 10a, 10b (+ state), 10c */
  employment: boolean;
  autoAccident: boolean;
  accidentState: string | null;
  otherAccident: boolean;
  /** 11: the group number (health plan) or the claim number (auto, workers' compensation). */
  policyGroup: string | null;
  /** 11a: the insured's birth date and sex, when the insured is the patient. */
  insuredBirthDate: string | null;
  insuredSex: 'M' | 'F' | null;
  /** 11b: other claim ID, qualifier Y4 (property and casualty claim number). */
  otherClaimId: { qualifier: 'Y4'; value: string } | null;
  /** 11c */
  planName: string | null;
  /** 11d: is there another health benefit plan? (null: left blank) */
  anotherPlan: boolean | null;
  /** 14: date of the injury, qualifier 431 (onset of current symptoms or illness). */
  injuryDate: string | null;
  /** 17 (qualifier DN: referring provider), 17b */
  referring: { qualifier: 'DN'; name: string; npi: string | null } | null;
  /** 21: ICD indicator 0 (ICD-10-CM) and the codes A–L as printed (no decimal point). */
  icdIndicator: '0';
  diagnoses: string[];
  /** 23 */
  priorAuthorization: string | null;
  /** 24A–J, at most six. */
  lines: ClaimLine[];
  /** 25 */
  taxId: string | null;
  taxIdType: 'EIN';
  /** 28 and 29: this form's lines only, so each form stands alone. */
  totalChargeCents: number;
  amountPaidCents: number;
  /** 31 */
  signature: { name: string; date: string };
  /** 32, 32a */
  facility: { name: string; address: ClaimAddress | null; npi: string | null } | null;
  /** 33, 33a */
  billing: { name: string; address: ClaimAddress | null; phone: string | null; npi: string | null };
}

export interface ClaimBox {
  /** The box number as printed on the form: "1a", "24D", "33a". */
  box: string;
  label: string;
  /** As the desk reads it; empty when the box is left blank. */
  value: string;
}

export interface ClaimProblem {
  /** The box it concerns ("1a", "24J") or "claim". */
  field: string;
  message: string;
  /** An error makes the claim unclean (the payer rejects it); a warning is worth checking. */
  severity: 'error' | 'warning';
}

/** A diagnosis as 21 prints it: upper case, no decimal point (M54.50 → M5450). */
export const printedDiagnosis = (code: string) => code.replace(/\./g, '').toUpperCase();

const personName = (last: string, first: string) => `${last}, ${first}`;

/** The claim's diagnoses as lettered: unique, in order, the first 12. */
function letteredDiagnoses(input: ClaimInput): string[] {
  return [...new Set(input.diagnoses.map((d) => d.toUpperCase()))].slice(0, MAX_DIAGNOSES);
}

function pointersOf(line: ClaimLineInput, lettered: readonly string[]): string {
  const letters = line.diagnoses
    .map((code) => lettered.indexOf(code.toUpperCase()))
    .filter((i) => i >= 0)
    .map((i) => LETTERS[i]!);
  return [...new Set(letters)].slice(0, MAX_POINTERS).join('');
}

/**
 * The forms of a claim: the same header on each, at most six service lines per form ("page 1 of 2"), each with
 * its own total. Lines without a procedure code are left off (`claimProblems` says so). A claim without lines
 * still has one form, to review.
 */
export function claimForms(input: ClaimInput): ClaimForm[] {
  const { payer, patient, injury } = input;
  const lettered = letteredDiagnoses(input);
  const lines: (ClaimLine & { paidCents: number })[] = input.lines
    .filter((l) => l.cpt)
    .map((l) => ({
      from: l.date,
      to: l.date,
      placeOfService: l.placeOfService,
      cpt: l.cpt!,
      modifiers: l.modifiers.slice(0, 4),
      pointers: pointersOf(l, lettered),
      chargeCents: l.chargeCents,
      units: l.units,
      renderingNpi: l.renderingNpi,
      paidCents: l.paidCents ?? 0,
    }));
  const chunks: (typeof lines)[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_FORM) chunks.push(lines.slice(i, i + LINES_PER_FORM));
  if (chunks.length === 0) chunks.push([]);

  const workersComp = payer.kind === 'workers_comp';
  const healthPlan = payer.kind === 'health';
  const claimNumber = payer.claimNumber ?? null;
  const insuredIsPatient = !workersComp;
  const header = {
    payerName: payer.name,
    // NUCC: "Other" covers commercial, automobile, liability and workers' compensation insurance; FECA is the
    // federal employees' programme (not known here), Group health plan a health plan through a group.
    insuranceType: (healthPlan ? 'group_health' : 'other') as InsuranceType,
    insuredId: (healthPlan ? payer.memberId : claimNumber) ?? null,
    patientName: personName(patient.lastName, patient.firstName),
    patientBirthDate: patient.birthDate,
    patientSex: patient.sex,
    // Workers' compensation on paper: the employer is the insured (reference §4.4).
    insuredName: workersComp ? (payer.employer ?? null) : personName(patient.lastName, patient.firstName),
    patientAddress: patient.address,
    patientPhone: patient.phone,
    relationship: (insuredIsPatient ? 'self' : 'other') as 'self' | 'other',
    insuredAddress: insuredIsPatient ? patient.address : null,
    insuredPhone: insuredIsPatient ? patient.phone : null,
    employment: injury?.cause === 'employment',
    autoAccident: injury?.cause === 'auto_accident',
    accidentState: injury?.cause === 'auto_accident' ? (injury.state ?? null) : null,
    otherAccident: injury?.cause === 'other_accident',
    // A workers' compensation (or auto) claim: the claim number goes in 11 (reference §4.4).
    policyGroup: (healthPlan ? payer.groupNumber : claimNumber) ?? null,
    insuredBirthDate: insuredIsPatient ? patient.birthDate : null,
    insuredSex: insuredIsPatient ? patient.sex : null,
    otherClaimId: !healthPlan && claimNumber ? { qualifier: 'Y4' as const, value: claimNumber } : null,
    planName: payer.name,
    anotherPlan: healthPlan ? false : null,
    injuryDate: injury?.date ?? null,
    referring: input.referring
      ? {
          qualifier: 'DN' as const,
          name: personName(input.referring.lastName, input.referring.firstName),
          npi: input.referring.npi,
        }
      : null,
    icdIndicator: '0' as const,
    diagnoses: lettered.map(printedDiagnosis),
    priorAuthorization: input.priorAuthorization,
    taxId: input.taxId,
    taxIdType: 'EIN' as const,
    signature: input.signature,
    facility: input.facility,
    billing: input.billing,
  };
  return chunks.map((chunk, i) => ({
    ...header,
    page: i + 1,
    pages: chunks.length,
    lines: chunk.map(({ paidCents: _paid, ...line }) => line),
    totalChargeCents: chunk.reduce((sum, l) => sum + (l.chargeCents ?? 0), 0),
    amountPaidCents: chunk.reduce((sum, l) => sum + l.paidCents, 0),
  }));
}

/** "03/14/2026" */
export const formDate = (iso: string | null) =>
  iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : '';
/** "1234.50" → as 24F and 28 read: dollars and cents. */
export const formMoney = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2));
export const addressText = (a: ClaimAddress | null) =>
  a ? [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean).join(', ') : '';
const yesNo = (b: boolean) => (b ? 'YES' : 'NO');
const sexText = (s: 'M' | 'F' | null) => s ?? '';

/** The boxes of one form as the review copy and the JSON preflight list them, in the form's order. */
export function formBoxes(form: ClaimForm): ClaimBox[] {
  const boxes: ClaimBox[] = [
    { box: 'Carrier', label: 'Payer', value: form.payerName ?? '' },
    {
      box: '1',
      label: 'Insurance type',
      value: form.insuranceType === 'group_health' ? 'Group health plan' : 'Other',
    },
    { box: '1a', label: "Insured's ID number", value: form.insuredId ?? '' },
    { box: '2', label: "Patient's name", value: form.patientName },
    {
      box: '3',
      label: "Patient's birth date, sex",
      value: [formDate(form.patientBirthDate), sexText(form.patientSex)].filter(Boolean).join(' '),
    },
    { box: '4', label: "Insured's name", value: form.insuredName ?? '' },
    {
      box: '5',
      label: "Patient's address, telephone",
      value: [addressText(form.patientAddress), form.patientPhone].filter(Boolean).join(' — '),
    },
    {
      box: '6',
      label: 'Patient relationship to insured',
      value: form.relationship === 'self' ? 'Self' : 'Other',
    },
    {
      box: '7',
      label: "Insured's address, telephone",
      value: [addressText(form.insuredAddress), form.insuredPhone].filter(Boolean).join(' — '),
    },
    { box: '10a', label: 'Condition related to employment', value: yesNo(form.employment) },
    {
      box: '10b',
      label: 'Condition related to auto accident (state)',
      value: form.autoAccident ? `YES${form.accidentState ? ` (${form.accidentState})` : ''}` : 'NO',
    },
    { box: '10c', label: 'Condition related to other accident', value: yesNo(form.otherAccident) },
    { box: '11', label: "Insured's policy group or FECA number", value: form.policyGroup ?? '' },
    {
      box: '11a',
      label: "Insured's birth date, sex",
      value: [formDate(form.insuredBirthDate), sexText(form.insuredSex)].filter(Boolean).join(' '),
    },
    {
      box: '11b',
      label: 'Other claim ID',
      value: form.otherClaimId ? `${form.otherClaimId.qualifier} ${form.otherClaimId.value}` : '',
    },
    { box: '11c', label: 'Insurance plan or program name', value: form.planName ?? '' },
    {
      box: '11d',
      label: 'Another health benefit plan?',
      value: form.anotherPlan === null ? '' : yesNo(form.anotherPlan),
    },
    {
      box: '14',
      label: 'Date of current illness or injury (qualifier 431)',
      value: formDate(form.injuryDate),
    },
    {
      box: '17',
      label: 'Name of referring provider',
      value: form.referring ? `${form.referring.qualifier} ${form.referring.name}` : '',
    },
    { box: '17b', label: 'Referring provider NPI', value: form.referring?.npi ?? '' },
    { box: '21', label: 'ICD indicator', value: form.icdIndicator },
    ...form.diagnoses.map((code, i) => ({
      box: `21${LETTERS[i]}`,
      label: `Diagnosis ${LETTERS[i]}`,
      value: code,
    })),
    { box: '23', label: 'Prior authorization number', value: form.priorAuthorization ?? '' },
    ...form.lines.flatMap((l, i) => {
      const n = i + 1;
      return [
        {
          box: `24A.${n}`,
          label: `Line ${n}: dates of service`,
          value: l.from === l.to ? formDate(l.from) : `${formDate(l.from)} – ${formDate(l.to)}`,
        },
        { box: `24B.${n}`, label: `Line ${n}: place of service`, value: l.placeOfService },
        {
          box: `24D.${n}`,
          label: `Line ${n}: procedure (CPT) and modifiers`,
          value: [l.cpt, ...l.modifiers].join(' '),
        },
        { box: `24E.${n}`, label: `Line ${n}: diagnosis pointer`, value: l.pointers },
        { box: `24F.${n}`, label: `Line ${n}: charges`, value: formMoney(l.chargeCents) },
        { box: `24G.${n}`, label: `Line ${n}: units`, value: String(l.units) },
        { box: `24J.${n}`, label: `Line ${n}: rendering provider NPI`, value: l.renderingNpi ?? '' },
      ];
    }),
    { box: '25', label: 'Federal tax ID number (EIN)', value: form.taxId ?? '' },
    { box: '28', label: 'Total charge', value: formMoney(form.totalChargeCents) },
    {
      box: '29',
      label: 'Amount paid',
      value: form.amountPaidCents > 0 ? formMoney(form.amountPaidCents) : '',
    },
    {
      box: '31',
      label: 'Signature of physician or supplier, date',
      value: `${form.signature.name}, ${formDate(form.signature.date)}`,
    },
    {
      box: '32',
      label: 'Service facility location',
      value: form.facility
        ? [form.facility.name, addressText(form.facility.address)].filter(Boolean).join(', ')
        : '',
    },
    { box: '32a', label: 'Service facility NPI', value: form.facility?.npi ?? '' },
    {
      box: '33',
      label: 'Billing provider info and phone',
      value: [form.billing.name, addressText(form.billing.address), form.billing.phone]
        .filter(Boolean)
        .join(', '),
    },
    { box: '33a', label: 'Billing provider NPI', value: form.billing.npi ?? '' },
  ];
  return boxes;
}

const PAYER_LABEL: Record<PayerKind, string> = {
  health: 'health plan',
  auto: 'auto insurer',
  workers_comp: "workers' compensation carrier",
};

/**
 * What stands between this claim and a clean one, in plain words, each naming the box it concerns. Errors: the
 * payer would reject the claim (or it cannot be filled in); warnings: worth checking before sending.
 */
export function claimProblems(input: ClaimInput): ClaimProblem[] {
  const problems = claimFactProblems(input);
  const billable = input.lines.filter((l) => l.cpt).length;
  if (billable > LINES_PER_FORM)
    problems.push({
      field: '24',
      severity: 'warning',
      message: `${billable} service lines need ${Math.ceil(billable / LINES_PER_FORM)} forms (6 lines each); each form carries its own total.`,
    });
  return problems;
}

/**
 * The problems of the claim's facts, whatever carries them: `claimProblems` without what only the paper form
 * has to say (its six lines a form). The electronic claim (`x12-837p.ts`) starts from these.
 */
export function claimFactProblems(input: ClaimInput): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const error = (field: string, message: string) => problems.push({ field, message, severity: 'error' });
  const warning = (field: string, message: string) => problems.push({ field, message, severity: 'warning' });
  const { payer, patient, injury } = input;

  if (!payer.name) error('11c', `No ${PAYER_LABEL[payer.kind]} is named: record who pays the claim.`);
  if (payer.kind === 'health') {
    if (!payer.memberId)
      error('1a', "No insured's ID: record the member ID from the patient's insurance card.");
  } else if (!payer.claimNumber) {
    error(
      '1a',
      `No claim number: record the ${PAYER_LABEL[payer.kind]}'s claim number on the referral's claim.`,
    );
  }
  if (payer.kind === 'workers_comp') {
    if (!payer.employer)
      error(
        '4',
        "No employer: on a workers' compensation claim the employer is the insured. Record it on the claim.",
      );
    if (injury?.cause !== 'employment')
      error(
        '10a',
        "The referral does not say the condition is a work injury: a workers' compensation claim needs it.",
      );
  }
  if (payer.kind === 'auto' && injury?.cause !== 'auto_accident')
    error('10b', 'The referral does not say the condition is related to an auto accident.');
  if (injury?.cause === 'auto_accident' && !/^[A-Z]{2}$/.test(injury.state ?? ''))
    error('10b', 'The state the auto accident happened in (2 letters) is missing.');
  if (payer.kind !== 'health' && !injury?.date) error('14', 'The date of the injury is missing.');
  if (payer.kind === 'health' && injury && injury.cause !== 'other_accident')
    warning(
      injury.cause === 'employment' ? '10a' : '10b',
      `The condition is related to ${injury.cause === 'employment' ? 'work' : 'an auto accident'}: that insurer usually pays before the health plan.`,
    );

  if (!patient.address) error('5', "The patient's address is missing.");
  if (!patient.sex) warning('3', "The patient's sex is not recorded (male or female, as the payer has it).");

  if (!input.referring)
    warning('17', 'No referring provider: most payers pay for medical massage only on a prescription.');
  else if (!input.referring.npi)
    warning(
      '17b',
      `The referring provider ${input.referring.firstName} ${input.referring.lastName} has no NPI on file.`,
    );

  const unique = [...new Set(input.diagnoses.map((d) => d.toUpperCase()))];
  if (unique.length === 0)
    error('21', 'No diagnosis: a claim needs at least one ICD-10-CM code from the referral.');
  if (unique.length > MAX_DIAGNOSES)
    error(
      '21',
      `${unique.length} diagnoses are recorded but a form holds ${MAX_DIAGNOSES}: ${unique.slice(MAX_DIAGNOSES).join(', ')} would be left off.`,
    );

  const lettered = letteredDiagnoses(input);
  const billable = input.lines.filter((l) => l.cpt);
  if (billable.length === 0) error('24', 'No billable service in this period: there is nothing to claim.');
  const missingNpi = new Set<string>();
  const visitProblems = new Set<string>();
  for (const line of input.lines) {
    const visit = `The visit of ${formDate(line.date)}`;
    // Once per visit (its lines share the date, the provider and the referral).
    const once = (field: string, message: string) => {
      if (visitProblems.has(message)) return;
      visitProblems.add(message);
      error(field, message);
    };
    if (line.licenceLapse)
      once(
        '24J',
        `${visit} by ${line.renderingName || '(unnamed)'} was given without a valid licence: ${line.licenceLapse}. Record the renewal under their credentials if they held one, or leave the visit off the claim.`,
      );
    if (line.outsideReferral)
      once(
        '17',
        `${visit} ${referralGapText(line.outsideReferral, line.date, formDate)}: it is not billed under that referral. Record a referral that covers it.`,
      );
    const what = line.cpt ? `The ${line.cpt} line of ${formDate(line.date)}` : visit;
    if (!line.cpt) {
      error('24D', `${what} has no procedure (CPT) code: nothing billable is documented, so it is left off.`);
      continue;
    }
    if (!pointersOf(line, lettered)) error('24E', `${what} points to no diagnosis.`);
    if (line.chargeCents === null)
      error('24F', `${what} has no charge: the visit was not booked as a priced session.`);
    if (!(line.units >= 1)) error('24G', `${what} has no units.`);
    if (!line.renderingNpi) missingNpi.add(line.renderingName);
  }
  for (const name of missingNpi)
    error(
      '24J',
      `The rendering provider ${name || '(unnamed)'} has no NPI: record it under their credentials.`,
    );

  if (!input.taxId)
    error('25', "The clinic's federal tax ID (EIN) is missing: record it in the clinic settings.");
  if (!input.billing.address)
    error('33', "The billing provider's address is missing: add the clinic's location.");
  if (!input.billing.npi)
    error(
      '33a',
      "The billing provider has no NPI: record the clinic's organisation NPI in the clinic settings.",
    );
  return problems;
}

/**
 * A visit's fee split over its lines in proportion to their units, in whole cents that add up to the fee
 * (largest remainder; ties to the earlier line). No units at all: the first line takes the fee.
 */
export function splitCents(totalCents: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? totalCents : 0));
  const exact = weights.map((w) => (totalCents * Math.max(0, w)) / sum);
  const shares = exact.map(Math.floor);
  let left = totalCents - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}
