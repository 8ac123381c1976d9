import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/connection.ts';
import { auditLog } from '../../src/db/schema/index.ts';
import { aboutPatient } from '../../src/modules/audit/query.ts';
import { type AuditEvent, auditActionKind } from '../../src/modules/audit/schemas.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { createTestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Agent;
let clinicId: string;
let other: Awaited<ReturnType<typeof createOtherClinic>>;
let therapist: Awaited<ReturnType<typeof addMember>>;
const patient = { mei: '', jose: '', marcus: '', elsewhere: '' };

const createPatient = async (
  agent: Agent,
  clinic: string,
  name: { legalFirstName: string; legalLastName: string; preferredName?: string },
) => {
  const response = await agent.post(`/api/clinics/${clinic}/patients`, {
    ...name,
    dateOfBirth: '1980-05-05',
  });
  if (response.statusCode !== 201) throw new Error(`patient create failed: ${response.body}`);
  return response.json().id as string;
};

async function audit(query: Record<string, string>, agent = owner): Promise<AuditEvent[]> {
  const response = await agent.get(
    `/api/clinics/${clinicId}/audit?${new URLSearchParams({ limit: '200', ...query })}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

const listed = (event: AuditEvent) => (event.details?.patientIds as string[] | undefined) ?? [];

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  other = await createOtherClinic(t);
  // Three patients whose UUIDv7 ids share their first characters (made the same millisecond or so).
  patient.mei = await createPatient(owner, clinicId, {
    legalFirstName: 'Meiling',
    preferredName: 'Mei',
    legalLastName: 'Chen',
  });
  patient.jose = await createPatient(owner, clinicId, {
    legalFirstName: 'José Luis',
    legalLastName: 'Ortega',
  });
  patient.marcus = await createPatient(owner, clinicId, { legalFirstName: 'Marcus', legalLastName: 'Webb' });
  // A namesake in another clinic, read there by its own owner.
  patient.elsewhere = await createPatient(other.owner, other.clinicId, {
    legalFirstName: 'Mei',
    legalLastName: 'Chen',
  });
  await other.owner.get(`/api/clinics/${other.clinicId}/patients/${patient.elsewhere}`);

  therapist = await addMember(t, clinicId, ['therapist']);
  await therapist.agent.get(`/api/clinics/${clinicId}/patients/${patient.mei}`);
  await therapist.agent.get(`/api/clinics/${clinicId}/patients/${patient.mei}/physicians`);
  await therapist.agent.get(`/api/clinics/${clinicId}/patients/${patient.jose}`);
  // A list read that showed all three (details.patientIds), and a probe of the other clinic's patient.
  await owner.get(`/api/clinics/${clinicId}/patients`);
  expect((await owner.get(`/api/clinics/${clinicId}/patients/${patient.elsewhere}`)).statusCode).toBe(403);
});
afterAll(() => t.close());

describe('who looked at a patient', () => {
  it("names each row's patient and finds their reads, lists included, and no one else's", async () => {
    const rows = await audit({ patientId: patient.mei });
    expect(rows.every((e) => e.patientId === patient.mei || listed(e).includes(patient.mei))).toBe(true);
    const read = rows.find((e) => e.action === 'patient.read' && e.actorUserId === therapist.userId);
    expect(read).toMatchObject({ patientName: 'Mei Chen', actorName: therapist.email.split('@')[0] });
    expect(rows.some((e) => e.action === 'patient.physician_access.read')).toBe(true);
    const list = rows.find((e) => e.action === 'patient.search');
    expect(list?.patientId).toBeNull();
    expect(listed(list!)).toEqual(expect.arrayContaining([patient.mei, patient.jose, patient.marcus]));
    expect(rows.some((e) => e.patientId === patient.jose)).toBe(false);

    const jose = await audit({ patientId: patient.jose });
    expect(jose.find((e) => e.action === 'patient.read')?.patientName).toBe('José Luis Ortega');
  });

  it("never shows another clinic's rows, nor names a patient from another clinic", async () => {
    // The probe of the other clinic's patient is this clinic's row (refused), but without a name.
    const ownerId = (await owner.get('/api/me')).json().user.id;
    const probe = await audit({ patientId: patient.elsewhere });
    expect(probe.map((e) => [e.action, e.outcome, e.actorUserId, e.patientName])).toEqual([
      ['patient.read', 'refused', ownerId, null],
    ]);
    // The other clinic's own work on its patient (created, read: allowed there) stays in its log.
    const otherOwnerId = (await other.owner.get('/api/me')).json().user.id;
    const mine = await audit({});
    expect(mine.some((e) => e.actorUserId === otherOwnerId && e.outcome === 'allowed')).toBe(false);
    const theirs = await other.owner.get(`/api/clinics/${other.clinicId}/audit?patientId=${patient.mei}`);
    expect(theirs.json().items).toEqual([]);
  });

  it('reads the name when the log is read: a renamed patient shows the new name, the log holds ids only', async () => {
    const before = await t.database.db.select().from(auditLog);
    expect(JSON.stringify(before)).not.toMatch(/Chen|Ortega|Webb/);
    const renamed = await owner.patch(`/api/clinics/${clinicId}/patients/${patient.marcus}`, {
      preferredName: 'Marc',
    });
    expect(renamed.statusCode).toBe(200);
    const rows = await audit({ patientId: patient.marcus, action: 'patient.created' });
    expect(rows.map((e) => e.patientName)).toEqual(['Marc Webb']);
    const stored = await t.database.db.select().from(auditLog).where(eq(auditLog.id, rows[0]!.id));
    expect(stored[0]).toEqual(before.find((r) => r.id === rows[0]!.id));
  });
});

describe('filters', () => {
  it('by kind of action, person and outcome', async () => {
    const patients = await audit({ kind: 'patients' });
    expect(patients.length).toBeGreaterThan(3);
    expect(patients.every((e) => auditActionKind(e.action) === 'patients')).toBe(true);

    const byTherapist = await audit({ actorUserId: therapist.userId });
    expect(byTherapist.length).toBeGreaterThanOrEqual(3);
    expect(byTherapist.every((e) => e.actorUserId === therapist.userId)).toBe(true);

    const refusedAccess = await audit({ kind: 'security', outcome: 'refused' });
    expect(
      refusedAccess.every((e) => e.outcome === 'refused' && auditActionKind(e.action) === 'security'),
    ).toBe(true);
  });

  it('by a date range, whatever the offset it is written with', async () => {
    const at = (iso: string) => ({
      id: uuidv7(),
      at: new Date(iso),
      clinicId,
      actorUserId: therapist.userId,
      action: 'patient.read',
      outcome: 'allowed' as const,
      patientId: patient.jose,
      resourceType: 'patient',
      resourceId: patient.jose,
    });
    // 23:30 on 9 January and 00:30 on 10 January in San Diego (UTC−8).
    await t.database.db.insert(auditLog).values([at('2026-01-10T07:30:00Z'), at('2026-01-10T08:30:00Z')]);
    const onTenth = await audit({
      patientId: patient.jose,
      from: '2026-01-10T00:00:00-08:00',
      to: '2026-01-10T23:59:59.999-08:00',
    });
    expect(onTenth.map((e) => e.at)).toEqual(['2026-01-10T08:30:00.000Z']);
    const onNinth = await audit({ patientId: patient.jose, to: '2026-01-09T23:59:59.999-08:00' });
    expect(onNinth.map((e) => e.at)).toEqual(['2026-01-10T07:30:00.000Z']);
  });

  it('answers bad filters with 400 in the one error shape', async () => {
    for (const [query, path] of [
      ['from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z', 'querystring.to'],
      ['kind=everything', 'querystring.kind'],
      ['patientId=Mei%20Chen', 'querystring.patientId'],
      ['outcome=maybe', 'querystring.outcome'],
    ] as const) {
      for (const url of [
        `/api/clinics/${clinicId}/audit?${query}`,
        `/api/clinics/${clinicId}/audit.csv?${query}`,
      ]) {
        const response = await owner.get(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error).toMatchObject({
          code: 'validation_failed',
          details: [expect.objectContaining({ path })],
        });
      }
    }
  });

  it('audits each read of the log, with its filters', async () => {
    await audit({ patientId: patient.mei, kind: 'patients' });
    const reads = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'audit.read'));
    expect(reads.at(-1)).toMatchObject({
      clinicId,
      outcome: 'allowed',
      details: { filters: { patientId: patient.mei, kind: 'patients' } },
    });
  });
});

describe('who may read it', () => {
  it('only roles with the audit permission; every refusal is audited', async () => {
    const refusedBefore = (await audit({ action: 'access.audit.read' })).length;
    const people = [
      (await addMember(t, clinicId, ['front_desk'])).agent,
      therapist.agent,
      (await addMember(t, clinicId, ['physician'])).agent,
      (await addMember(t, clinicId, ['patient'])).agent,
      other.owner,
    ];
    for (const agent of people) {
      expect((await agent.get(`/api/clinics/${clinicId}/audit`)).statusCode).toBe(403);
      expect((await agent.get(`/api/clinics/${clinicId}/audit.csv`)).statusCode).toBe(403);
    }
    const refused = await audit({ action: 'access.audit.read' });
    expect(refused.length - refusedBefore).toBe(people.length * 2);
    expect(refused.every((e) => e.outcome === 'refused')).toBe(true);
  });
});

describe('CSV export', () => {
  it('has the action in words and the patient by name, beside their codes', async () => {
    const response = await owner.get(
      `/api/clinics/${clinicId}/audit.csv?patientId=${patient.mei}&action=patient.read`,
    );
    expect(response.statusCode).toBe(200);
    const [header, ...lines] = response.body.trim().split('\r\n');
    expect(header).toBe(
      'id,at,actorUserId,actorName,actorRoles,action,actionText,resourceType,resourceId,patientId,patientName,outcome,ip,details',
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.includes(`,patient.read,Read a patient's record,patient,`))).toBe(true);
    expect(lines.every((line) => line.includes(`,${patient.mei},Mei Chen,allowed,`))).toBe(true);
  });
});

describe("a patient's trail", () => {
  it('is found through indexes (their record and the lists that showed them), not by reading the whole log', async () => {
    const db = t.database.db;
    // A clinic's log after some months: many reads of other patients, and list reads that showed other people.
    await db.execute(sql`
      insert into ${auditLog} (id, clinic_id, action, outcome, patient_id, details)
      select gen_random_uuid(), ${clinicId}, 'patient.read', 'allowed', gen_random_uuid(),
             case when n % 10 = 0 then jsonb_build_object('patientIds', jsonb_build_array(gen_random_uuid())) end
      from generate_series(1, 20000) as n`);
    await db.execute(sql`analyze ${auditLog}`);
    const result = await db.execute(
      sql`explain select ${auditLog.id} from ${auditLog} where ${and(eq(auditLog.clinicId, clinicId), aboutPatient(patient.mei))}`,
    );
    const plan = rowsOf<{ 'QUERY PLAN': string }>(result)
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('audit_listed_patients_idx');
    expect(plan).toContain('audit_patient_idx');
    expect(plan).not.toContain('Seq Scan');
  });
});
