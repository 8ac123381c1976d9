import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, intakeLinks, jobs, patients } from '../../src/db/schema/index.ts';
import { intakeLinkJobHandlers } from '../../src/modules/intake/link-text.ts';
import { runDueJobs } from '../../src/modules/scheduling/jobs.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import type { SmsSender } from '../../src/platform/sms.ts';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Agent;
let frontDesk: Agent;
let clinicId: string;
let texts: { to: string; text: string; clinicId?: string }[];
const sms: SmsSender = { send: async (m) => void texts.push(m) };

const AGREED = { channel: 'sms' as const, reminders: true };

async function createPatient(values: Partial<typeof patients.$inferInsert> = {}): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(patients).values({
    clinicId,
    id,
    legalFirstName: 'Maria',
    legalLastName: 'Lopez',
    dateOfBirth: '1984-03-12',
    email: null,
    phone: '+1 (619) 555-0142',
    contactPreferences: AGREED,
    ...values,
  });
  return id;
}

const base = (patientId: string) => `/api/clinics/${clinicId}/patients/${patientId}`;
const textLink = (patientId: string) => frontDesk.post(`${base(patientId)}/intake/link`, { channel: 'sms' });
const jobsOf = (linkId: string) =>
  t.database.db
    .select()
    .from(jobs)
    .where(eq(jobs.dedupeKey, `intake-link-sms:${linkId}`));
const linksOf = (patientId: string) =>
  t.database.db.select().from(intakeLinks).where(eq(intakeLinks.patientId, patientId));
const runJobs = () =>
  runDueJobs(t.database.db, {
    workerId: 'text-worker',
    now: t.clock.now,
    handlers: intakeLinkJobHandlers(t.app.deps),
  });

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  frontDesk = (await addMember(t, clinicId, ['front_desk'])).agent;
});
afterEach(() => {
  t.app.deps.sms = undefined;
});
afterAll(() => t.close());

describe('the intake link by text message', () => {
  it('queues a text with the clinic name, one line and the link; no name and no health data; audited', async () => {
    t.app.deps.sms = sms;
    texts = [];
    const patientId = await createPatient();
    // A draft with health answers: none of it may travel in the text.
    const draft = (await owner.post(`${base(patientId)}/intakes`, {})).json();
    await owner.put(`${base(patientId)}/intakes/${draft.id}/answers`, {
      answers: {
        goals: 'Less back pain at work',
        medications: [{ class: 'blood-pressure', name: 'Lisinopril' }],
        pregnancy: { pregnant: true },
      },
    });

    const sent = await textLink(patientId);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ channel: 'sms', sentTo: '+1 (619) 555-0142', intakeId: draft.id });
    expect(sent.json()).not.toHaveProperty('token');
    const { linkId } = sent.json();

    // Queued in the request's transaction, sent by the worker: nothing goes out before the job runs.
    const [queued] = await jobsOf(linkId);
    expect(queued).toMatchObject({ kind: 'intake.link.sms', status: 'pending', clinicId });
    expect(texts).toEqual([]);
    expect(await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.clinicId, clinicId))).toEqual(
      [],
    );

    await runJobs();
    expect(texts).toHaveLength(1);
    const [message] = texts;
    expect(message).toMatchObject({ to: '+1 (619) 555-0142', clinicId });
    const token = /^Harbor Medical Massage: .+ http:\/\/palpa\.test\/intake\/([A-Za-z0-9_-]+)$/.exec(
      message!.text,
    )?.[1];
    expect(token, message!.text).toBeDefined();
    expect(message!.text).not.toMatch(/Maria|Lopez|1984|pain|Lisinopril|blood|pregnan/i);
    const [link] = await linksOf(patientId);
    expect(link).toMatchObject({ id: linkId, sentTo: '+1 (619) 555-0142', tokenHash: sha256(token!) });
    // The token was in the job's row only until the job ran.
    const [done] = await jobsOf(linkId);
    expect(done).toMatchObject({ status: 'done', payload: { linkId } });
    expect(JSON.stringify(done!.payload)).not.toContain(token);

    expect((await t.agent().get(`/api/intake/${token}`)).statusCode).toBe(200);

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'intake.link.sent')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: 'allowed',
      resourceType: 'intake',
      resourceId: draft.id,
      details: { linkId, channel: 'sms' },
    });
  });

  it.each([
    ['no phone number', { phone: null }, 'patient.phone'],
    ['a number without its area code', { phone: '555-0142' }, 'patient.phone'],
    [
      'no agreement to texts',
      { contactPreferences: { channel: 'email' as const, reminders: true } },
      'patient.contactPreferences.channel',
    ],
    ['no preference recorded', { contactPreferences: null }, 'patient.contactPreferences.channel'],
  ])('is refused (422, nothing queued) for a patient with %s', async (_case, values, path) => {
    t.app.deps.sms = sms;
    const patientId = await createPatient(values);
    const response = await textLink(patientId);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      error: {
        code: 'unprocessable',
        message: expect.any(String),
        details: [{ path, message: expect.any(String) }],
      },
    });
    expect(await linksOf(patientId)).toEqual([]);
  });

  it('is refused when the server has no text-message provider, and e-mail still works', async () => {
    const patientId = await createPatient({ email: 'maria.text@example.test' });
    const response = await textLink(patientId);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([{ path: 'body.channel', message: expect.any(String) }]);
    expect(await linksOf(patientId)).toEqual([]);

    // Without a body (older clients), and by name, the link goes by e-mail.
    const mailed = await frontDesk.post(`${base(patientId)}/intake/link`);
    expect(mailed.statusCode, mailed.body).toBe(201);
    expect(mailed.json()).toMatchObject({ channel: 'email', sentTo: 'maria.text@example.test' });
    const byName = await frontDesk.post(`${base(patientId)}/intake/link`, { channel: 'email' });
    expect(byName.json()).toMatchObject({ channel: 'email' });
  });

  it('is refused for another clinic’s staff, whichever clinic they name', async () => {
    t.app.deps.sms = sms;
    const patientId = await createPatient();
    const other = await createOtherClinic(t);
    for (const url of [
      `${base(patientId)}/intake/link`,
      `/api/clinics/${other.clinicId}/patients/${patientId}/intake/link`,
    ]) {
      const response = await other.owner.post(url, { channel: 'sms' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect(await linksOf(patientId)).toEqual([]);
  });

  it('sends nothing when the patient withdrew their agreement, or a newer link replaced it, before the job ran', async () => {
    t.app.deps.sms = sms;
    texts = [];
    const withdrawn = await createPatient();
    const first = (await textLink(withdrawn)).json();
    await t.database.db
      .update(patients)
      .set({ contactPreferences: { channel: 'phone', reminders: true } })
      .where(eq(patients.id, withdrawn));
    const replaced = await createPatient({ phone: '858 555 0101', email: 'replaced@example.test' });
    const older = (await textLink(replaced)).json();
    expect((await frontDesk.post(`${base(replaced)}/intake/link`, { channel: 'email' })).statusCode).toBe(
      201,
    );

    await runJobs();
    expect(texts).toEqual([]);
    for (const linkId of [first.linkId, older.linkId]) {
      const [job] = await jobsOf(linkId);
      expect(job).toMatchObject({ status: 'skipped', payload: { linkId } });
    }
  });

  it('keeps a failed delivery’s reason on the job, without the token', async () => {
    t.app.deps.sms = {
      send: async (m) => {
        throw new Error(`gateway refused ${m.text}`);
      },
    };
    const patientId = await createPatient();
    const { linkId } = (await textLink(patientId)).json();
    await runJobs();
    const [job] = await jobsOf(linkId);
    expect(job!.lastError).toMatch(/^Text not delivered: gateway refused/);
    expect(job!.lastError).not.toMatch(/\/intake\/[A-Za-z0-9_-]{20}/);
  });
});

describe('the chart tells the desk how a link can go', () => {
  const sendLinkOf = async (agent: Agent, patientId: string) => {
    const chart = await agent.get(`${base(patientId)}/chart`);
    expect(chart.statusCode, chart.body).toBe(200);
    return chart.json().sections.find((s: { id: string }) => s.id === 'intake').data.sendLink;
  };

  it('offers the text only with a provider, and says why it is unavailable', async () => {
    const agreed = await createPatient({ email: 'both@example.test' });
    const notAgreed = await createPatient({ contactPreferences: { channel: 'email', reminders: true } });
    expect(await sendLinkOf(frontDesk, agreed)).toEqual({
      email: { available: true, reason: null },
      sms: null,
    });
    t.app.deps.sms = sms;
    expect(await sendLinkOf(frontDesk, agreed)).toEqual({
      email: { available: true, reason: null },
      sms: { available: true, reason: null },
    });
    expect(await sendLinkOf(frontDesk, notAgreed)).toEqual({
      email: { available: false, reason: expect.stringMatching(/e-mail address/) },
      sms: { available: false, reason: expect.stringMatching(/not agreed to texts/) },
    });
  });

  it('is not shown to the patient in their own chart', async () => {
    t.app.deps.sms = sms;
    const { agent, userId } = await addMember(t, clinicId, ['patient']);
    const own = await createPatient({ userId });
    expect(await sendLinkOf(agent, own)).toBeNull();
  });
});
