import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegion } from '../../src/domain/catalog/body-regions.ts';
import { getTechnique } from '../../src/domain/catalog/techniques.ts';
import { getInstrument } from '../../src/domain/outcomes/instruments/index.ts';
import { CONDITION_LABELS } from '../../src/domain/safety/codes.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { recordDocument } from '../../src/modules/records-requests/record-export.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  plusDays,
  ZONE,
} from './clinical-support.ts';
import { expectValidFhir } from './fhir-support.ts';
import { pdfPages, ROWS, type TreatedPatient, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let p: TreatedPatient;
let patientUser: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  patientUser = await addMember(t, w.clinicId, ['patient']);
  p = await treatedPatient(w, { userId: patientUser.userId });
});
afterAll(() => t.close());

const requests = () => `/api/clinics/${w.clinicId}/records-requests`;

describe('the patient downloads their record', () => {
  it('as a PDF with their name and date of birth on every page', async () => {
    // A payment on account, one voided, and part of the credit refunded: billing records are part of the record.
    const payments = `${base(w, p.patientId)}/payments`;
    const taken = await w.owner.post(payments, { amountCents: 4500, method: 'cash', reference: 'R-77' });
    expect(taken.statusCode, taken.body).toBe(201);
    const mistaken = await w.owner.post(payments, { amountCents: 1200, method: 'card' });
    const voidId = mistaken.json().payments.find((x: { amountCents: number }) => x.amountCents === 1200).id;
    expect((await w.owner.post(`${payments}/${voidId}/void`, { reason: 'Typed twice' })).statusCode).toBe(
      200,
    );
    const refunded = await w.owner.post(`${base(w, p.patientId)}/refunds`, {
      amountCents: 500,
      method: 'cash',
      reason: 'Overpaid',
    });
    expect(refunded.statusCode, refunded.body).toBe(201);
    const before = t.clock.now();
    const response = await patientUser.agent.get(`${base(w, p.patientId)}/record.pdf`);
    const after = t.clock.now();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('attachment');
    const pages = await pdfPages(response.rawPayload);
    pages.forEach((text, i) => {
      expect(text).toMatch(/Ana Lopez-\w{4} - DOB Mar 14, 1980/);
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const all = pages.join('\n');
    for (const part of [
      'Health record',
      'Referrals',
      'M54.50',
      'Plans of care',
      'Session notes',
      'Outcome measures',
    ])
      expect(all).toContain(part);
    const flat = all.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Payments Date Amount Method For Voided .*\$45\.00 Cash On account —/);
    expect(flat).toContain('Refund $5.00 Cash Refunded: Overpaid —');
    expect(flat).toMatch(/\$12\.00 Card On account [A-Z][a-z]{2} \d{1,2}, \d{4}: Typed twice/);
    // Produced at the clinic's local time, with its zone (not a UTC ISO stamp), as Luxon writes it there.
    const local = (at: Date) =>
      DateTime.fromJSDate(at, { zone: ZONE }).setLocale('en-US').toFormat('LLL d, yyyy, h:mm a ZZZZ');
    expect([local(before), local(after)].map((x) => `Copy of the record produced ${x}`)).toContainEqual(
      flat.match(/Copy of the record produced [^\n]*? (?:PST|PDT)/)?.[0],
    );
    // Every date in the record reads as a date, the patient's identification on every page too.
    expect(flat).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(flat).toContain('Date of birth: Mar 14, 1980');
    // Ids as the app names them: the referral's techniques and areas, the plan's instrument goal.
    expect(flat).toContain(
      `Techniques: ${getTechnique('myofascial-release').name}, ${getTechnique('trigger-point-therapy').name}; areas: ${getRegion('low-back').label}`,
    );
    expect(flat).not.toContain('myofascial-release');
    expect(flat).toMatch(
      new RegExp(`Goal: ${getInstrument('odi').name} 44 → 24 by [A-Z][a-z]{2} \\d{1,2}, \\d{4}`),
    );
    expect(flat).toMatch(/Goal: Lumbar spine flexion 35° → 55° by/);
    // Session notes: technique and region by name, goal progress against the goal's words.
    expect(flat).toContain(
      `${getTechnique('trigger-point-therapy').name}, ${getRegion('gluteal-right').label}, 10 min`,
    );
    expect(flat).toContain('Sit through a two-hour meeting: Progressing');
    expect(await auditOf(w, p.patientId, patientUser.userId)).toContain('record.export.pdf:allowed');
  });

  it('with its health history under the intake’s questions, and the produced-at time in the clinic’s zone', async () => {
    const { patientId } = await patientWithReferral(w, {
      health: {
        conditions: [{ code: 'recent-sprain', site: ['ankle-left'] }],
        pregnancy: { pregnant: true, weeks: 20, highRisk: false },
      },
    });
    const at = new Date('2026-11-27T22:05:00Z');
    const doc = await recordDocument(t.database.db, w.clinicId, patientId, at, 'America/Los_Angeles');
    expect(doc.meta).toEqual(['Copy of the record produced Nov 27, 2026, 2:05 PM PST']);
    expect(doc.signature).toMatch(/ on Nov 27, 2026\.$/);
    // The same instant in another clinic's zone.
    const berlin = await recordDocument(t.database.db, w.clinicId, patientId, at, 'Europe/Berlin');
    expect(berlin.meta).toEqual(['Copy of the record produced Nov 27, 2026, 11:05 PM GMT+1']);

    const intake = doc.sections.find((s) => s.heading === 'Health history (intake)')!.paragraphs;
    const text = intake.join('\n');
    expect(intake[0]).toMatch(/^Intake submitted [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(intake).toContain('  Are you pregnant? Yes');
    expect(intake).toContain('    High-risk pregnancy: No');
    expect(text).toContain(`${CONDITION_LABELS['recent-sprain']} — where: ${getRegion('ankle-left').label}`);
    expect(text).toContain(`Where: ${getRegion('low-back').label}, ${getRegion('gluteal-right').label}`);
    expect(text).toContain('    Agreed: Yes');
    expect(text).not.toMatch(/\b(true|false)\b|recent-sprain|ankle-left|\d{4}-\d{2}-\d{2}/);
  });

  it('shows evaluations and session notes as amended, not as first signed', async () => {
    const q = await treatedPatient(w, { sessions: 1 });
    const url = `${base(w, q.patientId)}/assessments`;
    const a = await w.therapist.agent.post(url, {
      kind: 're_evaluation',
      content: { gait: 'Normal', palpation: { tone: 'hypertonic' } },
    });
    expect(a.statusCode, a.body).toBe(201);
    const signed = await w.therapist.agent.post(`${url}/${a.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const amended = await w.therapist.agent.post(`${url}/${a.json().id}/amendments`, {
      reason: 'Gait observed again',
      changes: { gait: 'Slight limp on the right' },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const note = await w.therapist.agent.post(`${base(w, q.patientId)}/notes/${q.noteIds[0]}/amendments`, {
      reason: 'Myofascial release lasted 25 minutes',
      changes: { treatment: { rows: [{ ...ROWS[0], minutes: 25 }, ROWS[1]] } },
    });
    expect(note.statusCode, note.body).toBe(201);

    const doc = await recordDocument(t.database.db, w.clinicId, q.patientId, t.clock.now(), ZONE);
    const section = (heading: string) => doc.sections.find((s) => s.heading === heading)!.paragraphs;
    const evaluations = section('Assessments');
    expect(evaluations[0]).toMatch(/^Re-evaluation of [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(evaluations).toContain('  Gait: Slight limp on the right');
    expect(evaluations).not.toContain('  Gait: Normal');
    expect(evaluations).toContain('    Tone: Hypertonic');
    const notes = section('Session notes').join('\n');
    const myofascial = getTechnique('myofascial-release').name;
    expect(notes).toContain(`${myofascial}, ${getRegion('low-back').label}, 25 min, moderate pressure`);
    expect(notes).not.toContain(`${myofascial}, ${getRegion('low-back').label}, 20 min`);
  });

  it('as a FHIR Bundle (Patient/$everything), valid FHIR R4', async () => {
    const response = await patientUser.agent.get(`${base(w, p.patientId)}/record.fhir.json`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
    const bundle = JSON.parse(response.body);
    expect(bundle.resourceType).toBe('Bundle');
    const types = new Set(
      bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType),
    );
    expect(types).toContain('Patient');
    expect(types).toContain('CarePlan');
    expect(
      bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient')
        .resource.id,
    ).toBe(p.patientId);
    expectValidFhir(bundle);
    expect(await auditOf(w, p.patientId, patientUser.userId)).toContain('fhir.everything:allowed');
  });

  it('refuses another patient’s record, physicians and other clinics', async () => {
    const other = await treatedPatient(w, { sessions: 0 });
    expect((await patientUser.agent.get(`${base(w, other.patientId)}/record.pdf`)).statusCode).toBe(403);
    expect((await patientUser.agent.get(`${base(w, other.patientId)}/record.fhir.json`)).statusCode).toBe(
      403,
    );
    expect((await w.physician.agent.get(`${base(w, p.patientId)}/record.pdf`)).statusCode).toBe(403);
    expect(await auditOf(w, other.patientId, patientUser.userId)).toContain('record.export.pdf:refused');
    const elsewhere = await createOtherClinic(t);
    expect((await elsewhere.owner.get(`${base(w, p.patientId)}/record.pdf`)).statusCode).toBe(403);
  });
});

describe('records requests', () => {
  it('tracks the 30-day deadline, one extension with a reason, the export and the fulfilment as a disclosure', async () => {
    const create = (body: Record<string, unknown>) =>
      w.owner.post(requests(), { patientId: p.patientId, requesterName: 'Ana Lopez', ...body });
    const recent = await create({
      requestedOn: plusDays(t, -25),
      format: 'pdf',
      deliverTo: 'ana@example.test',
    });
    expect(recent.statusCode, recent.body).toBe(201);
    expect(recent.json()).toMatchObject({
      dueOn: plusDays(t, 5),
      deadline: plusDays(t, 5),
      daysLeft: 5,
      overdue: false,
      status: 'open',
    });
    const late = await create({ requestedOn: plusDays(t, -35) });
    expect(late.json()).toMatchObject({ daysLeft: -5, overdue: true });

    const list = await w.owner.get(requests());
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string; daysLeft: number }) => [i.id, i.daysLeft])).toEqual([
      [late.json().id, -5],
      [recent.json().id, 5],
    ]);

    // The extension must come within the 30 days, once, with a reason.
    const tooLate = await w.owner.post(`${requests()}/${late.json().id}/extension`, { reason: 'Archive' });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().error.details).toEqual([
      { path: 'body.reason', message: `The deadline was ${dayText(plusDays(t, -5))}` },
    ]);
    expect((await w.owner.post(`${requests()}/${recent.json().id}/extension`, {})).statusCode).toBe(400);
    const extended = await w.owner.post(`${requests()}/${recent.json().id}/extension`, {
      reason: 'Older paper records are being retrieved from storage',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({
      extendedDueOn: plusDays(t, 35),
      deadline: plusDays(t, 35),
      daysLeft: 35,
    });
    expect(
      (await w.owner.post(`${requests()}/${recent.json().id}/extension`, { reason: 'again' })).statusCode,
    ).toBe(409);

    const pdf = await w.owner.get(`${requests()}/${recent.json().id}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect((await pdfPages(pdf.rawPayload)).join('\n')).toContain('Health record');
    const fhir = await w.owner.get(`${requests()}/${recent.json().id}/export.fhir.json`);
    expect(fhir.statusCode, fhir.body).toBe(200);
    expect(JSON.parse(fhir.body).resourceType).toBe('Bundle');

    const fulfilled = await w.owner.post(`${requests()}/${recent.json().id}/fulfil`, {});
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect(fulfilled.json()).toMatchObject({ status: 'fulfilled', overdue: false });
    expect((await w.owner.post(`${requests()}/${recent.json().id}/fulfil`, {})).statusCode).toBe(409);
    const disclosures = (await patientUser.agent.get(`${base(w, p.patientId)}/disclosures`)).json().items;
    expect(disclosures).toEqual([
      expect.objectContaining({
        sourceType: 'records_request',
        sourceId: recent.json().id,
        recipient: 'ana@example.test',
        description: `Copy of the health record (PDF) for the request of ${dayText(plusDays(t, -25))}`,
        purpose: expect.stringContaining('Right of access'),
      }),
    ]);
    expect((await w.owner.get(requests())).json().items.map((i: { id: string }) => i.id)).toEqual([
      late.json().id,
    ]);
    expect((await w.owner.get(`${requests()}?status=all`)).json().items).toHaveLength(2);
  });

  it('exports signed notes and evaluations only, as the PDF does, while the clinic’s own FHIR reads still show drafts', async () => {
    const account = await addMember(t, w.clinicId, ['patient']);
    const q = await treatedPatient(w, { userId: account.userId, sessions: 1 });
    const url = base(w, q.patientId);
    const evaluation = (content: Record<string, unknown>) =>
      w.therapist.agent.post(`${url}/assessments`, { kind: 're_evaluation', content });
    const signedEvaluation = await evaluation({ rom: [{ jointMotion: 'lumbar.flexion', value: 45 }] });
    expect(signedEvaluation.statusCode, signedEvaluation.body).toBe(201);
    const signing = await w.therapist.agent.post(`${url}/assessments/${signedEvaluation.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signing.statusCode, signing.body).toBe(200);
    const draftEvaluation = await evaluation({ rom: [{ jointMotion: 'lumbar.flexion', value: 30 }] });
    expect(draftEvaluation.statusCode, draftEvaluation.body).toBe(201);
    const draftNote = await w.therapist.agent.post(`${url}/notes`, {
      content: {
        treatment: { rows: [{ techniqueId: 'myofascial-release', region: 'low-back', minutes: 10 }] },
      },
    });
    expect(draftNote.statusCode, draftNote.body).toBe(201);

    const signedIds = [q.noteIds[0]!, signedEvaluation.json().id as string];
    const draftIds = [draftNote.json().id as string, draftEvaluation.json().id as string];
    const ids = (body: string) =>
      (JSON.parse(body).entry as { resource: { id: string } }[]).map((e) => e.resource.id);
    const fromAny = (all: string[], of: string[]) => of.map((x) => all.some((id) => id.startsWith(x)));

    // The clinic's own FHIR read of the chart still shows the drafts (staff work on them).
    const direct = await w.owner.get(`/fhir/R4/Patient/${q.patientId}/$everything`, {
      'x-palpa-clinic': w.clinicId,
    });
    expect(direct.statusCode, direct.body).toBe(200);
    expect(fromAny(ids(direct.body), draftIds)).toEqual([true, true]);

    // The copy for a records request, the owner's chart download and the patient's own: signed ones only.
    const logged = await w.owner.post(requests(), {
      patientId: q.patientId,
      requesterName: 'Ana Lopez',
      requestedOn: plusDays(t, -1),
      format: 'fhir',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    for (const [who, response] of [
      ['records request', await w.owner.get(`${requests()}/${logged.json().id}/export.fhir.json`)],
      ['owner chart', await w.owner.get(`${url}/record.fhir.json`)],
      ['patient', await account.agent.get(`${url}/record.fhir.json`)],
    ] as const) {
      expect(response.statusCode, `${who}: ${response.body}`).toBe(200);
      const all = ids(response.body);
      expect(fromAny(all, draftIds), who).toEqual([false, false]);
      // The patient's own copy has no clinical notes at all (as in FHIR); the clinic's has the signed ones.
      if (who !== 'patient') {
        expect(all, who).toContain(`${q.noteIds[0]}-t1`);
        expect(fromAny(all, signedIds), who).toEqual([true, true]);
      }
      expectValidFhir(JSON.parse(response.body));
    }
  });

  it('answers bad input with 4xx and is for the owner only', async () => {
    const post = (body: Record<string, unknown>) => w.owner.post(requests(), body);
    expect(
      (await post({ patientId: p.patientId, requestedOn: plusDays(t, 2), requesterName: 'A' })).statusCode,
    ).toBe(422);
    expect(
      (await post({ patientId: p.patientId, requestedOn: 'yesterday', requesterName: 'A' })).statusCode,
    ).toBe(400);
    expect((await post({ patientId: p.patientId, requestedOn: plusDays(t, -1) })).statusCode).toBe(400);
    expect(
      (await post({ patientId: crypto.randomUUID(), requestedOn: plusDays(t, -1), requesterName: 'A' }))
        .statusCode,
    ).toBe(403);
    expect((await w.owner.get(`${requests()}?status=nope`)).statusCode).toBe(400);
    expect((await w.owner.get(`${requests()}/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await w.therapist.agent.get(requests())).statusCode).toBe(403);
    expect((await patientUser.agent.get(requests())).statusCode).toBe(403);
    const elsewhere = await createOtherClinic(t);
    expect((await elsewhere.owner.get(requests())).statusCode).toBe(403);
  });
});
