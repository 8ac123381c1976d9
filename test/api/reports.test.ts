import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  clinicalReports,
  disclosures,
  emailOutbox,
  referrals,
  reportDeliveries,
} from '../../src/db/schema/index.ts';
import { dayText, localDate } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { auditOf, base, type ClinicalWorld, clinicalWorld, dbRefusal, today } from './clinical-support.ts';
import { pdfPages, type TreatedPatient, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let p: TreatedPatient;
let patientUser: Awaited<ReturnType<typeof addMember>>;
let reportId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  patientUser = await addMember(t, w.clinicId, ['patient']);
  p = await treatedPatient(w, { userId: patientUser.userId, missed: true });
  // A car accident: the physician and the auto insurer read what the condition is related to.
  await t.database.db
    .update(referrals)
    .set({ injuryCause: 'auto_accident', injuryDate: '2026-01-05', accidentState: 'OR' })
    .where(eq(referrals.id, p.referralId));
});
afterAll(() => t.close());

const reports = (patientId = p.patientId) => `${base(w, patientId)}/reports`;

describe('generating a progress report', () => {
  it('drafts it from the record: diagnoses, plan, visits, minutes, outcomes with their MCID, goals, home care', async () => {
    const created = await w.therapist.agent.post(reports(), { kind: 'progress_report' });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    reportId = r.id;
    expect(r).toMatchObject({
      status: 'draft',
      kind: 'progress_report',
      referralId: p.referralId,
      planId: p.planId,
      periodStart: today(t),
      periodEnd: today(t),
    });
    const f = r.facts;
    expect(f.referral.diagnoses.map((d: { code: string }) => d.code)).toEqual(['M54.50', 'M62.838']);
    expect(f.referral.injury).toEqual({ cause: 'auto_accident', date: '2026-01-05', state: 'OR' });
    expect(f.plan).toMatchObject({
      frequencyPerWeek: 2,
      durationWeeks: 6,
      plannedVisits: 12,
      sessionMinutes: 60,
    });
    // Two signed notes without an appointment; one no-show and one late cancellation.
    expect(f.visits).toMatchObject({ attended: 2, noShow: 1, lateCancelled: 1, missed: 2, sinceStart: 2 });
    expect(f.treatment).toMatchObject({ sessions: 2, totalMinutes: 60 });
    expect(f.treatment.byTechnique).toEqual([
      { techniqueId: 'myofascial-release', name: expect.any(String), cpt: '97140', minutes: 40, sessions: 2 },
      {
        techniqueId: 'trigger-point-therapy',
        name: expect.any(String),
        cpt: '97140',
        minutes: 20,
        sessions: 2,
      },
    ]);
    expect(f.pain).toMatchObject({ averageBefore: 5.5, averageAfter: 2.5 });
    expect(f.pain.sessions.map((p: { medication: string }) => p.medication)).toEqual(['same', 'less']);
    expect(r.text.assessment).toContain(
      `Pain medication (patient-reported) at the latest visit, ${dayText(today(t))}: less than before (${dayText(today(t))}: about the same).`,
    );
    const nprs = f.outcomes.find((o: { instrumentId: string }) => o.instrumentId === 'nprs');
    expect(nprs).toMatchObject({
      change: -4,
      classification: 'improved',
      baseline: { value: 7 },
      latest: { value: 3 },
    });
    expect(nprs.meaning).toContain('clinically meaningful improvement');
    const odi = f.outcomes.find((o: { instrumentId: string }) => o.instrumentId === 'odi');
    // ODI 44 → 40: 4 points, less than the MCID of 10 points.
    expect(odi).toMatchObject({
      baseline: { value: 44 },
      latest: { value: 40 },
      classification: 'no-meaningful-change',
    });
    expect(odi.meaning).toContain('no clinically meaningful change');
    expect(odi.meaning).toContain('10 points');
    // Goals: ODI 44 → 24 target, now 40 (progressing); lumbar flexion 35 → 55, now 50 (progressing);
    // the functional goal from the last note's assessment.
    expect(f.goals.map((g: { status: string; current: number | null }) => [g.status, g.current])).toEqual([
      ['progressing', 40],
      ['progressing', 50],
      ['progressing', null],
    ]);
    expect(f.homeCare.exercises.map((e: { id: string }) => e.id)).toEqual(['knee-to-chest', 'pelvic-tilt']);
    expect(r.recommendation).toBe('continue');
    expect(r.text.summary).toContain('2 visits attended, 2 missed');
    expect(r.deliveries).toEqual([]);
  });

  it('answers bad input with 4xx', async () => {
    const post = (body: unknown) => w.therapist.agent.post(reports(), body);
    expect((await post({ kind: 'letter' })).statusCode).toBe(400);
    expect((await post({ kind: 'progress_report', extra: 1 })).statusCode).toBe(400);
    expect((await post({ kind: 'progress_report', periodEnd: '2999-01-01' })).statusCode).toBe(422);
    expect((await post({ kind: 'progress_report', referralId: crypto.randomUUID() })).statusCode).toBe(422);
    expect((await w.therapist.agent.get(`${reports()}/not-a-uuid`)).statusCode).toBe(400);
    expect((await w.therapist.agent.get(`${reports()}/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const put = await w.therapist.agent.put(`${reports()}/${reportId}`, {
      text: { summary: 'x'.repeat(9000) },
    });
    expect(put.statusCode).toBe(400);
  });
});

describe('review, sign and lock', () => {
  it('edits the text, then signs with the typed name; the report is delivered to the referring physician', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i + 1}: steady progress at work and home.`,
    );
    const edited = await w.therapist.agent.put(`${reports()}/${reportId}`, {
      text: { summary: long.join('\n') },
      recommendation: 'modify',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ recommendation: 'modify', status: 'draft' });
    expect(edited.json().text.summary).toContain('Paragraph 40');

    // A linked physician does not see drafts.
    expect((await w.physician.agent.get(`${reports()}/${reportId}`)).statusCode).toBe(404);
    // Only the author signs, with their own name.
    const other = await addMember(t, w.clinicId, ['therapist']);
    expect(
      (await other.agent.post(`${reports()}/${reportId}/sign`, { typedName: other.email.split('@')[0] }))
        .statusCode,
    ).toBe(403);
    expect(await auditOf(w, p.patientId, other.userId)).toContain('report.sign:refused');
    expect(
      (await w.therapist.agent.post(`${reports()}/${reportId}/sign`, { typedName: 'Someone Else' }))
        .statusCode,
    ).toBe(422);

    const signed = await w.therapist.agent.post(`${reports()}/${reportId}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signatureTypedName: w.therapist.name });
    expect(signed.json().deliveries).toEqual([
      expect.objectContaining({
        recipient: { userId: w.physician.userId, name: w.physician.name },
        openedAt: null,
      }),
    ]);
  });

  it('refuses any change once signed: routes answer 409 and the database refuses a direct UPDATE or DELETE', async () => {
    expect(
      (await w.therapist.agent.put(`${reports()}/${reportId}`, { recommendation: 'continue' })).statusCode,
    ).toBe(409);
    expect(
      (await w.therapist.agent.post(`${reports()}/${reportId}/sign`, { typedName: w.therapist.name }))
        .statusCode,
    ).toBe(409);
    const db = t.database.db;
    expect(
      await dbRefusal(
        db.update(clinicalReports).set({ content: {} }).where(eq(clinicalReports.id, reportId)),
      ),
    ).toMatch(/signed record is kept as it is/);
    expect(await dbRefusal(db.delete(clinicalReports).where(eq(clinicalReports.id, reportId)))).toMatch(
      /DELETE refused/,
    );
    expect(
      await dbRefusal(
        db.execute(
          sql`update clinical_reports set status = 'draft', signed_at = null where id = ${reportId}`,
        ),
      ),
    ).toMatch(/UPDATE refused/);
    // Deliveries and disclosures are kept too.
    expect(await dbRefusal(db.delete(disclosures).where(eq(disclosures.patientId, p.patientId)))).toMatch(
      /DELETE refused/,
    );
    expect(
      await dbRefusal(
        db
          .update(reportDeliveries)
          .set({ recipientUserId: w.therapist.userId })
          .where(eq(reportDeliveries.reportId, reportId)),
      ),
    ).toMatch(/UPDATE refused/);
  });
});

describe('discarding a draft', () => {
  it('deletes a draft for its author only, audited; a signed report is never deleted', async () => {
    const draft = await w.therapist.agent.post(reports(), { kind: 'discharge_summary' });
    expect(draft.statusCode, draft.body).toBe(201);
    const draftUrl = `${reports()}/${draft.json().id}`;
    // Another therapist of the clinic, another clinic's owner and the physician may not.
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    expect((await colleague.agent.delete(draftUrl)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.delete(draftUrl)).statusCode).toBe(403);
    expect((await w.physician.agent.delete(draftUrl)).statusCode).toBe(403);
    expect((await w.therapist.agent.get(draftUrl)).statusCode).toBe(200);

    const discarded = await w.therapist.agent.delete(draftUrl);
    expect(discarded.statusCode, discarded.body).toBe(204);
    expect((await w.therapist.agent.get(draftUrl)).statusCode).toBe(404);
    expect((await w.therapist.agent.delete(draftUrl)).statusCode).toBe(404);
    expect(await auditOf(w, p.patientId, w.therapist.userId)).toContain('report.discarded:allowed');
    expect(await auditOf(w, p.patientId, colleague.userId)).toContain('report.delete:refused');

    const signed = await w.therapist.agent.delete(`${reports()}/${reportId}`);
    expect(signed.statusCode).toBe(409);
    expect(signed.json().error.code).toBe('record_signed');
    expect((await w.therapist.agent.get(`${reports()}/${reportId}`)).statusCode).toBe(200);
  });
});

describe('the PDF and HTML', () => {
  it('renders a PDF with the letterhead, the patient name and date of birth and "Page n of m" on every page', async () => {
    const response = await w.therapist.agent.get(`${reports()}/${reportId}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const buffer = response.rawPayload;
    expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(buffer);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const { facts } = (await w.therapist.agent.get(`${reports()}/${reportId}`)).json();
    pages.forEach((text, i) => {
      expect(text).toContain(facts.patient.name);
      expect(text).toContain('DOB Mar 14, 1980');
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain('Harbor Medical Massage');
    });
    const all = pages.join('\n');
    expect(all).toContain('Progress report');
    expect(all).toContain('1650 India St');
    expect(all).toContain('NPRS 7 → 3');
    expect(all).toContain('clinically meaningful improvement');
    expect(all).toContain('no clinically meaningful change');
    expect(all).toContain('M54.50');
    expect(all).toContain('Modify the plan of care');
    expect(all).toContain(`Electronically signed by ${w.therapist.name}`);
  });

  it('renders the same report as an HTML page, every value escaped', async () => {
    const response = await w.therapist.agent.get(`${reports()}/${reportId}/html`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('<h1>Progress report');
    expect(response.body).toContain('clinically meaningful improvement');
    expect(response.body).toContain('Paragraph 40');
    expect(response.body).toContain('Related to: Auto accident on Jan 5, 2026 (OR).');
    expect(response.body).toContain('born Mar 14, 1980');
    expect(response.body).toContain('<th scope="col">Pain medication since the last visit</th>');
    expect(response.body).toContain('<td>Less than before</td>');
  });
});

describe('delivery to the referring physician', () => {
  it('e-mails a link without health data, lists the report in the portal and records the opening', async () => {
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, w.physician.email));
    expect(mail!.textBody).toContain(`http://palpa.test/physician/reports/${reportId}`);
    const { facts } = (await w.therapist.agent.get(`${reports()}/${reportId}`)).json();
    for (const secret of [facts.patient.name, 'Lopez', '1980-03-14', 'M54', 'NPRS', 'pain', 'back'])
      expect(`${mail!.subject} ${mail!.textBody}`.toLowerCase()).not.toContain(secret.toLowerCase());

    const list = await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/reports`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: reportId,
        patientId: p.patientId,
        openedAt: null,
        deliveredAt: expect.any(String),
      }),
    ]);

    const opened = await w.physician.agent.get(`/api/clinics/${w.clinicId}/reports/${reportId}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const [delivery] = await t.database.db
      .select()
      .from(reportDeliveries)
      .where(eq(reportDeliveries.reportId, reportId));
    expect(delivery!.openedAt).toBeInstanceOf(Date);
    expect(delivery!.openCount).toBe(1);
    const firstOpened = delivery!.openedAt!.getTime();
    const pdf = await w.physician.agent.get(`${reports()}/${reportId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const [again] = await t.database.db
      .select()
      .from(reportDeliveries)
      .where(eq(reportDeliveries.reportId, reportId));
    expect(again!.openCount).toBe(2);
    expect(again!.openedAt!.getTime()).toBe(firstOpened);
    expect(await auditOf(w, p.patientId, w.physician.userId)).toContain('report.opened:allowed');
    const listed = (await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/reports`)).json();
    expect(listed.items[0].openedAt).not.toBeNull();
  });

  it('refuses an unrelated physician (audited) and other clinics', async () => {
    const stranger = await addMember(t, w.clinicId, ['physician']);
    const refused = await stranger.agent.get(`${reports()}/${reportId}`);
    expect(refused.statusCode).toBe(403);
    expect((await stranger.agent.get(`/api/clinics/${w.clinicId}/reports/${reportId}`)).statusCode).toBe(403);
    expect((await stranger.agent.get(`${reports()}/${reportId}/pdf`)).statusCode).toBe(403);
    expect(await auditOf(w, p.patientId, stranger.userId)).toContain('report.read:refused');
    expect((await stranger.agent.get(`/api/clinics/${w.clinicId}/physician/reports`)).json().items).toEqual(
      [],
    );

    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${reports()}/${reportId}`)).statusCode).toBe(403);
    expect((await other.owner.get(`/api/clinics/${w.clinicId}/physician/reports`)).statusCode).toBe(403);
    // The patient reads progress and disclosures, not the clinician's reports.
    expect((await patientUser.agent.get(reports())).statusCode).toBe(403);
  });

  it('delivers to another linked physician on request, and refuses one who is not linked', async () => {
    const stranger = await addMember(t, w.clinicId, ['physician']);
    const refused = await w.therapist.agent.post(`${reports()}/${reportId}/deliveries`, {
      physicianUserId: stranger.userId,
    });
    expect(refused.statusCode).toBe(422);
    const again = await w.therapist.agent.post(`${reports()}/${reportId}/deliveries`, {
      physicianUserId: w.physician.userId,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('accounting of disclosures', () => {
  it('lists the delivery (date, recipient, what, why); the patient reads their own, nobody else does', async () => {
    const staff = await w.therapist.agent.get(`${base(w, p.patientId)}/disclosures`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json().items).toEqual([
      expect.objectContaining({
        recipient: w.physician.name,
        sourceType: 'report_delivery',
        sourceId: reportId,
        description: expect.stringContaining('Progress report'),
        purpose: expect.stringContaining('referring physician'),
        disclosedAt: expect.any(String),
      }),
    ]);
    // The day it was signed is the clinic's day, not UTC's.
    const report = (await w.therapist.agent.get(`${reports()}/${reportId}`)).json();
    expect(staff.json().items[0].description).toContain(
      `(signed ${dayText(localDate(new Date(report.signedAt), 'America/Los_Angeles'))})`,
    );
    // The patient reads it too: no YYYY-MM-DD.
    expect(staff.json().items[0].description).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const own = await patientUser.agent.get(`${base(w, p.patientId)}/disclosures`);
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toHaveLength(1);
    expect((await w.physician.agent.get(`${base(w, p.patientId)}/disclosures`)).statusCode).toBe(403);
    const otherPatient = await treatedPatient(w, { sessions: 0 });
    expect((await patientUser.agent.get(`${base(w, otherPatient.patientId)}/disclosures`)).statusCode).toBe(
      403,
    );
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.patientId, otherPatient.patientId), eq(auditLog.actorUserId, patientUser.userId)),
      );
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toContain('disclosures.read:refused');
    // Staff add a disclosure made outside Palpa.
    const manual = await w.therapist.agent.post(`${base(w, p.patientId)}/disclosures`, {
      recipient: 'Pacific Insurance Co.',
      description: 'Session notes of March',
      purpose: 'Payment: claim review',
    });
    expect(manual.statusCode, manual.body).toBe(201);
    expect(
      (
        await patientUser.agent.post(`${base(w, p.patientId)}/disclosures`, {
          recipient: 'x',
          description: 'y',
          purpose: 'z',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('reminders and FHIR', () => {
  it('shows "progress report due" pointing at the report page, cleared once a report is signed', async () => {
    const q = await treatedPatient(w, { sessions: 2 });
    const settings = await w.therapist.agent.put(
      `/api/clinics/${w.clinicId}/referrals/${q.referralId}/clinical-settings`,
      { progressEveryVisits: 2, progressEveryDays: 30 },
    );
    expect(settings.statusCode, settings.body).toBe(200);
    const due = async () =>
      (
        (await w.therapist.agent.get(`/api/clinics/${w.clinicId}/todo`)).json().items as {
          kind: string;
          patientId: string;
          href?: string | null;
        }[]
      ).filter((i) => i.kind === 'progress_report_due' && i.patientId === q.patientId);
    const before = await due();
    expect(before).toHaveLength(1);
    expect(before[0]!.href).toBe(
      `/patients/${q.patientId}/reports?new=progress_report&referralId=${q.referralId}`,
    );
    const draft = await w.therapist.agent.post(reports(q.patientId), { kind: 'progress_report' });
    expect(await due()).toHaveLength(1); // a draft does not clear it
    await w.therapist.agent.post(`${reports(q.patientId)}/${draft.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(await due()).toEqual([]);
  });

  it('serves the signed report as a DocumentReference with its PDF', async () => {
    const bundle = await w.therapist.agent.get(`/fhir/R4/DocumentReference?patient=${p.patientId}`);
    expect(bundle.statusCode, bundle.body).toBe(200);
    const docs = bundle
      .json()
      .entry.map((e: { resource: { id: string; content: { attachment: { url: string } }[] } }) => e.resource);
    expect(docs.map((d: { id: string }) => d.id)).toEqual([reportId]);
    expect(docs[0].content[0].attachment.url).toBe(
      `http://palpa.test/api/clinics/${w.clinicId}/patients/${p.patientId}/reports/${reportId}/pdf`,
    );
  });
});
