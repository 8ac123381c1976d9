import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, intakeLinks, intakeResponses, patients } from '../../src/db/schema/index.ts';
import { CONDITION_CODES } from '../../src/domain/safety/codes.ts';
import { CONSENT_TEXTS, CURRENT_QUESTIONNAIRE_VERSION } from '../../src/modules/intake/questionnaires.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { createTestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Agent;
let clinicId: string;
let therapist: { agent: Agent; userId: string };
let consentVersion: string;
let consentHash: string;

async function createPatient(
  options: { userId?: string; email?: string | null; first?: string } = {},
): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(patients).values({
    clinicId,
    id,
    userId: options.userId ?? null,
    legalFirstName: options.first ?? 'Maria',
    legalLastName: 'Lopez',
    dateOfBirth: '1984-03-12',
    email: options.email === undefined ? `maria-${id.slice(-6)}@example.test` : options.email,
  });
  return id;
}

const base = (patientId: string) => `/api/clinics/${clinicId}/patients/${patientId}`;

const COMPLETE = {
  conditions: checklistWith(),
  medications: [{ class: 'blood-pressure', name: 'Lisinopril' }],
  allergies: [{ kind: 'latex' }],
  surgeries: [],
  pregnancy: { pregnant: false },
  implants: [],
  pain: { level: 4, regions: ['low-back'] },
  goals: 'Less back pain at work',
  pressurePreference: 'moderate',
};
const signature = () => ({
  agreed: true,
  typedName: 'Maria Lopez',
  textVersion: consentVersion,
  textHash: consentHash,
});

async function startIntake(agent: Agent, patientId: string) {
  const response = await agent.post(`${base(patientId)}/intakes`, {});
  expect([200, 201]).toContain(response.statusCode);
  return response.json() as { id: string; status: string; kind: string };
}

async function submittedIntake(patientId: string, extra: Record<string, unknown> = {}) {
  const intake = await startIntake(owner, patientId);
  const response = await owner.post(`${base(patientId)}/intakes/${intake.id}/submit`, {
    answers: { ...COMPLETE, ...extra, consent: signature() },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const auditFor = (patientId: string) =>
  t.database.db.select().from(auditLog).where(eq(auditLog.patientId, patientId));

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  therapist = await addMember(t, clinicId, ['therapist']);
  const questionnaire = (await t.agent().get('/api/intake/questionnaire')).json();
  consentVersion = questionnaire.consent.version;
  consentHash = questionnaire.consent.textHash;
});
afterAll(() => t.close());

describe('the questionnaire definition', () => {
  it('asks about every condition of the safety engine, with its codes, and marks required answers', async () => {
    const response = await t.agent().get('/api/intake/questionnaire');
    expect(response.statusCode).toBe(200);
    const q = response.json();
    const asked = q.conditionGroups.flatMap((g: { conditions: { code: string }[] }) =>
      g.conditions.map((c) => c.code),
    );
    const { QUESTIONNAIRE_V1 } = await import('../../src/modules/intake/questionnaire-v1.ts');
    const elsewhere = Object.keys(QUESTIONNAIRE_V1.conditionsAskedElsewhere);
    expect(new Set(asked).size).toBe(asked.length);
    expect([...asked, ...elsewhere].sort()).toEqual([...CONDITION_CODES].sort());
    const questions = q.sections.flatMap(
      (s: { questions: { id: string; required: boolean }[] }) => s.questions,
    );
    const required = questions
      .filter((x: { required: boolean }) => x.required)
      .map((x: { id: string }) => x.id);
    expect(required).toEqual(
      expect.arrayContaining([
        'conditions',
        'medications',
        'allergies',
        'surgeries',
        'pregnancy',
        'pain',
        'goals',
        'consent',
      ]),
    );
    expect(q.consent.textHash).toBe(sha256(q.consent.text));
    expect(q.conditionGroups[1].conditions.find((c: { code: string }) => c.code === 'dvt')).toMatchObject({
      askSite: true,
    });
    // Every condition comes in everyday words for the patient, with its clinical name for the hint.
    const conditions = q.conditionGroups.flatMap(
      (g: { conditions: { code: string; label: string; description: string }[] }) => g.conditions,
    );
    for (const c of conditions) {
      expect(c.description, c.code).toMatch(/\w/);
      expect(c.description.toLowerCase(), c.code).not.toBe(c.label.toLowerCase());
    }
    expect(conditions.find((c: { code: string }) => c.code === 'cryoglobulinaemia')).toMatchObject({
      label: 'Cryoglobulinaemia',
      description: expect.stringContaining('clump together in the cold'),
    });
    expect((await t.agent().get('/api/intake/questionnaire?version=9')).statusCode).toBe(404);
  });

  it('documents every intake and safety route in the OpenAPI description', async () => {
    const doc = (await t.agent().get('/openapi.json')).json();
    for (const path of [
      '/api/intake/questionnaire',
      '/api/clinics/{clinicId}/patients/{patientId}/intakes',
      '/api/clinics/{clinicId}/patients/{patientId}/intakes/{intakeId}/answers',
      '/api/clinics/{clinicId}/patients/{patientId}/intakes/{intakeId}/submit',
      '/api/clinics/{clinicId}/patients/{patientId}/intake/link',
      '/api/intake/{token}',
      '/api/intake/{token}/answers',
      '/api/clinics/{clinicId}/patients/{patientId}/health-history',
      '/api/clinics/{clinicId}/patients/{patientId}/health-history/confirm',
      '/api/clinics/{clinicId}/patients/{patientId}/safety',
      '/api/clinics/{clinicId}/patients/{patientId}/safety/screen',
      '/api/clinics/{clinicId}/patients/{patientId}/safety/clearances/{clearanceId}/revoke',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});

describe('autosave', () => {
  it('merges partial answers server-side, any number of times, and never loses earlier ones', async () => {
    const patientId = await createPatient();
    const started = await owner.post(`${base(patientId)}/intakes`, {});
    expect(started.statusCode).toBe(201);
    const intake = started.json();
    expect(intake).toMatchObject({ status: 'draft', kind: 'intake', answers: {}, version: null });
    const url = `${base(patientId)}/intakes/${intake.id}/answers`;

    const first = await owner.put(url, { answers: { goals: 'Sleep without shoulder pain' } });
    expect(first.statusCode).toBe(200);
    t.clock.advance(5_000);
    await owner.put(url, { answers: { pain: { level: 3 } } });
    await owner.put(url, { answers: { pain: { regions: ['neck-posterior'] } } });
    await owner.put(url, { answers: { lifestyle: { occupation: 'Nurse' } } });
    const last = await owner.put(url, { answers: { lifestyle: { hoursSittingPerDay: 2 } } });
    expect(last.statusCode).toBe(200);
    expect(new Date(last.json().savedAt).getTime()).toBeGreaterThan(new Date(first.json().savedAt).getTime());
    expect(last.json().answers).toEqual({
      goals: 'Sleep without shoulder pain',
      pain: { level: 3, regions: ['neck-posterior'] },
      lifestyle: { occupation: 'Nurse', hoursSittingPerDay: 2 },
    });

    // Saves racing each other (a phone retrying on a bad connection) all land.
    const racing = await Promise.all([
      owner.put(url, { answers: { currentSymptoms: 'Stiff neck' } }),
      owner.put(url, { answers: { mobilityLimits: 'Cannot lie on my front' } }),
      owner.put(url, { answers: { allergies: [{ kind: 'nuts', detail: 'almonds' }] } }),
      owner.put(url, { answers: { medications: [] } }),
    ]);
    expect(racing.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const [row] = await t.database.db.select().from(intakeResponses).where(eq(intakeResponses.id, intake.id));
    expect(row!.answers).toEqual({
      goals: 'Sleep without shoulder pain',
      pain: { level: 3, regions: ['neck-posterior'] },
      lifestyle: { occupation: 'Nurse', hoursSittingPerDay: 2 },
      currentSymptoms: 'Stiff neck',
      mobilityLimits: 'Cannot lie on my front',
      allergies: [{ kind: 'nuts', detail: 'almonds' }],
      medications: [],
    });

    // null clears one answer, or one field of an object answer.
    const cleared = await owner.put(url, {
      answers: { mobilityLimits: null, lifestyle: { hoursSittingPerDay: null } },
    });
    expect(cleared.json().answers).not.toHaveProperty('mobilityLimits');
    expect(cleared.json().answers.lifestyle).toEqual({ occupation: 'Nurse' });

    // Opening the intake again answers the same draft, with its answers.
    const reopened = await owner.post(`${base(patientId)}/intakes`, {});
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().id).toBe(intake.id);
    expect(reopened.json().answers.goals).toBe('Sleep without shoulder pain');
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const patientId = await createPatient();
    const intake = await startIntake(owner, patientId);
    const url = `${base(patientId)}/intakes/${intake.id}/answers`;
    await owner.put(url, { answers: { goals: 'kept' } });
    const cases: [unknown, string][] = [
      [{ answers: { favouriteColour: 'blue' } }, 'body.answers'],
      [{ answers: { conditions: [{ code: 'made-up-disease' }] } }, 'body.answers.conditions.0.code'],
      [{ answers: { conditions: [{ code: 'dvt', site: ['tail'] }] } }, 'body.answers.conditions.0.site.0'],
      [{ answers: { pain: { level: 11 } } }, 'body.answers.pain.level'],
      [{ answers: { surgeries: [{ date: '2024-02-30' }] } }, 'body.answers.surgeries.0.date'],
      [{ answers: { pressurePreference: 'crushing' } }, 'body.answers.pressurePreference'],
      [{ answers: { medications: [{ class: 'vitamins' }] } }, 'body.answers.medications.0.class'],
      [{ answers: 'everything' }, 'body.answers'],
    ];
    for (const [payload, path] of cases) {
      const response = await owner.put(url, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(
        response.json().error.details.map((d: { path: string }) => d.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
    expect(
      (await owner.put(`${base(patientId)}/intakes/not-a-uuid/answers`, { answers: {} })).statusCode,
    ).toBe(400);
    expect(
      (await owner.put(`${base(patientId)}/intakes/${uuidv7()}/answers`, { answers: {} })).statusCode,
    ).toBe(404);
    const [row] = await t.database.db.select().from(intakeResponses).where(eq(intakeResponses.id, intake.id));
    expect(row!.answers).toEqual({ goals: 'kept' });
  });
});

describe('submit', () => {
  it('refuses missing required answers and a missing consent signature with 422 field details, keeping the draft', async () => {
    const patientId = await createPatient();
    const intake = await startIntake(owner, patientId);
    const url = `${base(patientId)}/intakes/${intake.id}/submit`;

    const empty = await owner.post(url, { answers: { goals: 'Walk further' } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('unprocessable');
    const paths = empty.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'answers.conditions',
        'answers.medications',
        'answers.allergies',
        'answers.surgeries',
        'answers.pregnancy',
        'answers.implants',
        'answers.pain',
        'answers.pressurePreference',
        'answers.consent',
      ]),
    );
    expect(paths).not.toContain('answers.goals');
    expect(paths).not.toContain('answers.currentSymptoms');

    // Everything answered but the signature is incomplete.
    const unsigned = await owner.post(url, {
      answers: { ...COMPLETE, consent: { agreed: false, textVersion: consentVersion } },
    });
    expect(unsigned.statusCode).toBe(422);
    expect(
      unsigned
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['answers.consent.agreed', 'answers.consent.typedName']);

    // Item details: a pregnancy without weeks, pain without a place, another medicine without its name.
    const incomplete = await owner.post(url, {
      answers: {
        pregnancy: { pregnant: true },
        pain: { level: 5, regions: null },
        medications: [{ class: 'other' }],
        consent: { ...signature(), textVersion: 'consent-1999' },
      },
    });
    expect(
      incomplete
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual([
      'answers.consent.textVersion',
      'answers.medications.0.name',
      'answers.pain.regions',
      'answers.pregnancy.highRisk',
      'answers.pregnancy.weeks',
    ]);

    // The signer saw a different text than the server holds.
    const tampered = await owner.post(url, {
      answers: { ...COMPLETE, consent: { ...signature(), textHash: sha256('another text') } },
    });
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json().error.details).toEqual([
      { path: 'answers.consent.textHash', message: expect.stringMatching(/changed/) },
    ]);

    const [row] = await t.database.db.select().from(intakeResponses).where(eq(intakeResponses.id, intake.id));
    expect(row!.status).toBe('draft');
    expect(row!.consentTextHash).toBeNull();
    // What was typed before the refusals is kept.
    expect((row!.answers as { goals?: string }).goals).toBe('Less back pain at work');
    const failed = (await auditFor(patientId)).filter(
      (a) => a.action === 'intake.submit' && a.outcome === 'failed',
    );
    expect(failed.length).toBe(4);
    expect(failed[0]!.details).toMatchObject({ fields: expect.arrayContaining(['answers.consent']) });
    expect(JSON.stringify(failed)).not.toContain('Walk further');
  });

  it('records the consent signature with a recomputable hash and locks the version', async () => {
    const patientId = await createPatient();
    const intake = await startIntake(owner, patientId);
    const before = t.clock.now();
    const response = await owner.post(`${base(patientId)}/intakes/${intake.id}/submit`, {
      answers: { ...COMPLETE, consent: signature() },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'submitted', version: 1, submittedVia: 'staff' });
    expect(body.consent).toMatchObject({ typedName: 'Maria Lopez', textVersion: consentVersion });
    expect(new Date(body.consent.signedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    const [row] = await t.database.db.select().from(intakeResponses).where(eq(intakeResponses.id, intake.id));
    expect(row!.consentTextHash).toBe(sha256(CONSENT_TEXTS[row!.consentTextVersion!]!));
    expect(row!.consentTextHash).toMatch(/^[0-9a-f]{64}$/);

    // Locked: no more autosaves or submits, and the database itself refuses a change.
    const put = await owner.put(`${base(patientId)}/intakes/${intake.id}/answers`, {
      answers: { goals: 'changed' },
    });
    expect(put.statusCode).toBe(409);
    expect((await owner.post(`${base(patientId)}/intakes/${intake.id}/submit`, {})).statusCode).toBe(409);
    const error = await t.database.db
      .execute(sql`update intake_responses set answers = '{}'::jsonb where id = ${intake.id}`)
      .then(
        () => undefined,
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(error).toMatch(/kept as it is/);
  });
});

describe('personal link', () => {
  it('e-mails a link (no health data) that opens and submits that one intake only, and is audited', async () => {
    const patientId = await createPatient({ email: 'link.patient@example.test' });
    const otherPatient = await createPatient();
    const otherDraft = await startIntake(owner, otherPatient);
    await owner.put(`${base(otherPatient)}/intakes/${otherDraft.id}/answers`, {
      answers: { goals: 'untouched' },
    });

    const sent = await owner.post(`${base(patientId)}/intake/link`, {});
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ sentTo: 'link.patient@example.test' });
    expect(sent.json()).not.toHaveProperty('token');
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'link.patient@example.test'));
    const token = mail!.textBody.match(/\/intake\/([A-Za-z0-9_-]+)/)![1]!;
    expect(mail!.textBody).not.toMatch(/Maria|Lopez|pain|pregnan|medication|latex/i);
    const [link] = await t.database.db
      .select()
      .from(intakeLinks)
      .where(eq(intakeLinks.id, sent.json().linkId));
    expect(link!.tokenHash).toBe(sha256(token));
    expect(link!.tokenHash).not.toContain(token);
    expect(link!.expiresAt.getTime() - link!.createdAt.getTime()).toBeGreaterThan(13.9 * 86_400_000);

    const visitor = t.agent();
    const opened = await visitor.get(`/api/intake/${token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      clinicName: 'Harbor Medical Massage',
      patientFirstName: 'Maria',
      intake: { status: 'draft' },
    });
    expect(opened.json().questionnaire.consent.textHash).toBe(consentHash);

    expect(
      (await visitor.put(`/api/intake/${token}/answers`, { answers: { goals: 'Run again' } })).statusCode,
    ).toBe(200);
    expect(
      (
        await visitor.put(`/api/intake/${token}/answers`, {
          answers: { pain: { level: 2, regions: ['knee-left'] } },
        })
      ).json(),
    ).toMatchObject({ id: sent.json().intakeId, answers: { goals: 'Run again', pain: { level: 2 } } });
    // The token is no account: other patient routes stay closed to its holder.
    expect((await visitor.get(`${base(patientId)}/intakes`)).statusCode).toBe(401);
    expect((await visitor.get(`${base(otherPatient)}/intakes/${otherDraft.id}`)).statusCode).toBe(401);

    const refused = await visitor.post(`/api/intake/${token}/submit`, { answers: { consent: signature() } });
    expect(refused.statusCode).toBe(422);
    const done = await visitor.post(`/api/intake/${token}/submit`, {
      answers: { ...COMPLETE, goals: 'Run again', consent: signature() },
    });
    expect(done.statusCode, done.body).toBe(200);

    const [submitted] = await t.database.db
      .select()
      .from(intakeResponses)
      .where(eq(intakeResponses.id, sent.json().intakeId));
    expect(submitted).toMatchObject({
      patientId,
      status: 'submitted',
      submittedVia: 'link',
      submittedBy: null,
      version: 1,
    });
    expect((submitted!.answers as { goals: string }).goals).toBe('Run again');
    const [other] = await t.database.db
      .select()
      .from(intakeResponses)
      .where(eq(intakeResponses.id, otherDraft.id));
    expect(other!.answers).toEqual({ goals: 'untouched' });

    // Used: 410, and the refusal is audited.
    const again = await visitor.get(`/api/intake/${token}`);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('gone');
    expect((await visitor.put(`/api/intake/${token}/answers`, { answers: { goals: 'x' } })).statusCode).toBe(
      410,
    );

    const audit = (await auditFor(patientId)).filter((a) => a.actorUserId === null);
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining([
        'intake.read:allowed',
        'intake.autosave:allowed',
        'intake.submitted:allowed',
        'intake.read:refused',
      ]),
    );
    expect(
      audit.every((a) => a.clinicId === clinicId && (a.details as { via?: string })?.via === 'link'),
    ).toBe(true);
    expect((await auditFor(otherPatient)).some((a) => a.actorUserId === null)).toBe(false);
  });

  it('needs the patient e-mail and is for staff only', async () => {
    const noEmail = await createPatient({ email: null });
    const response = await owner.post(`${base(noEmail)}/intake/link`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([{ path: 'patient.email', message: expect.any(String) }]);
    const { agent: patient, userId } = await addMember(t, clinicId, ['patient']);
    const own = await createPatient({ userId });
    expect((await patient.post(`${base(own)}/intake/link`, {})).statusCode).toBe(403);
  });
});

describe('health history at later visits', () => {
  it('keeps every version: "no change" confirmations record who and when, updates add a version', async () => {
    const { agent: patientAgent, userId: patientUser } = await addMember(t, clinicId, ['patient']);
    const patientId = await createPatient({ userId: patientUser });
    const v1 = await submittedIntake(patientId);

    const byTherapist = await therapist.agent.post(`${base(patientId)}/health-history/confirm`, {
      note: 'Asked at check-in',
    });
    expect(byTherapist.statusCode, byTherapist.body).toBe(201);
    expect(byTherapist.json()).toMatchObject({
      versionId: v1.id,
      via: 'staff',
      confirmedBy: { userId: therapist.userId },
    });
    t.clock.advance(60_000);
    const byPatient = await patientAgent.post(`${base(patientId)}/health-history/confirm`, {
      versionId: v1.id,
    });
    expect(byPatient.statusCode).toBe(201);
    expect(byPatient.json()).toMatchObject({ via: 'self', confirmedBy: { userId: patientUser } });

    const update = await therapist.agent.post(`${base(patientId)}/health-history`, {
      answers: {
        ...COMPLETE,
        conditions: checklistWith([{ code: 'bruise', site: ['thigh-anterior-left'] }]),
      },
    });
    expect(update.statusCode, update.body).toBe(201);
    expect(update.json()).toMatchObject({ version: 2, kind: 'update', via: 'staff', consentSigned: false });

    // A confirmation of the old version is now refused, and bad updates answer 422.
    const stale = await patientAgent.post(`${base(patientId)}/health-history/confirm`, { versionId: v1.id });
    expect(stale.statusCode).toBe(409);
    const partial = await therapist.agent.post(`${base(patientId)}/health-history`, {
      answers: { goals: 'only this' },
    });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error.details.map((d: { path: string }) => d.path)).toContain('answers.conditions');
    expect(partial.json().error.details.map((d: { path: string }) => d.path)).not.toContain(
      'answers.consent',
    );

    const history = await patientAgent.get(`${base(patientId)}/health-history`);
    expect(history.statusCode).toBe(200);
    const body = history.json();
    expect(body.current).toBe(update.json().id);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(body.versions[1].confirmations.map((c: { via: string }) => c.via)).toEqual(['self', 'staff']);
    expect(body.versions[1]).toMatchObject({ consentSigned: true, recordedBy: { name: 'Olivia Owner' } });

    // The first version still holds its own answers.
    const first = (await owner.get(`${base(patientId)}/intakes/${v1.id}`)).json();
    expect(first.answers.conditions).toEqual(checklistWith());
    const rows = await t.database.db
      .select()
      .from(intakeResponses)
      .where(and(eq(intakeResponses.clinicId, clinicId), eq(intakeResponses.patientId, patientId)));
    expect(rows).toHaveLength(2);

    // A new draft is an update, prefilled from the latest version but not signed.
    const draft = await patientAgent.post(`${base(patientId)}/intakes`, {});
    expect(draft.statusCode).toBe(201);
    expect(draft.json().kind).toBe('update');
    expect(draft.json().answers.conditions).toContainEqual(
      expect.objectContaining({ code: 'bruise', answer: 'yes' }),
    );
    expect(draft.json().answers).not.toHaveProperty('consent');
    const resubmitted = await patientAgent.post(`${base(patientId)}/intakes/${draft.json().id}/submit`, {});
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ version: 3, submittedVia: 'self' });
  });

  it('carries a version-1 health history into an update of the current questionnaire, which asks about comfort', async () => {
    const patientId = await createPatient();
    // Answered before the questionnaire asked about comfort (version 1, the first consent text).
    await t.database.db.insert(intakeResponses).values({
      clinicId,
      id: uuidv7(),
      patientId,
      questionnaireVersion: 1,
      kind: 'intake',
      status: 'submitted',
      answers: { ...COMPLETE, consent: { agreed: true, typedName: 'Maria Lopez' } },
      version: 1,
      savedAt: t.clock.now(),
      submittedAt: t.clock.now(),
      submittedVia: 'staff',
      consentTypedName: 'Maria Lopez',
      consentSignedAt: t.clock.now(),
      consentTextVersion: 'consent-2025-01',
      consentTextHash: sha256(CONSENT_TEXTS['consent-2025-01']!),
    });
    const chartComfort = async () =>
      (await therapist.agent.get(`${base(patientId)}/chart`))
        .json()
        .sections.find((s: { id: string }) => s.id === 'intake').data.comfort;
    expect(await chartComfort()).toBeNull();

    const draft = await startIntake(owner, patientId);
    const opened = (await owner.get(`${base(patientId)}/intakes/${draft.id}`)).json();
    expect(opened).toMatchObject({ kind: 'update', questionnaireVersion: CURRENT_QUESTIONNAIRE_VERSION });
    expect(opened.answers).toMatchObject({ goals: COMPLETE.goals, medications: COMPLETE.medications });
    expect(opened.answers).not.toHaveProperty('consent');

    const bad = await owner.post(`${base(patientId)}/intakes/${draft.id}/submit`, {
      answers: { draping: 'none at all' },
    });
    expect(bad.statusCode).toBe(400);
    const submitted = await owner.post(`${base(patientId)}/intakes/${draft.id}/submit`, {
      answers: {
        draping: 'more-covered',
        areasToAvoid: 'Feet',
        comfortNotes: 'Please keep the door ajar',
        consent: signature(),
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().consent.textVersion).toBe('consent-2026-11');
    expect(CONSENT_TEXTS['consent-2026-11']).toContain('draped');
    expect(await chartComfort()).toEqual({
      draping: 'As much covered as possible',
      areasToAvoid: 'Feet',
      notes: 'Please keep the door ajar',
    });
  });

  it('has nothing to confirm or update before the first intake', async () => {
    const patientId = await createPatient();
    expect((await owner.post(`${base(patientId)}/health-history/confirm`, {})).statusCode).toBe(409);
    expect((await owner.post(`${base(patientId)}/health-history`, { answers: COMPLETE })).statusCode).toBe(
      409,
    );
    expect((await owner.get(`${base(patientId)}/health-history`)).json()).toEqual({
      current: null,
      lastConfirmedAt: null,
      versions: [],
    });
  });
});

describe('access', () => {
  it('lets a patient fill in only their own intake in the portal; others are refused and audited', async () => {
    const { agent: patientAgent, userId } = await addMember(t, clinicId, ['patient']);
    const own = await createPatient({ userId });
    const someoneElse = await createPatient();
    const draft = await patientAgent.post(`${base(own)}/intakes`, {});
    expect(draft.statusCode).toBe(201);
    const saved = await patientAgent.put(`${base(own)}/intakes/${draft.json().id}/answers`, {
      answers: COMPLETE,
    });
    expect(saved.statusCode).toBe(200);
    const submitted = await patientAgent.post(`${base(own)}/intakes/${draft.json().id}/submit`, {
      answers: { consent: signature() },
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ submittedVia: 'self', submittedBy: { userId } });

    for (const response of [
      await patientAgent.get(`${base(someoneElse)}/intakes`),
      await patientAgent.post(`${base(someoneElse)}/intakes`, {}),
      await patientAgent.get(`${base(someoneElse)}/health-history`),
    ]) {
      expect(response.statusCode).toBe(403);
    }
    const refused = (await auditFor(someoneElse)).filter((a) => a.outcome === 'refused');
    expect(refused.length).toBe(3);
    expect(refused.every((a) => a.actorUserId === userId)).toBe(true);
  });

  it('refuses physicians (intake answers are not theirs to read) and other clinics', async () => {
    const patientId = await createPatient();
    const intake = await startIntake(owner, patientId);
    const { agent: physician } = await addMember(t, clinicId, ['physician']);
    expect((await physician.get(`${base(patientId)}/intakes/${intake.id}`)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    for (const response of [
      await other.owner.get(`${base(patientId)}/intakes`),
      await other.owner.put(`${base(patientId)}/intakes/${intake.id}/answers`, { answers: { goals: 'x' } }),
      await other.owner.post(`${base(patientId)}/intake/link`, {}),
      await other.owner.get(`/api/clinics/${other.clinicId}/patients/${patientId}/intakes/${intake.id}`),
    ]) {
      expect(response.statusCode).toBe(403);
    }
    const [row] = await t.database.db.select().from(intakeResponses).where(eq(intakeResponses.id, intake.id));
    expect(row!.answers).toEqual({});
  });

  it('leaves an audit row naming the patient for every read and write, without answers in it', async () => {
    const patientId = await createPatient();
    const intake = await startIntake(owner, patientId);
    await owner.get(`${base(patientId)}/intakes/${intake.id}`);
    await owner.put(`${base(patientId)}/intakes/${intake.id}/answers`, {
      answers: { goals: 'Secret goal text' },
    });
    await owner.get(`${base(patientId)}/intakes`);
    await owner.post(`${base(patientId)}/intakes/${intake.id}/submit`, {
      answers: { ...COMPLETE, consent: signature() },
    });
    await owner.get(`${base(patientId)}/health-history`);
    await owner.post(`${base(patientId)}/health-history/confirm`, {});
    const actions = (await auditFor(patientId)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'intake.open',
        'intake.started',
        'intake.read',
        'intake.autosave',
        'intake.list',
        'intake.submit',
        'intake.submitted',
        'health_history.read',
        'health_history.confirm',
        'health_history.confirmed',
      ]),
    );
    expect(JSON.stringify(await auditFor(patientId))).not.toMatch(/Secret goal|back pain|Lisinopril/);
  });
});

// Last: it moves the clock past the sessions' lifetime.
describe('personal link expiry', () => {
  it('expires after 14 days (410, audited), is replaced by a newer link, and unknown tokens are 404', async () => {
    const patientId = await createPatient({ email: 'expiring@example.test' });
    const first = await owner.post(`${base(patientId)}/intake/link`, {});
    const second = await owner.post(`${base(patientId)}/intake/link`, {});
    expect(second.json().intakeId).toBe(first.json().intakeId);
    const mails = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'expiring@example.test'));
    const [oldToken, newToken] = mails.map((m) => m.textBody.match(/\/intake\/([A-Za-z0-9_-]+)/)![1]!);
    expect((await t.agent().get(`/api/intake/${oldToken}`)).statusCode).toBe(410);
    expect((await t.agent().get(`/api/intake/${newToken}`)).statusCode).toBe(200);

    t.clock.advance(15 * 86_400_000);
    const expired = await t.agent().get(`/api/intake/${newToken}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.details).toEqual({ reason: 'expired' });
    const refusals = (await auditFor(patientId)).filter(
      (a) => a.outcome === 'refused' && a.actorUserId === null,
    );
    expect(refusals.map((r) => (r.details as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['replaced', 'expired']),
    );
    expect((await t.agent().get(`/api/intake/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await t.agent().get('/api/intake/short')).statusCode).toBe(400);
  });
});
