import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, patientPossibleDuplicates } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, PASSWORD } from '../helpers/fixtures.ts';
import { buildWorld, ok, type SchedulingWorld, setNow, ZONE } from './scheduling-support.ts';

let t: TestApp;
let world: SchedulingWorld;
let therapist: SchedulingWorld['therapists'][number]['agent'];

beforeAll(async () => {
  t = await createTestApp();
  setNow(t, DateTime.fromISO('2026-12-01T08:00', { zone: ZONE }).toJSDate());
  world = await buildWorld(t);
  therapist = world.therapists[0]!.agent;
});
afterAll(() => t.close());

const list = (agent = world.frontDesk, clinicId = world.clinicId) =>
  agent.get(`/api/clinics/${clinicId}/possible-duplicates`);
const forPatient = (agent: typeof world.frontDesk, patientId: string) =>
  agent.get(`/api/clinics/${world.clinicId}/patients/${patientId}/possible-duplicates`);

/** A record the front desk keeps (added by staff, like a returning patient's). */
async function staffRecord(first: string, last: string, dateOfBirth: string, email: string) {
  const created = await ok(
    await world.frontDesk.post(`/api/clinics/${world.clinicId}/patients`, {
      legalFirstName: first,
      legalLastName: last,
      dateOfBirth,
      email,
      notes: 'No deep work over the incision',
    }),
    201,
  );
  return created.id as string;
}

/** The patient registers online (a new visitor session); answers the new record and the signed-in agent. */
async function registerOnline(firstName: string, lastName: string, dateOfBirth: string, email: string) {
  const visitor = t.agent();
  const response = await visitor.post(`/api/public/clinics/${world.clinicId}/patient-accounts`, {
    firstName,
    lastName,
    dateOfBirth,
    email,
    password: PASSWORD,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { visitor, body: response.json() as { patientId: string; csrfToken: string }, raw: response.body };
}

describe('a returning patient who registers online', () => {
  let existingId: string;
  let onlineId: string;
  let visitor: ReturnType<TestApp['agent']>;

  it('gets a new record, marked for staff as a possible duplicate of the existing one, and told nothing of it', async () => {
    existingId = await staffRecord('Tomás', 'Ruiz', '1968-02-20', 'tomas.ruiz@example.test');
    const registered = await registerOnline('Tomas', 'RUIZ', '1968-02-20', 'Tomas.Ruiz@example.test');
    visitor = registered.visitor;
    onlineId = registered.body.patientId;
    expect(onlineId).not.toBe(existingId);
    expect(Object.keys(registered.body).sort()).toEqual(['csrfToken', 'patientId']);
    expect(registered.raw).not.toContain(existingId);

    for (const staff of [world.frontDesk, world.owner]) {
      const { items } = await ok(await list(staff));
      expect(items).toEqual([
        {
          patient: { id: onlineId, displayName: 'Tomas RUIZ', dateOfBirth: '1968-02-20' },
          existing: { id: existingId, displayName: 'Tomás Ruiz', dateOfBirth: '1968-02-20' },
          sameEmail: true,
          detectedAt: expect.any(String),
        },
      ]);
    }
    const [read] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'patient.possible_duplicates.read'))
      .limit(1);
    expect((read!.details as { patientIds: string[] }).patientIds.sort()).toEqual(
      [onlineId, existingId].sort(),
    );
    const [registration] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.self_registered'), eq(auditLog.patientId, onlineId)));
    expect(registration!.details).toEqual({ possibleDuplicateOf: [existingId] });
  });

  it('shows the pair on either chart to staff, therapists included, and audits whose record was shown', async () => {
    for (const id of [onlineId, existingId]) {
      const { items } = await ok(await forPatient(therapist, id));
      expect(items.map((i: { patient: { id: string } }) => i.patient.id)).toEqual([onlineId]);
    }
    const shown = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'patient.possible_duplicate_shown'));
    expect(shown.map((a) => a.patientId).sort()).toEqual([existingId, onlineId].sort());
  });

  it('lets the patient see nothing of the other record', async () => {
    expect((await forPatient(visitor, onlineId)).statusCode).toBe(403);
    expect((await forPatient(visitor, existingId)).statusCode).toBe(403);
    expect((await list(visitor)).statusCode).toBe(403);
    expect((await visitor.get(`/api/clinics/${world.clinicId}/patients/${existingId}`)).statusCode).toBe(403);
    expect(
      (await visitor.get(`/api/clinics/${world.clinicId}/patients/${existingId}/chart`)).statusCode,
    ).toBe(403);
    const search = await ok(await visitor.get(`/api/clinics/${world.clinicId}/patients?q=Ruiz`));
    expect(search.items.map((p: { id: string }) => p.id)).toEqual([onlineId]);
    const dismiss = await visitor.post(
      `/api/clinics/${world.clinicId}/patients/${onlineId}/possible-duplicates/${existingId}/dismiss`,
      {},
    );
    expect(dismiss.statusCode).toBe(403);
    const physician = (await addMember(t, world.clinicId, ['physician'])).agent;
    expect((await list(physician)).statusCode).toBe(403);
    expect((await forPatient(physician, onlineId)).statusCode).toBe(403);
  });

  it('is not shown to another clinic', async () => {
    const other = await createOtherClinic(t);
    expect((await list(other.owner)).statusCode).toBe(403);
    expect((await forPatient(other.owner, onlineId)).statusCode).toBe(403);
    expect((await ok(await list(other.owner, other.clinicId))).items).toEqual([]);
  });

  it('refuses to link the online account to the existing record until staff confirm it is the same person', async () => {
    const path = `/api/clinics/${world.clinicId}/patients/${existingId}/merge`;
    for (const body of [{ duplicateId: onlineId }, { duplicateId: onlineId, confirmIdentity: false }]) {
      const refused = await world.frontDesk.post(path, body);
      expect(refused.statusCode, refused.body).toBe(422);
      const { error } = refused.json();
      expect(error.code).toBe('unprocessable');
      expect(error.message).toBe(
        'This links the online account tomas.ruiz@example.test to Tomás Ruiz’s record: it will see the whole chart. Confirm you checked it is the same person (e.g. photo ID at the desk) first.',
      );
      expect(error.details).toEqual([{ path: 'body.confirmIdentity', message: error.message }]);
    }
    // Nothing moved: the records stay apart and the account still cannot read the existing record.
    expect((await ok(await list())).items).toHaveLength(1);
    expect((await visitor.get(`/api/clinics/${world.clinicId}/patients/${existingId}`)).statusCode).toBe(403);
    const online = await ok(await world.frontDesk.get(`/api/clinics/${world.clinicId}/patients/${onlineId}`));
    expect(online.mergedIntoId).toBeNull();
    const merges = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'patient.merged'));
    expect(merges).toEqual([]);
  });

  it('disappears once staff merge the online record into the existing one', async () => {
    const merged = await ok(
      await world.frontDesk.post(`/api/clinics/${world.clinicId}/patients/${existingId}/merge`, {
        duplicateId: onlineId,
        confirmIdentity: true,
      }),
    );
    expect(merged.survivor.id).toBe(existingId);
    expect(merged.survivor.hasPortalAccount).toBe(true);
    expect(merged.filledFields).toContain('userId');
    // The online account now reads the existing record: the link staff confirmed.
    expect((await visitor.get(`/api/clinics/${world.clinicId}/patients/${existingId}`)).statusCode).toBe(200);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.merged'), eq(auditLog.patientId, existingId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({
      duplicateId: onlineId,
      identityConfirmed: true,
      linkedAccountUserId: expect.any(String),
    });
    expect((await ok(await list())).items).toEqual([]);
    expect((await ok(await forPatient(world.frontDesk, existingId))).items).toEqual([]);
    const rows = await t.database.db
      .select()
      .from(patientPossibleDuplicates)
      .where(eq(patientPossibleDuplicates.clinicId, world.clinicId));
    expect(rows).toEqual([]);
  });
});

describe('merging the other way round (the existing record into the online one)', () => {
  it('asks the same confirmation: the online account would see the existing record’s history', async () => {
    const existingId = await staffRecord('Ines', 'Moreau', '1975-03-03', 'ines@example.test');
    const { body, visitor } = await registerOnline('Ines', 'Moreau', '1975-03-03', 'ines.m@example.test');
    const path = `/api/clinics/${world.clinicId}/patients/${body.patientId}/merge`;
    const refused = await world.frontDesk.post(path, { duplicateId: existingId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(
      /^This links the online account ines\.m@example\.test to Ines Moreau’s record/,
    );
    expect(refused.json().error.details[0].path).toBe('body.confirmIdentity');
    // The patient cannot confirm it for themselves.
    const denied = await visitor.post(path, { duplicateId: existingId, confirmIdentity: true });
    expect(denied.statusCode).toBe(403);
    await ok(await world.frontDesk.post(path, { duplicateId: existingId, confirmIdentity: true }));
    const chart = await ok(await visitor.get(`/api/clinics/${world.clinicId}/patients/${body.patientId}`));
    expect(chart.notes).toContain('No deep work over the incision');
  });
});

describe('not the same person', () => {
  it('staff dismiss the pair: it disappears, is audited on both records, and cannot be dismissed twice', async () => {
    const existingId = await staffRecord('Lena', 'Fischer', '1990-07-01', 'lena@example.test');
    const { body } = await registerOnline('Lena', 'Fischer', '1990-07-01', 'lena.f@example.test');
    const { items } = await ok(await list());
    expect(items).toEqual([
      expect.objectContaining({
        patient: expect.objectContaining({ id: body.patientId }),
        existing: expect.objectContaining({ id: existingId }),
        sameEmail: false,
      }),
    ]);
    const path = `/api/clinics/${world.clinicId}/patients/${body.patientId}/possible-duplicates/${existingId}/dismiss`;
    expect((await ok(await world.frontDesk.post(path, {}))).items).toEqual([]);
    expect((await ok(await list())).items).toEqual([]);
    expect((await ok(await forPatient(world.frontDesk, existingId))).items).toEqual([]);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'patient.possible_duplicate_dismissed'));
    expect(audited.map((a) => a.patientId).sort()).toEqual([body.patientId, existingId].sort());
    const again = await world.frontDesk.post(path, {});
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
  });

  it('follows the existing record when staff merge it into a third one, and goes when the pair is merged', async () => {
    const existingId = await staffRecord('Karl', 'Berg', '1959-11-11', 'karl@example.test');
    const { body } = await registerOnline('Karl', 'Berg', '1959-11-11', 'karl.berg@example.test');
    const thirdId = (
      await ok(
        await world.frontDesk.post(`/api/clinics/${world.clinicId}/patients`, {
          legalFirstName: 'Karl',
          legalLastName: 'Berg',
          dateOfBirth: '1959-11-11',
          confirmNotDuplicate: true,
        }),
        201,
      )
    ).id as string;
    const merge = (survivorId: string, duplicateId: string) =>
      world.frontDesk.post(`/api/clinics/${world.clinicId}/patients/${survivorId}/merge`, { duplicateId });
    // Two staff records: no online account is linked, so no confirmation is asked.
    const plain = await ok(await merge(thirdId, existingId));
    expect(plain.survivor.hasPortalAccount).toBe(false);
    const [plainAudit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.merged'), eq(auditLog.patientId, existingId)));
    expect(plainAudit!.details).not.toHaveProperty('identityConfirmed');
    const pairs = (await ok(await list())).items.map(
      (i: { patient: { id: string }; existing: { id: string } }) => [i.patient.id, i.existing.id],
    );
    expect(pairs).toEqual([[body.patientId, thirdId]]);
    expect((await merge(thirdId, body.patientId)).statusCode).toBe(422);
    await ok(
      await world.frontDesk.post(`/api/clinics/${world.clinicId}/patients/${thirdId}/merge`, {
        duplicateId: body.patientId,
        confirmIdentity: true,
      }),
    );
    expect((await ok(await list())).items).toEqual([]);
  });

  it('flags nothing for a new person, nor for a match in another clinic only', async () => {
    const other = await createOtherClinic(t);
    await ok(
      await other.owner.post(`/api/clinics/${other.clinicId}/patients`, {
        legalFirstName: 'Ines',
        legalLastName: 'Moreau',
        dateOfBirth: '1985-03-03',
      }),
      201,
    );
    await registerOnline('Ines', 'Moreau', '1985-03-03', 'ines@example.test');
    await registerOnline('Brand', 'New', '1970-01-01', 'brand.new@example.test');
    expect((await ok(await list())).items).toEqual([]);
  });
});
