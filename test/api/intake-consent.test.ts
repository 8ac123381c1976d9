import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, intakeResponses, patients } from '../../src/db/schema/index.ts';
import { CONSENT_TEXTS } from '../../src/modules/intake/questionnaires.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { createTestApp } from '../helpers/app.ts';
import { setUpClinic } from '../helpers/fixtures.ts';

/**
 * A signed consent stays valid for later health-history updates until its text changes: the opened draft
 * says whether its consent step needs a signature, and submit asks for one exactly then.
 */
let t: TestApp;
let owner: Agent;
let clinicId: string;
let consent: { version: string; textHash: string };

const OLD_CONSENT = 'consent-2025-01';
const COMPLETE = {
  conditions: checklistWith(),
  medications: [],
  allergies: [],
  surgeries: [],
  pregnancy: { pregnant: false },
  implants: [],
  pain: { level: 0 },
  goals: 'Move freely',
  pressurePreference: 'light',
};
const base = (patientId: string) => `/api/clinics/${clinicId}/patients/${patientId}`;
const signature = () => ({
  agreed: true,
  typedName: 'Ana Ruiz',
  textVersion: consent.version,
  textHash: consent.textHash,
});

async function createPatient(): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(patients).values({
    clinicId,
    id,
    legalFirstName: 'Ana',
    legalLastName: 'Ruiz',
    dateOfBirth: '1990-05-01',
    email: `ana-${id.slice(-6)}@example.test`,
  });
  return id;
}

/** A submitted version signed with `textVersion` at `signedAt` (or unsigned), as an earlier release stored it. */
async function storedVersion(
  patientId: string,
  version: number,
  at: Date,
  textVersion: string | null,
): Promise<void> {
  await t.database.db.insert(intakeResponses).values({
    clinicId,
    id: uuidv7(),
    patientId,
    questionnaireVersion: textVersion === OLD_CONSENT ? 1 : 3,
    kind: version === 1 ? 'intake' : 'update',
    status: 'submitted',
    answers: COMPLETE,
    version,
    savedAt: at,
    submittedAt: at,
    submittedVia: 'staff',
    ...(textVersion
      ? {
          consentTypedName: 'Ana Ruiz',
          consentSignedAt: at,
          consentTextVersion: textVersion,
          consentTextHash: sha256(CONSENT_TEXTS[textVersion]!),
        }
      : {}),
  });
}

const open = async (patientId: string) => {
  const response = await owner.post(`${base(patientId)}/intakes`, {});
  expect([200, 201], response.body).toContain(response.statusCode);
  return response.json();
};
const submit = (patientId: string, intakeId: string, answers: Record<string, unknown> = {}) =>
  owner.post(`${base(patientId)}/intakes/${intakeId}/submit`, { answers });
const paths = (response: { json: () => { error: { details: { path: string }[] } } }) =>
  response.json().error.details.map((d) => d.path);

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  const questionnaire = (await t.agent().get('/api/intake/questionnaire')).json();
  consent = { version: questionnaire.consent.version, textHash: questionnaire.consent.textHash };
});
afterAll(() => t.close());

describe('the consent step of an opened questionnaire', () => {
  it('asks a first intake to sign', async () => {
    const patientId = await createPatient();
    const draft = await open(patientId);
    expect(draft).toMatchObject({
      kind: 'intake',
      consentSigning: { signatureRequired: true, lastSigned: null },
    });
    expect(paths(await submit(patientId, draft.id, COMPLETE))).toEqual(['answers.consent']);
  });

  it('lets an update keep the consent signed on the current text, and says when it was signed', async () => {
    const patientId = await createPatient();
    const signedAt = new Date('2026-11-20T17:30:00Z');
    await storedVersion(patientId, 1, signedAt, consent.version);
    // A later unsigned update does not hide the signature before it.
    await storedVersion(patientId, 2, new Date('2026-11-25T17:30:00Z'), null);

    const draft = await open(patientId);
    expect(draft).toMatchObject({
      kind: 'update',
      consentSigning: {
        signatureRequired: false,
        lastSigned: { signedAt: signedAt.toISOString(), textVersion: consent.version },
      },
    });
    const submitted = await submit(patientId, draft.id);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ version: 3, consent: null });
  });

  it('asks an update to sign the new text when the consent changed since the patient signed', async () => {
    const patientId = await createPatient();
    const signedAt = new Date('2025-03-02T16:00:00Z');
    await storedVersion(patientId, 1, signedAt, OLD_CONSENT);

    const draft = await open(patientId);
    expect(draft).toMatchObject({
      kind: 'update',
      consentSigning: {
        signatureRequired: true,
        lastSigned: { signedAt: signedAt.toISOString(), textVersion: OLD_CONSENT },
      },
    });
    const unsigned = await submit(patientId, draft.id);
    expect(unsigned.statusCode).toBe(422);
    expect(paths(unsigned)).toEqual(['answers.consent']);
    const [row] = await t.database.db
      .select()
      .from(intakeResponses)
      .where(and(eq(intakeResponses.clinicId, clinicId), eq(intakeResponses.id, draft.id)));
    expect(row).toMatchObject({ status: 'draft', version: null });

    const signed = await submit(patientId, draft.id, { consent: signature() });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().consent).toMatchObject({ textVersion: consent.version, typedName: 'Ana Ruiz' });
    // Signed once on the new text, the next update need not sign again.
    expect((await open(patientId)).consentSigning).toMatchObject({
      signatureRequired: false,
      lastSigned: { textVersion: consent.version },
    });
  });

  it('holds a health history recorded at a visit to the same rule', async () => {
    const current = await createPatient();
    await storedVersion(current, 1, new Date('2026-11-20T17:30:00Z'), consent.version);
    const kept = await owner.post(`${base(current)}/health-history`, { answers: COMPLETE });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json()).toMatchObject({ consentSigned: false });

    const outdated = await createPatient();
    await storedVersion(outdated, 1, new Date('2025-03-02T16:00:00Z'), OLD_CONSENT);
    const refused = await owner.post(`${base(outdated)}/health-history`, { answers: COMPLETE });
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['answers.consent']);
    const signed = await owner.post(`${base(outdated)}/health-history`, {
      answers: { ...COMPLETE, consent: signature() },
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ consentSigned: true });
  });
});

describe('the personal link of an update', () => {
  it("gives the clinic's time zone, the kind and the consent step", async () => {
    const patientId = await createPatient();
    const signedAt = new Date('2026-11-20T17:30:00Z');
    await storedVersion(patientId, 1, signedAt, consent.version);
    const [patient] = await t.database.db.select().from(patients).where(eq(patients.id, patientId));
    expect((await owner.post(`${base(patientId)}/intake/link`, {})).statusCode).toBe(201);
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, patient!.email!));
    const token = mail!.textBody.match(/\/intake\/([A-Za-z0-9_-]+)/)![1]!;

    const opened = await t.agent().get(`/api/intake/${token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      clinicTimeZone: 'America/Los_Angeles',
      intake: {
        kind: 'update',
        consentSigning: { signatureRequired: false, lastSigned: { signedAt: signedAt.toISOString() } },
      },
    });
    const submitted = await t.agent().post(`/api/intake/${token}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
});
