import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, referrals } from '../../src/db/schema/index.ts';
import { formDate } from '../../src/domain/billing/cms1500.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { base, type ClinicalWorld, clinicalWorld, plusDays, today } from './clinical-support.ts';
import { pdfPages, treatedPatient } from './reports-support.ts';

/** Superbills and claims check each visit against the licence and the referral valid on its own date. */

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

type Problem = { field: string; message: string; severity: string };
const from = () => plusDays(t, -7);

async function insuredPatient() {
  const treated = await treatedPatient(w, { sessions: 1 });
  const insured = await w.owner.patch(base(w, treated.patientId), {
    address: { line1: '12 Elm St', city: 'San Diego', region: 'CA', postalCode: '92101' },
    insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456' },
  });
  expect(insured.statusCode, insured.body).toBe(200);
  return treated;
}
const claimCheck = async (patientId: string) => {
  const r = await w.owner.get(
    `${base(w, patientId)}/claims/cms1500?from=${from()}&to=${today(t)}&payer=health`,
  );
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { problems: Problem[]; forms: { boxes: { box: string; value: string }[] }[] };
};
const superbillText = async (patientId: string) => {
  const r = await w.owner.get(`${base(w, patientId)}/superbill.pdf?from=${from()}&to=${today(t)}`);
  expect(r.statusCode, r.body).toBe(200);
  return (await pdfPages(r.rawPayload)).join('\n').replace(/\s+/g, ' ');
};

describe('a visit given after the therapist’s licence expired', () => {
  it('is an error in the claim check and is left off the superbill, named; a recorded renewal bills it', async () => {
    const treated = await insuredPatient();
    // Valid on the first day of the period, expired the day before the visit (today).
    const cmt = await w.owner.post(`/api/clinics/${w.clinicId}/credentials`, {
      therapistId: w.therapist.userId,
      kind: 'camtc',
      title: 'Certified Massage Therapist (CMT)',
      issuer: 'California Massage Therapy Council',
      number: '87654',
      certifiedName: w.therapist.name,
      issuedOn: plusDays(t, -400),
      expiresOn: plusDays(t, -1),
    });
    expect(cmt.statusCode, cmt.body).toBe(201);

    const lapse = `their Certified Massage Therapist (CMT) expired on ${dayText(plusDays(t, -1))}`;
    const lapsed = await claimCheck(treated.patientId);
    expect(lapsed.problems).toContainEqual({
      field: '24J',
      severity: 'error',
      message: `The visit of ${formDate(today(t))} by ${w.therapist.name} was given without a valid licence: ${lapse}. Record the renewal under their credentials if they held one, or leave the visit off the claim.`,
    });
    // Once per visit, not once per line.
    expect(lapsed.problems.filter((p) => p.message.includes('without a valid licence'))).toHaveLength(1);

    const bill = await superbillText(treated.patientId);
    expect(bill).toContain('Not billed: given without a valid licence');
    expect(bill).toContain(`The visit of ${dayText(today(t))} by ${w.therapist.name}: ${lapse}.`);
    expect(bill).toContain('No visit to bill in this period');
    expect(bill).not.toContain('97140');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, treated.patientId), eq(auditLog.action, 'superbill.read')));
    expect(audit?.details).toMatchObject({ visits: 0, withoutLicence: 1 });

    // The renewal, recorded: the visit is covered and billed, under the licence it was given under.
    const renewed = await w.owner.patch(`/api/clinics/${w.clinicId}/credentials/${cmt.json().id}`, {
      expiresOn: plusDays(t, 700),
    });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const clean = await claimCheck(treated.patientId);
    expect(clean.problems.some((p) => p.message.includes('without a valid licence'))).toBe(false);
    const billed = await superbillText(treated.patientId);
    expect(billed).not.toContain('Not billed');
    expect(billed).toContain('97140');
    expect(billed).toContain('Certified Massage Therapist (CMT) 87654');
    // The column header fits its column: not wrapped as "Minute/s".
    expect(billed).toContain('Units Minutes Diagnosis');
  });
});

describe('a visit outside the referral’s dates', () => {
  it('is not billed under the referral, and the claim check says so', async () => {
    const treated = await insuredPatient();
    // The referral starts tomorrow: today's visit comes before it.
    await t.database.db
      .update(referrals)
      .set({ validFrom: plusDays(t, 1) })
      .where(and(eq(referrals.clinicId, w.clinicId), eq(referrals.id, treated.referralId)));

    const claim = await claimCheck(treated.patientId);
    const written = formDate(plusDays(t, -3));
    expect(claim.problems).toContainEqual({
      field: '17',
      severity: 'error',
      message: `The visit of ${formDate(today(t))} is before the referral of ${written} starts (valid from ${formDate(plusDays(t, 1))}): it is not billed under that referral. Record a referral that covers it.`,
    });
    // Neither the referral's diagnoses nor its provider are put on the claim for it.
    expect(claim.forms[0]!.boxes.find((b) => b.box === '21A')).toBeUndefined();
    expect(claim.problems.map((p) => p.field)).toContain('24E');

    const bill = await superbillText(treated.patientId);
    expect(bill).toContain(
      `The visit of ${dayText(today(t))} is before the referral of ${dayText(plusDays(t, -3))} starts (valid from ${dayText(plusDays(t, 1))}).`,
    );
    expect(bill).toContain('No diagnosis is recorded for these visits.');
    expect(bill).not.toContain('M54.50');

    // Ended the day before the visit: the same, from the other side.
    await t.database.db
      .update(referrals)
      .set({ validFrom: plusDays(t, -3), validUntil: plusDays(t, -1) })
      .where(and(eq(referrals.clinicId, w.clinicId), eq(referrals.id, treated.referralId)));
    const ended = await claimCheck(treated.patientId);
    expect(ended.problems).toContainEqual(
      expect.objectContaining({
        field: '17',
        message: expect.stringContaining(
          `is after the referral of ${written} ends (valid until ${formDate(plusDays(t, -1))})`,
        ),
      }),
    );
  });
});
