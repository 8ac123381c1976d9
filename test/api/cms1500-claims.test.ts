import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, referrals } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { base, type ClinicalWorld, clinicalWorld, plusDays, today } from './clinical-support.ts';
import { pdfPages, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

type Box = { box: string; label: string; value: string };
type Problem = { field: string; message: string; severity: string };
const boxOf = (json: { forms: { boxes: Box[] }[] }, box: string, form = 0) =>
  json.forms[form]!.boxes.find((b) => b.box === box)?.value;
const fieldsOf = (json: { problems: Problem[] }) => json.problems.map((p) => p.field);

describe('CMS-1500 insurance claims', () => {
  it('prepares a health plan claim, lists what is missing, and prints it on the form or as a review copy', async () => {
    const treated = await treatedPatient(w, { sessions: 1 });
    const from = plusDays(t, -7);
    const to = today(t);
    const claimUrl = (payer: string, extra = '') =>
      `${base(w, treated.patientId)}/claims/cms1500?from=${from}&to=${to}&payer=${payer}${extra}`;
    const pdfUrl = (payer: string, print: string) =>
      `${base(w, treated.patientId)}/claims/cms1500.pdf?from=${from}&to=${to}&payer=${payer}&print=${print}`;
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);

    // No insurance on file: a 422 that says so.
    const uninsured = await frontDesk.agent.get(claimUrl('health'));
    expect(uninsured.statusCode, uninsured.body).toBe(422);
    expect(uninsured.json().error.message).toContain('No health insurance is on file');

    const record = base(w, treated.patientId);
    const insured = await w.owner.patch(record, {
      address: { line1: '12 Elm St', city: 'San Diego', region: 'CA', postalCode: '92101' },
      insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456', groupNumber: 'G-77' },
      sexAssignedAtBirth: 'female',
    });
    expect(insured.statusCode, insured.body).toBe(200);

    // Before the NPIs and the tax ID are recorded: the preflight says what is missing, box by box.
    const before = await frontDesk.agent.get(claimUrl('health'));
    expect(before.statusCode, before.body).toBe(200);
    const missing = before.json();
    expect(fieldsOf(missing)).toEqual(expect.arrayContaining(['24J', '25', '33a']));
    expect(missing.problems.find((p: Problem) => p.field === '24J')).toMatchObject({
      severity: 'error',
      message: `The rendering provider ${w.therapist.name} has no NPI: record it under their credentials.`,
    });

    const saved = await w.owner.patch(`/api/clinics/${w.clinicId}`, {
      taxId: '12-3456789',
      npi: '1234567893',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const npi = await w.owner.post(`/api/clinics/${w.clinicId}/credentials`, {
      therapistId: w.therapist.userId,
      kind: 'npi',
      title: 'National Provider Identifier',
      issuer: 'CMS (NPPES)',
      number: '1245319599',
      certifiedName: w.therapist.name,
      region: null,
    });
    expect(npi.statusCode, npi.body).toBe(201);

    const response = await frontDesk.agent.get(claimUrl('health'));
    expect(response.statusCode, response.body).toBe(200);
    const claim = response.json();
    expect(claim).toMatchObject({
      payer: 'health',
      payerName: 'Blue Shield of California',
      visits: 1,
      leftOff: 0,
    });
    expect(fieldsOf(claim)).not.toContain('24J');
    expect(fieldsOf(claim)).not.toContain('33a');
    expect(fieldsOf(claim)).not.toContain('25');
    // The visit was not booked as a priced session: its lines have no charge.
    expect(fieldsOf(claim)).toContain('24F');
    expect(claim.forms).toHaveLength(1);
    expect(boxOf(claim, '1')).toBe('Group health plan');
    expect(boxOf(claim, '1a')).toBe('XYZ123456');
    expect(boxOf(claim, '6')).toBe('Self');
    expect(boxOf(claim, '10a')).toBe('NO');
    expect(boxOf(claim, '11')).toBe('G-77');
    expect(boxOf(claim, '11c')).toBe('Blue Shield of California');
    expect(boxOf(claim, '21')).toBe('0');
    expect(boxOf(claim, '21A')).toBe('M5450');
    expect(boxOf(claim, '21B')).toBe('M62838');
    // 30 timed minutes of 97140: 2 units (CMS 8-minute rule), pointing at both diagnoses, at the office.
    expect(boxOf(claim, '24B.1')).toBe('11');
    expect(boxOf(claim, '24D.1')).toBe('97140');
    expect(boxOf(claim, '24E.1')).toBe('AB');
    expect(boxOf(claim, '24G.1')).toBe('2');
    expect(boxOf(claim, '24J.1')).toBe('1245319599');
    expect(boxOf(claim, '25')).toBe('12-3456789');
    expect(boxOf(claim, '33a')).toBe('1234567893');

    // Printed on the form: upper case, at the boxes.
    const form = await frontDesk.agent.get(pdfUrl('health', 'form'));
    expect(form.statusCode, form.body).toBe(200);
    expect(form.headers['content-type']).toBe('application/pdf');
    expect(form.headers['content-disposition']).toBe(
      `attachment; filename="cms1500-health-${from}-to-${to}.pdf"`,
    );
    const formText = (await pdfPages(form.rawPayload)).join('\n');
    for (const value of [
      'BLUE SHIELD OF CALIFORNIA',
      'XYZ123456',
      'M5450',
      'M62838',
      '97140',
      '1245319599',
      '12-3456789',
    ])
      expect(formText).toContain(value);
    expect(formText).toContain('12 ELM ST');
    // Text only: no label of the form is printed.
    expect(formText).not.toContain("Insured's ID number");

    // The review copy lists the boxes with their numbers and labels, and the problems first.
    const review = await frontDesk.agent.get(pdfUrl('health', 'review'));
    expect(review.statusCode, review.body).toBe(200);
    expect(review.headers['content-type']).toBe('application/pdf');
    const reviewText = (await pdfPages(review.rawPayload)).join('\n').replace(/\s+/g, ' ');
    expect(reviewText).toContain(`Insurance claim (CMS-1500) review copy, ${from} to ${to}`);
    expect(reviewText).toContain("1a Insured's ID number XYZ123456");
    expect(reviewText).toContain('To fix (box 24F)');

    // Only billing staff: not a physician, not another clinic; bad input is a 400 naming the field.
    expect((await w.physician.agent.get(claimUrl('health'))).statusCode).toBe(403);
    expect((await (await createOtherClinic(t)).owner.get(claimUrl('health'))).statusCode).toBe(403);
    const badPayer = await frontDesk.agent.get(claimUrl('medicare'));
    expect(badPayer.statusCode).toBe(400);
    expect(badPayer.json().error.details[0].path).toBe('querystring.payer');
    const badPrint = await frontDesk.agent.get(pdfUrl('health', 'fax'));
    expect(badPrint.statusCode).toBe(400);
    const backwards = await frontDesk.agent.get(
      `${base(w, treated.patientId)}/claims/cms1500?from=${to}&to=${plusDays(t, -30)}&payer=health`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('querystring.to');

    // Every read is audited with what it covered.
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, treated.patientId), eq(auditLog.action, 'claim.cms1500.read')));
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'allowed', 'allowed', 'allowed', 'allowed']);
    expect(rows[4]!.details).toMatchObject({
      from,
      to,
      payer: 'health',
      print: 'review',
      visits: 1,
      forms: 1,
    });
    expect(rows[0]!.details).toMatchObject({ payer: 'health' });
  });

  it("bills a workers' compensation claim: the employer is the insured, the claim number in 11, 10a yes", async () => {
    const treated = await treatedPatient(w, { sessions: 1 });
    const injuryDate = plusDays(t, -20);
    const url = `${base(w, treated.patientId)}/claims/cms1500?from=${plusDays(t, -7)}&to=${today(t)}&payer=workers_comp`;
    await w.owner.patch(base(w, treated.patientId), {
      address: { line1: '40 Harbor Dr', city: 'San Diego', region: 'CA', postalCode: '92101' },
    });

    // No workers' compensation claim on file: a 422.
    const none = await w.owner.get(url);
    expect(none.statusCode, none.body).toBe(422);
    expect(none.json().error.message).toContain("No workers' compensation claim is on file");

    await t.database.db
      .update(referrals)
      .set({ injuryCause: 'employment', injuryDate, accidentState: null })
      .where(and(eq(referrals.clinicId, w.clinicId), eq(referrals.id, treated.referralId)));
    const recorded = await w.owner.put(`/api/clinics/${w.clinicId}/referrals/${treated.referralId}/claim`, {
      carrier: 'State Compensation Insurance Fund',
      claimNumber: 'WC-2026-0042',
      adjusterName: 'Dana Whitfield',
      adjusterPhone: null,
      employer: 'Acme Logistics',
      firstContactDate: null,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);

    // A therapist reads billing but not injury claims: refused.
    expect((await w.therapist.agent.get(url)).statusCode).toBe(403);
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);
    const response = await frontDesk.agent.get(url);
    expect(response.statusCode, response.body).toBe(200);
    const claim = response.json();
    expect(claim).toMatchObject({
      payer: 'workers_comp',
      payerName: 'State Compensation Insurance Fund',
      visits: 1,
    });
    expect(boxOf(claim, '1')).toBe('Other');
    expect(boxOf(claim, '1a')).toBe('WC-2026-0042');
    expect(boxOf(claim, '4')).toBe('Acme Logistics');
    expect(boxOf(claim, '6')).toBe('Other');
    expect(boxOf(claim, '7')).toBe('');
    expect(boxOf(claim, '10a')).toBe('YES');
    expect(boxOf(claim, '10b')).toBe('NO');
    expect(boxOf(claim, '11')).toBe('WC-2026-0042');
    expect(boxOf(claim, '11b')).toBe('Y4 WC-2026-0042');
    expect(boxOf(claim, '14')).toBe(
      `${injuryDate.slice(5, 7)}/${injuryDate.slice(8, 10)}/${injuryDate.slice(0, 4)}`,
    );
    expect(fieldsOf(claim)).not.toContain('4');
    expect(fieldsOf(claim)).not.toContain('10a');

    const pdf = await frontDesk.agent.get(url.replace('/cms1500?', '/cms1500.pdf?'));
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = (await pdfPages(pdf.rawPayload)).join('\n');
    expect(text).toContain('ACME LOGISTICS');
    expect(text).toContain('WC-2026-0042');
    // The adjuster is the desk's contact, not the insurer's business.
    expect(text).not.toContain('WHITFIELD');

    // An auto claim for this patient: none on file.
    const auto = await frontDesk.agent.get(url.replace('workers_comp', 'auto'));
    expect(auto.statusCode).toBe(422);
    expect(auto.json().error.message).toContain('No auto accident claim is on file');
  });
});
