import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, clearanceRequests, emailOutbox, referringProviders } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  plusDays,
  today,
} from './clinical-support.ts';
import { pdfPages } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let patientId: string;
/** Dr Ruiz uses Palpa (linked to the world's physician); Dr Hale answers by fax. */
let ruizId: string;
let haleId: string;

const requestsUrl = () => `${base(w, patientId)}/safety/clearance-requests`;
const ASK =
  'I plan gentle Swedish massage, side-lying, 45 minutes weekly. Is massage safe during this pregnancy?';

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  ({ patientId } = await patientWithReferral(w, {
    health: { pregnancy: { pregnant: true, weeks: 10, highRisk: false } },
  }));
  ruizId = uuidv7();
  haleId = uuidv7();
  await t.database.db.insert(referringProviders).values([
    {
      clinicId: w.clinicId,
      id: ruizId,
      kind: 'physician',
      firstName: 'Carmen',
      lastName: 'Ruiz',
      credentials: 'MD',
      userId: w.physician.userId,
    },
    {
      clinicId: w.clinicId,
      id: haleId,
      kind: 'physician',
      firstName: 'Owen',
      lastName: 'Hale',
      credentials: 'MD',
      fax: '+1 619 555 0199',
    },
  ]);
}, 120_000);
afterAll(() => t?.close());

describe('asking a physician for clearance', () => {
  it('asks about a flag that needs clearance; the physician finds it on their home page; a clearance answers it', async () => {
    const safety = (await w.therapist.agent.get(`${base(w, patientId)}/safety`)).json();
    const pregnancy = safety.flags.find((f: { ruleId: string }) => f.ruleId === 'pregnancy-first-trimester');
    expect(pregnancy, JSON.stringify(safety.flags.map((f: { ruleId: string }) => f.ruleId))).toBeDefined();

    const asked = await w.therapist.agent.post(
      requestsUrl(),
      { ruleIds: ['pregnancy-first-trimester'], providerId: ruizId, question: ASK },
      { 'idempotency-key': `ask-${patientId}` },
    );
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      ruleIds: ['pregnancy-first-trimester'],
      provider: { id: ruizId, name: 'Carmen Ruiz, MD', onPalpa: true },
      question: ASK,
      answeredAt: null,
    });

    // Dr Ruiz is e-mailed a notice: a link to sign in, no patient name or health data. A retry sends nothing more.
    const notices = () =>
      t.database.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.subject, 'A clinic asks for your clearance in Palpa'));
    const [notice] = await notices();
    expect(notice).toMatchObject({ toAddress: w.physician.email });
    expect(notice!.textBody).toContain('asks for your clearance before treating one of your patients');
    expect(notice!.textBody).not.toMatch(/Ana|Lopez|pregnan/i);
    await w.therapist.agent.post(
      requestsUrl(),
      { ruleIds: ['pregnancy-first-trimester'], providerId: ruizId, question: ASK },
      { 'idempotency-key': `ask-${patientId}` },
    );
    expect(await notices()).toHaveLength(1);

    const waiting = await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/clearance-requests`);
    expect(waiting.statusCode, waiting.body).toBe(200);
    expect(waiting.json().items.map((r: { id: string }) => r.id)).toEqual([asked.json().id]);
    expect(waiting.json().items[0].patientName).toMatch(/^Ana Lopez-/);

    // The physician answers in their portal: the request is answered, and leaves their list.
    const cleared = await w.physician.agent.post(`${base(w, patientId)}/safety/clearances`, {
      ruleIds: ['pregnancy-first-trimester'],
      note: 'Low-risk pregnancy; side-lying only',
    });
    expect(cleared.statusCode, cleared.body).toBe(201);
    const list = (await w.therapist.agent.get(requestsUrl())).json();
    expect(list.items[0].answeredAt).not.toBeNull();
    const after = await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/clearance-requests`);
    expect(after.json().items).toEqual([]);
  });

  it('prints the request as a letter to fax, with the finding and a form to answer', async () => {
    const asked = await w.owner.post(requestsUrl(), {
      ruleIds: ['pregnancy-first-trimester'],
      providerId: haleId,
      question: ASK,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().provider).toMatchObject({ fax: '+1 619 555 0199', onPalpa: false });
    // Not on Palpa: nobody is e-mailed (the clinic faxes the letter).
    const notices = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.subject, 'A clinic asks for your clearance in Palpa'));
    expect(notices).toHaveLength(1);
    const letter = await w.therapist.agent.get(`${requestsUrl()}/${asked.json().id}/letter.pdf`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(letter.rawPayload)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Request for medical clearance for massage therapy');
    expect(text).toContain('To: Owen Hale, MD, fax +1 619 555 0199');
    expect(text).toContain('Is massage safe during this pregnancy?');
    expect(text).toMatch(/Pregnan/);
    expect(text).toContain('Massage therapy may proceed as planned.');
    // Dr Ruiz is not asked this one: it is not on their list.
    const ruizList = await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/clearance-requests`);
    expect(ruizList.json().items).toEqual([]);
  });

  it('refuses bad input at its field, writing nothing', async () => {
    const before = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(clearanceRequests)
      .where(eq(clearanceRequests.patientId, patientId));
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ruleIds: [], providerId: ruizId, question: ASK }, 'body.ruleIds', 400],
      [{ ruleIds: ['pregnancy-first-trimester'], providerId: ruizId, question: '' }, 'body.question', 400],
      [{ ruleIds: ['pregnancy-first-trimester'], providerId: 'nope', question: ASK }, 'body.providerId', 400],
      [{ ruleIds: ['no-such-rule'], providerId: ruizId, question: ASK }, 'body.ruleIds', 422],
      [
        { ruleIds: ['pregnancy-first-trimester'], providerId: uuidv7(), question: ASK },
        'body.providerId',
        422,
      ],
    ];
    for (const [body, path, status] of cases) {
      const response = await w.therapist.agent.post(requestsUrl(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const noPhysician = await w.therapist.agent.post(requestsUrl(), {
      ruleIds: ['pregnancy-first-trimester'],
      providerId: '',
      question: ASK,
    });
    expect(noPhysician.json().error.details).toContainEqual({
      path: 'body.providerId',
      message: 'Choose the physician to ask',
    });
    const after = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(clearanceRequests)
      .where(eq(clearanceRequests.patientId, patientId));
    expect(after).toEqual(before);
    // Kept as sent: the database refuses a change or a deletion.
    await expect(
      t.database.db.execute(
        sql`update clearance_requests set question = 'changed' where patient_id = ${patientId}`,
      ),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`delete from clearance_requests where patient_id = ${patientId}`),
    ).rejects.toThrow();
  });

  it('is for the treating clinicians: the front desk, the patient, an unlinked physician and other clinics are refused', async () => {
    const body = { ruleIds: ['pregnancy-first-trimester'], providerId: ruizId, question: ASK };
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);
    const stranger = await addMember(t, w.clinicId, ['physician']);
    const other = await createOtherClinic(t);
    for (const agent of [frontDesk.agent, w.physician.agent, stranger.agent, other.owner]) {
      expect((await agent.post(requestsUrl(), body)).statusCode).toBe(403);
      expect((await agent.get(requestsUrl())).statusCode).toBe(403);
    }
    // An unlinked physician's list holds nothing of this patient; staff have no physician list.
    expect(
      (await stranger.agent.get(`/api/clinics/${w.clinicId}/physician/clearance-requests`)).json().items,
    ).toEqual([]);
    expect(
      (await w.therapist.agent.get(`/api/clinics/${w.clinicId}/physician/clearance-requests`)).statusCode,
    ).toBe(403);
  });

  it('audits every request, letter and list, and every refusal', async () => {
    const actions = await auditOf(w, patientId);
    expect(actions).toContain('safety.clearance_request.create:allowed');
    expect(actions.filter((a: string) => a === 'safety.clearance_request.created:allowed')).toHaveLength(2);
    expect(actions).toContain('safety.clearance_request.letter:allowed');
    expect(actions).toContain('safety.clearance_requests.read:allowed');
    expect(actions).toContain('safety.clearance_requests.physician_list:allowed');
    // Refused: the front desk, the linked physician, the unlinked one and the other clinic's owner, each asking
    // and listing.
    const refused = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.clinicId, w.clinicId),
          eq(auditLog.outcome, 'refused'),
          eq(auditLog.action, 'access.clearances.request'),
        ),
      );
    expect(refused).toHaveLength(8);
  });
});

describe('answering a request', () => {
  it('lifts only the restrictions the physician ticks, and the record names each one', async () => {
    const { patientId: dvtPatient } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
    });
    const url = `${base(w, dvtPatient)}/safety`;
    const asked = await w.therapist.agent.post(`${url}/clearance-requests`, {
      ruleIds: ['dvt-mld'],
      providerId: ruizId,
      question: 'Is lymphatic drainage of the arms safe now that the clot has resolved?',
    });
    expect(asked.statusCode, asked.body).toBe(201);

    // Ticking nothing lifts nothing: refused at the field.
    const nothing = await w.physician.agent.post(`${url}/clearances`, { ruleIds: [] });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.details).toEqual([
      { path: 'body.ruleIds', message: 'Tick at least one restriction the clearance lifts' },
    ]);

    const cleared = await w.physician.agent.post(`${url}/clearances`, { ruleIds: ['dvt-mld'] });
    expect(cleared.statusCode, cleared.body).toBe(201);
    expect(cleared.json()).toMatchObject({ ruleIds: ['dvt-mld'], recordedVia: 'physician' });
    // The clot's other restriction (no massage of the left leg) stays in force.
    const flags = (await w.therapist.agent.get(url)).json().flags;
    expect(
      flags.map((f: { ruleId: string; acknowledged: boolean }) => [f.ruleId, f.acknowledged]).sort(),
    ).toEqual([
      ['dvt-limb', false],
      ['dvt-mld', true],
    ]);
    const [recorded] = await t.database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.patientId, dvtPatient), eq(auditLog.action, 'safety.clearance.recorded')));
    expect(recorded!.details).toMatchObject({ ruleIds: ['dvt-mld'], via: 'physician' });
    const requests = (await w.therapist.agent.get(`${url}/clearance-requests`)).json().items;
    expect(requests[0].answeredAt).not.toBeNull();
  });
});

describe('the physician’s answer', () => {
  it('“not cleared” keeps the restriction, answers the request and shows who said so; a later clearance with limits lifts it', async () => {
    const { patientId: dvtPatient } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
    });
    const url = `${base(w, dvtPatient)}/safety`;
    const asked = await w.therapist.agent.post(`${url}/clearance-requests`, {
      ruleIds: ['dvt-limb'],
      providerId: ruizId,
      question: 'I would like to begin medical massage for the low back. Is it safe?',
    });
    expect(asked.statusCode, asked.body).toBe(201);

    const refused = await w.physician.agent.post(`${url}/clearances`, {
      answer: 'not-cleared',
      ruleIds: ['dvt-limb'],
      note: 'Not before the repeat ultrasound',
    });
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json()).toMatchObject({ answer: 'not-cleared', limits: null, ruleIds: ['dvt-limb'] });

    // The restriction stands, named with the physician's answer, on the flags and on the chart.
    const flagOf = async () =>
      (await w.therapist.agent.get(url))
        .json()
        .flags.find((f: { ruleId: string }) => f.ruleId === 'dvt-limb');
    expect(await flagOf()).toMatchObject({
      acknowledged: false,
      clearance: null,
      declined: {
        clearanceId: refused.json().id,
        physicianName: w.physician.name,
        answeredOn: today(t),
        note: 'Not before the repeat ultrasound',
      },
    });
    const chart = (await w.therapist.agent.get(`${base(w, dvtPatient)}/chart`)).json();
    const section = chart.sections.find((s: { id: string }) => s.id === 'flags').data;
    expect(section.flags.find((f: { ruleId: string }) => f.ruleId === 'dvt-limb')).toMatchObject({
      acknowledged: false,
      clearanceLimits: null,
      declined: { physicianName: w.physician.name, note: 'Not before the repeat ultrasound' },
    });
    const screened = await w.therapist.agent.post(`${url}/screen`, {
      techniques: ['swedish-massage'],
      regions: ['calf-left'],
    });
    expect(screened.json()).toMatchObject({ status: 'blocked' });
    // The request is answered, with the answer, and leaves the physician's list.
    const [request] = (await w.therapist.agent.get(`${url}/clearance-requests`)).json().items;
    expect(request).toMatchObject({ id: asked.json().id, answer: 'not-cleared' });
    expect(request.answeredAt).not.toBeNull();
    const waiting = (
      await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/clearance-requests`)
    ).json();
    expect(waiting.items.map((r: { id: string }) => r.id)).not.toContain(asked.json().id);

    const limited = await w.physician.agent.post(`${url}/clearances`, {
      answer: 'cleared-with-limits',
      limits: 'Low back and upper body only; nothing below the hips',
      ruleIds: ['dvt-limb'],
    });
    expect(limited.statusCode, limited.body).toBe(201);
    expect(await flagOf()).toMatchObject({
      acknowledged: true,
      declined: null,
      clearance: {
        answer: 'cleared-with-limits',
        limits: 'Low back and upper body only; nothing below the hips',
      },
    });
    // The answer is kept as given: the database refuses to change it.
    await expect(
      t.database.db.execute(
        sql`update safety_clearances set answer = 'cleared' where id = ${refused.json().id}`,
      ),
    ).rejects.toThrow();
  });

  it('refuses an answer that does not hold together, at its field', async () => {
    const { patientId: dvtPatient } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
    });
    const url = `${base(w, dvtPatient)}/safety/clearances`;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ answer: 'cleared-with-limits', ruleIds: ['dvt-limb'] }, 422, 'body.limits'],
      [{ answer: 'cleared', limits: 'Light pressure', ruleIds: ['dvt-limb'] }, 422, 'body.limits'],
      [{ answer: 'not-cleared', expiresOn: plusDays(t, 30), ruleIds: ['dvt-limb'] }, 422, 'body.expiresOn'],
      [{ answer: 'maybe', ruleIds: ['dvt-limb'] }, 400, 'body.answer'],
      [{ answer: 'cleared-with-limits', limits: '  ', ruleIds: ['dvt-limb'] }, 400, 'body.limits'],
    ];
    for (const [body, status, path] of cases) {
      const response = await w.physician.agent.post(url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await w.physician.agent.get(url)).json().items).toEqual([]);
  });
});
