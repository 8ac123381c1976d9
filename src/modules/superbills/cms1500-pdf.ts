import type { ClaimAddress, ClaimForm } from '../../domain/billing/cms1500.ts';
import { loadPdfKit } from '../reports/pdf.ts';

/**
 * The CMS-1500 (02/12) claim printed on the red pre-printed form: text only, no lines or labels, each value at
 * its box. The form is laid out on a grid of 10 characters per inch and 6 lines per inch (Courier 10 pt on
 * 12 pt leading), US Letter; positions below are (line, column), both from 1, as billing software prints the
 * form. Upper case, plain ASCII, as the NUCC instructions ask. One page per form.
 */
const CHAR = 7.2; // 1/10 inch
const LINE = 12; // 1/6 inch
/** Where line 1, column 1 sits on the paper (points): printers differ, so these are the one place to adjust. */
const OFFSET = { left: 24, top: 20 };

interface Put {
  line: number;
  col: number;
  width: number;
  text: string;
}

/** Plain upper-case ASCII: accents dropped ("Zoë" → "ZOE"), anything else a space. */
export function formText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^\x20-\x7e]/g, ' ');
}

const mm = (iso: string) => iso.slice(5, 7);
const dd = (iso: string) => iso.slice(8, 10);
const yyyy = (iso: string) => iso.slice(0, 4);
const yy = (iso: string) => iso.slice(2, 4);
/** 24F, 28, 29: dollars right-aligned, a space for the point, cents (the form draws the dividing line). */
const amount = (cents: number) => (cents / 100).toFixed(2).replace('.', ' ').padStart(8, ' ');
const digits = (phone: string | null) => (phone ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');

function street(a: ClaimAddress | null) {
  return a ? [a.line1, a.line2].filter(Boolean).join(' ') : '';
}

/** Every value of one form at its position. */
export function formPositions(form: ClaimForm): Put[] {
  const out: Put[] = [];
  const put = (line: number, col: number, width: number, text: string | null | undefined) => {
    if (text) out.push({ line, col, width, text: formText(text).slice(0, width) });
  };
  const date8 = (line: number, col: number, iso: string | null) => {
    if (!iso) return;
    put(line, col, 2, mm(iso));
    put(line, col + 3, 2, dd(iso));
    put(line, col + 6, 4, yyyy(iso));
  };
  const phone = (line: number, col: number, value: string | null) => {
    const d = digits(value);
    if (d.length !== 10) return put(line, col, 12, d);
    put(line, col, 3, d.slice(0, 3));
    put(line, col + 4, 8, `${d.slice(3, 6)}-${d.slice(6)}`);
  };
  const mark = (line: number, col: number, on: boolean) => on && put(line, col, 1, 'X');

  if (form.pages > 1) put(1, 41, 31, `PAGE ${form.page} OF ${form.pages}`);
  // Carrier block (top right): the payer's name.
  put(2, 41, 31, form.payerName);
  // 1 insurance type: Group health plan (col 31) or Other (col 45); 1a insured's ID.
  mark(8, form.insuranceType === 'group_health' ? 31 : 45, true);
  put(8, 50, 29, form.insuredId);
  // 2 patient's name; 3 birth date and sex; 4 insured's name.
  put(10, 1, 28, form.patientName);
  date8(10, 31, form.patientBirthDate);
  if (form.patientSex) mark(10, form.patientSex === 'M' ? 42 : 47, true);
  put(10, 50, 29, form.insuredName);
  // 5 patient's address; 6 relationship (self col 33, other col 47); 7 insured's address.
  put(12, 1, 28, street(form.patientAddress));
  mark(12, form.relationship === 'self' ? 33 : 47, true);
  put(12, 50, 29, street(form.insuredAddress));
  put(14, 1, 24, form.patientAddress?.city);
  put(14, 26, 2, form.patientAddress?.state);
  put(14, 50, 23, form.insuredAddress?.city);
  put(14, 74, 2, form.insuredAddress?.state);
  put(16, 1, 12, form.patientAddress?.postalCode);
  phone(16, 15, form.patientPhone);
  put(16, 50, 12, form.insuredAddress?.postalCode);
  phone(16, 65, form.insuredPhone);
  // 11 insured's policy group or FECA number.
  put(18, 50, 29, form.policyGroup);
  // 10a employment (yes col 35, no col 41); 11a insured's birth date and sex.
  mark(20, form.employment ? 35 : 41, true);
  if (form.insuredBirthDate) {
    put(20, 53, 2, mm(form.insuredBirthDate));
    put(20, 56, 2, dd(form.insuredBirthDate));
    put(20, 59, 4, yyyy(form.insuredBirthDate));
  }
  if (form.insuredSex) mark(20, form.insuredSex === 'M' ? 68 : 75, true);
  // 10b auto accident and its state; 11b other claim ID (qualifier, then the number).
  mark(22, form.autoAccident ? 35 : 41, true);
  if (form.autoAccident) put(22, 45, 2, form.accidentState);
  if (form.otherClaimId) put(22, 50, 29, `${form.otherClaimId.qualifier} ${form.otherClaimId.value}`);
  // 10c other accident; 11c plan name.
  mark(24, form.otherAccident ? 35 : 41, true);
  put(24, 50, 29, form.planName);
  // 11d another health benefit plan (yes col 52, no col 57).
  if (form.anotherPlan !== null) mark(26, form.anotherPlan ? 52 : 57, true);
  // 14 date of injury and qualifier 431.
  if (form.injuryDate) {
    date8(32, 2, form.injuryDate);
    put(32, 16, 3, '431');
  }
  // 17 referring provider (qualifier, name); 17b NPI.
  if (form.referring) {
    put(34, 1, 2, form.referring.qualifier);
    put(34, 4, 25, form.referring.name);
    put(34, 33, 10, form.referring.npi);
  }
  // 21 ICD indicator and the codes A–L, four across on three lines; 23 prior authorisation.
  put(37, 42, 1, form.icdIndicator);
  for (const [i, code] of form.diagnoses.entries()) put(38 + Math.floor(i / 4), 3 + 13 * (i % 4), 8, code);
  put(40, 50, 28, form.priorAuthorization);
  // 24 service lines: the unshaded line of each pair, lines 44, 46 … 54.
  form.lines.forEach((l, i) => {
    const line = 44 + 2 * i;
    put(line, 1, 2, mm(l.from));
    put(line, 4, 2, dd(l.from));
    put(line, 7, 2, yy(l.from));
    put(line, 10, 2, mm(l.to));
    put(line, 13, 2, dd(l.to));
    put(line, 16, 2, yy(l.to));
    put(line, 19, 2, l.placeOfService);
    put(line, 25, 6, l.cpt);
    put(line, 33, 11, l.modifiers.join(' '));
    put(line, 45, 4, l.pointers);
    if (l.chargeCents !== null) put(line, 50, 8, amount(l.chargeCents));
    put(line, 59, 3, String(l.units));
    put(line, 68, 10, l.renderingNpi);
  });
  // 25 federal tax ID (EIN box col 19); 28 total charge; 29 amount paid.
  put(56, 1, 15, form.taxId);
  if (form.taxId) mark(56, 19, true);
  put(56, 52, 8, amount(form.totalChargeCents));
  if (form.amountPaidCents > 0) put(56, 62, 8, amount(form.amountPaidCents));
  // 33 billing provider's phone, name, street, city; 32 service facility; 31 signature and date.
  phone(57, 66, form.billing.phone);
  put(58, 23, 25, form.facility?.name);
  put(58, 50, 29, form.billing.name);
  put(59, 23, 25, street(form.facility?.address ?? null));
  put(59, 50, 29, street(form.billing.address));
  put(60, 1, 21, form.signature.name);
  const cityLine = (a: ClaimAddress | null | undefined) => (a ? `${a.city} ${a.state} ${a.postalCode}` : '');
  put(60, 23, 26, cityLine(form.facility?.address));
  put(60, 50, 29, cityLine(form.billing.address));
  const signed = form.signature.date;
  put(61, 6, 8, `${mm(signed)} ${dd(signed)} ${yy(signed)}`);
  // 32a service facility NPI; 33a billing provider NPI.
  put(61, 23, 10, form.facility?.npi);
  put(61, 50, 10, form.billing.npi);
  return out;
}

/** The forms of a claim as a PDF to print on the red forms, one page each. */
export async function renderClaimFormPdf(forms: readonly ClaimForm[], title: string): Promise<Buffer> {
  const { PDFDocument } = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'LETTER',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: { Title: formText(title), Creator: 'Palpa' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const form of forms) {
    pdf.addPage();
    pdf.font('Courier').fontSize(10).fillColor('#000000');
    for (const p of formPositions(form)) {
      pdf.text(p.text, OFFSET.left + (p.col - 1) * CHAR, OFFSET.top + (p.line - 1) * LINE, {
        lineBreak: false,
        characterSpacing: 0,
      });
    }
  }
  pdf.end();
  return done;
}
