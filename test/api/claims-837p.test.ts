import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, locations, referrals, services } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  plusDays,
  serviceAndRoom,
  today,
} from './clinical-support.ts';
import { treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let frontDesk: Awaited<ReturnType<typeof addMember>>;

const CLINIC_NPI = '1234567893';
const THERAPIST_NPI = '1245319599';

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  frontDesk = await addMember(t, w.clinicId, ['front_desk']);
  const saved = await w.owner.patch(`/api/clinics/${w.clinicId}`, { taxId: '12-3456789', npi: CLINIC_NPI });
  expect(saved.statusCode, saved.body).toBe(200);
  const npi = await w.owner.post(`/api/clinics/${w.clinicId}/credentials`, {
    therapistId: w.therapist.userId,
    kind: 'npi',
    title: 'National Provider Identifier',
    issuer: 'CMS (NPPES)',
    number: THERAPIST_NPI,
    certifiedName: w.therapist.name,
    region: null,
  });
  expect(npi.statusCode, npi.body).toBe(201);
});
afterAll(() => t.close());

let sessionsBooked = 0;

/** A patient with one signed visit documenting a booked $110 session (97140 × 2), an address and a sex. */
async function claimablePatient(options: { userId?: string } = {}) {
  const treated = await treatedPatient(w, { sessions: 1, userId: options.userId ?? null });
  const place = await serviceAndRoom(w);
  await t.database.db
    .update(services)
    .set({ priceCents: 11000 })
    .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
  // Each patient's session two hours before the last one's: the therapist sees one at a time.
  const startAt = new Date(t.clock.now().getTime() - 2 * ++sessionsBooked * 3_600_000);
  await insertAppointment(w, place, {
    patientId: treated.patientId,
    startAt,
    endAt: new Date(startAt.getTime() + 3_600_000),
    status: 'completed',
    sessionNoteId: treated.noteIds[0]!,
  });
  const patched = await w.owner.patch(base(w, treated.patientId), {
    address: { line1: '12 Elm St', city: 'San Diego', region: 'CA', postalCode: '92101' },
    sexAssignedAtBirth: 'female',
  });
  expect(patched.statusCode, patched.body).toBe(200);
  return treated;
}

/** An auto or workers' compensation claim on the patient's referral. */
async function injuryClaim(
  referralId: string,
  injury: { cause: 'auto_accident' | 'employment'; date: string; state: string | null },
  claim: { carrier: string; claimNumber: string; employer: string | null; firstContactDate: string | null },
) {
  await t.database.db
    .update(referrals)
    .set({ injuryCause: injury.cause, injuryDate: injury.date, accidentState: injury.state })
    .where(and(eq(referrals.clinicId, w.clinicId), eq(referrals.id, referralId)));
  const recorded = await w.owner.put(`/api/clinics/${w.clinicId}/referrals/${referralId}/claim`, {
    ...claim,
    adjusterName: 'Dana Whitfield',
    adjusterPhone: null,
  });
  expect(recorded.statusCode, recorded.body).toBe(200);
}

const period = () => `from=${plusDays(t, -7)}&to=${today(t)}`;
const fileUrl = (patientId: string, query: string) =>
  `${base(w, patientId)}/claims/837p?${period()}&${query}`;

/** The interchange as a receiver reads it: segments on `~`, elements on `*`. */
const segmentsOf = (text: string) =>
  text
    .slice(0, -1)
    .split('~')
    .map((s) => s.split('*'));
const segment = (segments: string[][], id: string, first?: string) =>
  segments.find((s) => s[0] === id && (first === undefined || s[1] === first))?.join('*');
const d8 = (iso: string) => iso.replaceAll('-', '');

/**
 * The refusals audited for one person: a role without the permission is refused at the clinic (the route in
 * the details), a patient at their own record.
 */
async function refusalsOf(userId: string) {
  const rows = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.outcome, 'refused')))
    .orderBy(auditLog.id);
  return rows.map((r) => ({
    action: r.action,
    patientId: r.patientId,
    route: (r.details as { route?: string } | null)?.route ?? null,
  }));
}
const ROUTE = '/api/clinics/:clinicId/patients/:patientId/claims/837p';

async function auditRows(patientId: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'claim.837p.read')))
    .orderBy(auditLog.id);
}

describe('837P electronic claims', () => {
  it('refuses an incomplete claim with its problems, then sends a health plan claim matching the CMS-1500', async () => {
    const treated = await claimablePatient();
    await w.owner.patch(base(w, treated.patientId), {
      insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456', groupNumber: 'G-77' },
    });
    const url = fileUrl(treated.patientId, 'payer=health&payerId=BS001&filing=BL');

    // The payer ID is the desk's to give: without it, a 400 naming the field; a plan type is a health plan's.
    const noPayerId = await frontDesk.agent.get(
      `${base(w, treated.patientId)}/claims/837p?${period()}&payer=health`,
    );
    expect(noPayerId.statusCode).toBe(400);
    expect(noPayerId.json().error.details[0].path).toBe('querystring.payerId');

    // The clinic's ZIP code has 5 digits: an electronic claim wants ZIP+4 for the billing provider. A 422 with
    // the problems, which the preflight already listed apart from the CMS-1500's.
    const incomplete = await frontDesk.agent.get(url);
    expect(incomplete.statusCode, incomplete.body).toBe(422);
    const zipPlus4 = {
      field: '33',
      severity: 'error',
      message:
        "The billing provider's ZIP code needs all 9 digits (ZIP+4) on an electronic claim: add the +4 to the clinic's location.",
    };
    expect(incomplete.json().error).toMatchObject({
      code: 'claim_incomplete',
      message: 'The claim is not complete enough to send: 1 thing to fix first',
    });
    // The CMS-1500's warning (a paper referral names no provider) comes along; it does not stop the file.
    expect(incomplete.json().error.details.problems).toEqual([
      expect.objectContaining({ field: '17', severity: 'warning' }),
      zipPlus4,
    ]);
    const preflight = await frontDesk.agent.get(
      `${base(w, treated.patientId)}/claims/cms1500?${period()}&payer=health`,
    );
    expect(preflight.statusCode, preflight.body).toBe(200);
    expect(preflight.json().problems.map((p: { field: string }) => p.field)).toEqual(['17']);
    expect(preflight.json().electronicProblems).toEqual([zipPlus4]);

    const [location] = await t.database.db.select().from(locations).where(eq(locations.clinicId, w.clinicId));
    const moved = await w.owner.put(`/api/clinics/${w.clinicId}/locations/${location!.id}`, {
      name: location!.name,
      addressLine1: location!.addressLine1,
      city: location!.city,
      region: location!.region,
      postalCode: '92101-3204',
      phone: '+1 619 555 0100',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const response = await frontDesk.agent.get(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/edi-x12');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="837p-health-${plusDays(t, -7)}-to-${today(t)}.txt"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const text = response.body;
    const segments = segmentsOf(text);
    expect(text.indexOf('~')).toBe(105);
    expect(segments[0]![6]).toBe('123456789      ');
    expect(segments[0]![8]).toBe('BS001          ');
    const st = segments.findIndex((s) => s[0] === 'ST');
    const se = segments.findIndex((s) => s[0] === 'SE');
    expect(segments[se]![1]).toBe(String(se - st + 1));
    expect(segments.at(-1)).toEqual(['IEA', '1', segments[0]![13]]);
    expect(segment(segments, 'NM1', '85')).toBe(`NM1*85*2*HARBOR MEDICAL MASSAGE*****XX*${CLINIC_NPI}`);
    expect(segment(segments, 'N4')).toBe('N4*SAN DIEGO*CA*921013204');
    expect(segment(segments, 'REF', 'EI')).toBe('REF*EI*123456789');
    expect(segment(segments, 'PER')).toBe('PER*IC*HARBOR MEDICAL MASSAGE*TE*6195550100');
    expect(segment(segments, 'SBR')).toBe('SBR*P*18*G-77******BL');
    expect(segment(segments, 'NM1', 'IL')).toMatch(
      /^NM1\*IL\*1\*LOPEZ-[0-9A-F]{4}\*ANA\*\*\*\*MI\*XYZ123456$/,
    );
    expect(segment(segments, 'DMG')).toBe('DMG*D8*19800314*F');
    expect(segment(segments, 'NM1', 'PR')).toBe('NM1*PR*2*BLUE SHIELD OF CALIFORNIA*****PI*BS001');
    expect(segment(segments, 'HL', '3')).toBeUndefined();
    expect(segment(segments, 'HI')).toBe('HI*ABK:M5450*ABF:M62838');
    expect(segment(segments, 'NM1', '82')).toBe(
      `NM1*82*1*${w.therapist.name.toUpperCase()}*****XX*${THERAPIST_NPI}`,
    );
    expect(segment(segments, 'SV1')).toBe('SV1*HC:97140*110*UN*2***1:2');
    expect(segment(segments, 'DTP', '472')).toBe(`DTP*472*D8*${d8(today(t))}`);
    const clm = segments.find((s) => s[0] === 'CLM')!;
    expect(clm[1]).toMatch(/^[0-9A-F]{16}$/);
    expect(clm.slice(2).join('*')).toBe('110***11:B:1*Y*A*Y*Y');

    // The same facts as the CMS-1500: its total (28), codes (24D) and NPIs (24J, 33a).
    const boxes = (
      await frontDesk.agent.get(`${base(w, treated.patientId)}/claims/cms1500?${period()}&payer=health`)
    ).json();
    expect(Number(clm[2]) * 100).toBe(boxes.totalChargeCents);
    const box = (n: string) => boxes.forms[0].boxes.find((b: { box: string }) => b.box === n)?.value;
    expect(box('24D.1')).toBe('97140');
    expect(box('24J.1')).toBe(THERAPIST_NPI);
    expect(box('33a')).toBe(CLINIC_NPI);

    // Made again later: a new interchange number, the same claim ID (CLM01) for the same claim.
    t.clock.advance(60_000);
    const again = segmentsOf((await frontDesk.agent.get(url)).body);
    expect(again[0]![13]).not.toBe(segments[0]![13]);
    expect(again.find((s) => s[0] === 'CLM')![1]).toBe(clm[1]);

    // Every attempt is audited: what it covered, the payer ID and the interchange number; never the file.
    const rows = await auditRows(treated.patientId);
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'allowed', 'allowed']);
    expect(rows[0]!.details).toMatchObject({ payer: 'health', payerId: 'BS001' });
    expect(rows[1]!.details).toMatchObject({
      payer: 'health',
      payerId: 'BS001',
      filing: 'BL',
      visits: 1,
      forms: 1,
      controlNumber: Number(segments[0]![13]),
      claimId: clm[1],
    });
  });

  it('sends an auto claim: AM, REF*Y4 claim number, CLM11 AA with the state, accident and first-contact dates', async () => {
    const treated = await claimablePatient();
    const accident = plusDays(t, -20);
    const firstContact = plusDays(t, -18);
    await injuryClaim(
      treated.referralId,
      { cause: 'auto_accident', date: accident, state: 'CA' },
      {
        carrier: 'Pacific Auto Mutual',
        claimNumber: 'PAM-88231',
        employer: null,
        firstContactDate: firstContact,
      },
    );
    // An auto claim has no plan type to choose.
    const planType = await frontDesk.agent.get(
      fileUrl(treated.patientId, 'payer=auto&payerId=PAM01&filing=CI'),
    );
    expect(planType.statusCode).toBe(400);
    expect(planType.json().error.details[0].path).toBe('querystring.filing');

    const response = await frontDesk.agent.get(fileUrl(treated.patientId, 'payer=auto&payerId=PAM01'));
    expect(response.statusCode, response.body).toBe(200);
    const segments = segmentsOf(response.body);
    expect(segment(segments, 'SBR')).toBe('SBR*P*18*******AM');
    expect(segment(segments, 'NM1', 'IL')).toMatch(/\*MI\*PAM-88231$/);
    expect(segment(segments, 'REF', 'Y4')).toBe('REF*Y4*PAM-88231');
    // The claim number belongs to the subscriber (2010BA): before the payer, and no patient loop.
    const ids = segments.map((s) => s.slice(0, 2).join('*'));
    expect(ids.indexOf('REF*Y4')).toBeLessThan(ids.indexOf('NM1*PR'));
    expect(segment(segments, 'HL', '3')).toBeUndefined();
    expect(segments.find((s) => s[0] === 'CLM')![11]).toBe('AA:::CA');
    expect(segment(segments, 'DTP', '439')).toBe(`DTP*439*D8*${d8(accident)}`);
    expect(segment(segments, 'DTP', '444')).toBe(`DTP*444*D8*${d8(firstContact)}`);
    expect(segment(segments, 'NM1', 'PR')).toBe('NM1*PR*2*PACIFIC AUTO MUTUAL*****PI*PAM01');
  });

  it("sends a workers' compensation claim: the employer in 2000B, the injured worker and claim number in 2000C", async () => {
    const treated = await claimablePatient();
    const injury = plusDays(t, -30);
    await injuryClaim(
      treated.referralId,
      { cause: 'employment', date: injury, state: null },
      {
        carrier: 'State Compensation Insurance Fund',
        claimNumber: 'WC-2026-0042',
        employer: 'Acme Logistics',
        firstContactDate: null,
      },
    );
    const url = fileUrl(treated.patientId, 'payer=workers_comp&payerId=SCIF1');
    // A therapist reads billing but not injury claims: refused, and audited.
    expect((await w.therapist.agent.get(url)).statusCode).toBe(403);

    const response = await frontDesk.agent.get(url);
    expect(response.statusCode, response.body).toBe(200);
    const text = response.body;
    expect(text).toContain(
      'HL*2*1*22*1~SBR*P********WC~NM1*IL*2*ACME LOGISTICS~NM1*PR*2*STATE COMPENSATION INSURANCE FUND*****PI*SCIF1~HL*3*2*23*0~PAT*20~NM1*QC*1*LOPEZ-',
    );
    const segments = segmentsOf(text);
    const ids = segments.map((s) => s.slice(0, 2).join('*'));
    // The claim number goes with the patient (2010CA), after 2000C and before the claim.
    expect(ids.filter((id) => id === 'REF*Y4')).toHaveLength(1);
    expect(ids.indexOf('REF*Y4')).toBeGreaterThan(ids.indexOf('HL*3'));
    expect(ids.indexOf('REF*Y4')).toBeLessThan(segments.findIndex((s) => s[0] === 'CLM'));
    expect(segment(segments, 'REF', 'Y4')).toBe('REF*Y4*WC-2026-0042');
    expect(segments.find((s) => s[0] === 'CLM')![11]).toBe('EM');
    expect(segment(segments, 'DTP', '439')).toBe(`DTP*439*D8*${d8(injury)}`);
    expect(segment(segments, 'DTP', '444')).toBeUndefined();
    expect(await refusalsOf(w.therapist.userId)).toEqual([
      { action: 'access.claims.manage', patientId: null, route: ROUTE },
    ]);
    expect((await auditRows(treated.patientId)).map((r) => r.outcome)).toEqual(['allowed']);
  });

  it('is refused to a physician, to the patient, and to another clinic; each refusal audited', async () => {
    const portal = await addMember(t, w.clinicId, ['patient']);
    const treated = await claimablePatient({ userId: portal.userId });
    await w.owner.patch(base(w, treated.patientId), {
      insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456' },
    });
    const url = fileUrl(treated.patientId, 'payer=health&payerId=BS001');
    const physician = await w.physician.agent.get(url);
    expect(physician.statusCode).toBe(403);
    expect(physician.json().error.code).toBe('forbidden');
    const patient = await portal.agent.get(url);
    expect(patient.statusCode).toBe(403);
    expect(patient.json().error.message).toContain('billing staff');
    const other = await createOtherClinic(t);
    expect((await other.owner.get(url)).statusCode).toBe(403);
    const otherOwnerId = (await other.owner.get('/api/me')).json().user.id;

    // The physician and the other clinic's owner have no billing permission here: refused at the clinic; the
    // patient at their own record. Nothing was read: no row allowed.
    expect(await refusalsOf(w.physician.userId)).toEqual([
      { action: 'access.billing.read', patientId: null, route: ROUTE },
    ]);
    expect(await refusalsOf(otherOwnerId)).toEqual([
      { action: 'access.billing.read', patientId: null, route: ROUTE },
    ]);
    expect(await refusalsOf(portal.userId)).toEqual([
      { action: 'claim.837p.read', patientId: treated.patientId, route: null },
    ]);
    expect((await auditRows(treated.patientId)).map((r) => r.outcome)).toEqual(['refused']);
    // Without insurance on file the claim cannot be made at all: a 422, as for the CMS-1500.
    await w.owner.patch(base(w, treated.patientId), { insurance: null });
    const uninsured = await frontDesk.agent.get(url);
    expect(uninsured.statusCode).toBe(422);
    expect(uninsured.json().error.message).toContain('No health insurance is on file');
  });
});
