import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, referrals, services } from '../../src/db/schema/index.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
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
import { pdfPages, ROWS, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

describe('clinic billing identifiers', () => {
  it('keeps the tax ID and organisation NPI printed on superbills, checked at the edge', async () => {
    const url = `/api/clinics/${w.clinicId}`;
    const badEin = await w.owner.patch(url, { taxId: '123456789' });
    expect(badEin.statusCode).toBe(400);
    expect(badEin.json().error.details).toEqual([
      { path: 'body.taxId', message: 'An EIN reads like 12-3456789' },
    ]);
    const badNpi = await w.owner.patch(url, { npi: '1234567890' });
    expect(badNpi.statusCode).toBe(400);
    expect(badNpi.json().error.details[0]).toMatchObject({ path: 'body.npi' });
    expect((await w.therapist.agent.patch(url, { taxId: '12-3456789' })).statusCode).toBe(403);
    const saved = await w.owner.patch(url, { taxId: '12-3456789', npi: '1234567893' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ taxId: '12-3456789', npi: '1234567893' });
    expect((await w.owner.patch(url, { npi: null })).json().npi).toBeNull();
    await w.owner.patch(url, { npi: '1234567893' });
  });
});

describe('superbills', () => {
  it('itemises the documented visits: CPT, units by the 8-minute rule, diagnoses, fees; staff and the patient', async () => {
    const portal = await addMember(t, w.clinicId, ['patient']);
    const treated = await treatedPatient(w, { userId: portal.userId, sessions: 1 });
    // One more visit, documenting a booked session of $110 (the same session as the first).
    const place = await serviceAndRoom(w);
    await t.database.db
      .update(services)
      .set({ priceCents: 11000 })
      .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
    const startAt = new Date(t.clock.now().getTime() - 2 * 3_600_000);
    const appointmentId = await insertAppointment(w, place, {
      patientId: treated.patientId,
      startAt,
      endAt: new Date(startAt.getTime() + 3_600_000),
      status: 'completed',
    });
    // The first visit's appointment was completed with its note (the link from the other side).
    const earlier = new Date(startAt.getTime() - 2 * 3_600_000);
    await insertAppointment(w, place, {
      patientId: treated.patientId,
      startAt: earlier,
      endAt: new Date(earlier.getTime() + 3_600_000),
      status: 'completed',
      sessionNoteId: treated.noteIds[0]!,
    });
    const note = await w.therapist.agent.post(`${base(w, treated.patientId)}/notes`, {
      appointmentId,
      content: { treatment: { rows: [...ROWS, { ...ROWS[0]!, minutes: 8 }] } },
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(
      (
        await w.therapist.agent.post(`${base(w, treated.patientId)}/notes/${note.json().id}/sign`, {
          typedName: w.therapist.name,
        })
      ).statusCode,
    ).toBe(200);

    // Where the patient lives and their insurance, on the record (a bad address is a 400 naming the field).
    const record = `${base(w, treated.patientId)}`;
    const badAddress = await w.owner.patch(record, {
      address: { line1: '12 Elm St', city: '', region: 'CA' },
    });
    expect(badAddress.statusCode).toBe(400);
    expect(badAddress.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.address.city', 'body.address.postalCode']),
    );
    const insured = await w.owner.patch(record, {
      address: { line1: '12 Elm St', city: 'San Diego', region: 'CA', postalCode: '92101' },
      insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456', groupNumber: 'G-77' },
    });
    expect(insured.statusCode, insured.body).toBe(200);
    // The referring physician reads the record for care, not billing: the insurance is not theirs to see.
    const seen = (await w.physician.agent.get(record)).json();
    expect(seen.address).toMatchObject({ city: 'San Diego' });
    expect(seen.insurance).toBeNull();
    expect((await w.therapist.agent.get(record)).json().insurance).toMatchObject({ memberId: 'XYZ123456' });

    // The therapist's licence (before their certification) and NPI name them as the rendering provider.
    const credentialsUrl = `/api/clinics/${w.clinicId}/credentials`;
    const credential = (kind: string, title: string, number: string) => ({
      therapistId: w.therapist.userId,
      kind,
      title,
      issuer: kind === 'npi' ? 'CMS (NPPES)' : 'Washington State Department of Health',
      number,
      certifiedName: w.therapist.name,
      region: kind === 'state_license' ? 'WA' : null,
    });
    for (const body of [
      credential('ncbtmb', 'Board Certified in Therapeutic Massage', 'BC-1'),
      credential('state_license', 'Licensed Massage Therapist', 'MA60123456'),
      credential('npi', 'National Provider Identifier', '1245319599'),
    ]) {
      const created = await w.owner.post(credentialsUrl, body);
      expect(created.statusCode, created.body).toBe(201);
    }

    const from = plusDays(t, -7);
    const to = today(t);
    const url = `${base(w, treated.patientId)}/superbill.pdf?from=${from}&to=${to}`;
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);
    const response = await frontDesk.agent.get(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="superbill-${from}-to-${to}.pdf"`,
    );
    const text = (await pdfPages(response.rawPayload)).join('\n');
    // Dates as people read them ("Nov 23, 2026"), the title's as the visits' and the date it was made.
    expect(text).toContain(`Superbill, ${dayText(from)} to ${dayText(to)}`);
    expect(text).toContain(dayText(today(t)));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toContain('Tax ID (EIN): 12-3456789');
    expect(text).toContain('NPI: 1234567893');
    expect(text).toContain('Patient address: 12 Elm St, San Diego, CA 92101');
    expect(text).toContain('Insurance: Blue Shield of California — member ID XYZ123456, group G-77');
    expect(text).toContain('A. M54.50 — Low back pain, unspecified');
    expect(text).toContain('B. M62.838 — Other muscle spasm');
    // 30 timed minutes make 2 units; 38 make 3 (CMS 8-minute rule). Each visit has its session's fee.
    expect(text).toMatch(/11\s+97140\s+2\s+30\s+AB/);
    expect(text).toMatch(/11\s+97140\s+3\s+38\s+AB/);
    expect(text.replace(/\s+/g, ' ')).toContain(
      `${w.therapist.name} — Licensed Massage Therapist MA60123456 (WA) — NPI 1245319599`,
    );
    expect(text).toContain('$110.00');
    expect(text).toContain('2 visits; total charged $220.00.');
    expect(text).not.toContain('Condition related to');

    // The patient downloads their own; not another patient's. Physicians, even linked, and other clinics: no.
    expect((await portal.agent.get(url)).statusCode).toBe(200);
    const other = await treatedPatient(w, { sessions: 0 });
    expect(
      (await portal.agent.get(`${base(w, other.patientId)}/superbill.pdf?from=${from}&to=${to}`)).statusCode,
    ).toBe(403);
    expect((await w.physician.agent.get(url)).statusCode).toBe(403);
    expect((await (await createOtherClinic(t)).owner.get(url)).statusCode).toBe(403);

    // Bad ranges are a 400 naming the field.
    const backwards = await frontDesk.agent.get(
      `${base(w, treated.patientId)}/superbill.pdf?from=${to}&to=${from}`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('querystring.to');

    // One audit row per superbill, saying what it covered.
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, treated.patientId), eq(auditLog.action, 'superbill.read')));
    expect(rows.map((r) => [r.outcome, r.details])).toEqual([
      ['allowed', { from, to, visits: 2 }],
      ['allowed', { from, to, visits: 2 }],
    ]);
    // The physician's refusal is audited too: a role without the permission is refused at the clinic.
    const [refusal] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, w.physician.userId), eq(auditLog.action, 'access.billing.read')));
    expect(refusal).toMatchObject({
      outcome: 'refused',
      details: { route: '/api/clinics/:clinicId/patients/:patientId/superbill.pdf' },
    });
  });

  it('says what an injury referral is related to, its claim and prior authorisation (boxes 10, 11, 14, 23)', async () => {
    const treated = await treatedPatient(w, { sessions: 1 });
    await t.database.db
      .update(referrals)
      .set({ injuryCause: 'auto_accident', injuryDate: plusDays(t, -20), accidentState: 'CA' })
      .where(and(eq(referrals.clinicId, w.clinicId), eq(referrals.id, treated.referralId)));
    const superbillText = async () => {
      const url = `${base(w, treated.patientId)}/superbill.pdf?from=${plusDays(t, -7)}&to=${today(t)}`;
      const response = await w.owner.get(url);
      expect(response.statusCode, response.body).toBe(200);
      return (await pdfPages(response.rawPayload)).join('\n').replace(/\s+/g, ' ');
    };
    const related = `Condition related to: Auto accident on ${dayText(plusDays(t, -20))} (CA)`;
    const before = await superbillText();
    expect(before).toContain(related);
    expect(before).not.toContain('Claim:');
    expect(before).not.toContain('Prior authorisation');

    const claim = await w.owner.put(`/api/clinics/${w.clinicId}/referrals/${treated.referralId}/claim`, {
      carrier: 'Pacific Auto Mutual',
      claimNumber: 'PAM-88231',
      adjusterName: 'Dana Whitfield',
      adjusterPhone: null,
      employer: null,
      firstContactDate: null,
    });
    expect(claim.statusCode, claim.body).toBe(200);
    const authorised = await w.owner.put(
      `/api/clinics/${w.clinicId}/referrals/${treated.referralId}/prior-authorization`,
      { number: 'PA-55102' },
    );
    expect(authorised.statusCode, authorised.body).toBe(200);
    const after = await superbillText();
    expect(after).toContain('Prior authorisation number: PA-55102');
    expect(after).toContain(related);
    expect(after).toContain('Claim: Pacific Auto Mutual, claim number PAM-88231');
    // The adjuster is the desk's contact, not the insurer's business.
    expect(after).not.toContain('Dana Whitfield');
  });
});
