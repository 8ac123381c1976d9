import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Awaited<ReturnType<typeof setUpClinic>>['owner'];
let clinicId: string;
let other: Awaited<ReturnType<typeof createOtherClinic>>;

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  other = await createOtherClinic(t);
});
afterAll(() => t.close());

describe('clinic scoping and roles', () => {
  it("refuses another clinic's owner and audits the refusal", async () => {
    for (const url of [
      `/api/clinics/${clinicId}`,
      `/api/clinics/${clinicId}/members`,
      `/api/clinics/${clinicId}/audit`,
    ]) {
      const response = await other.owner.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const refused = await t.database.db.select().from(auditLog).where(eq(auditLog.outcome, 'refused'));
    expect(
      refused.filter((r) => r.clinicId === clinicId && r.action.startsWith('access.')).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('answers the same 403 for a clinic that does not exist', async () => {
    const response = await owner.get('/api/clinics/01a21793-0000-7000-8000-000000000000');
    expect(response.statusCode).toBe(403);
  });

  it('lets the owner change roles but never remove the last owner', async () => {
    const { userId } = await addMember(t, clinicId, ['therapist']);
    const changed = await owner.put(`/api/clinics/${clinicId}/members/${userId}/roles`, {
      roles: ['therapist', 'front_desk'],
    });
    expect(changed.statusCode).toBe(200);
    const me = (await owner.get('/api/me')).json();
    const last = await owner.put(`/api/clinics/${clinicId}/members/${me.user.id}/roles`, {
      roles: ['therapist'],
    });
    expect(last.statusCode).toBe(409);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'member.roles_changed'));
    expect(audit.at(-1)?.details).toEqual({ before: ['therapist'], after: ['therapist', 'front_desk'] });
  });

  it('keeps front desk out of owner-only settings and the audit log', async () => {
    const { agent } = await addMember(t, clinicId, ['front_desk']);
    expect((await agent.patch(`/api/clinics/${clinicId}`, { idleTimeoutMinutes: 60 })).statusCode).toBe(403);
    expect((await agent.get(`/api/clinics/${clinicId}/audit`)).statusCode).toBe(403);
    expect((await agent.get(`/api/clinics/${clinicId}/members`)).statusCode).toBe(200);
  });

  it('removes a member: their sessions end and access is refused', async () => {
    const { agent, userId } = await addMember(t, clinicId, ['therapist']);
    expect((await owner.post(`/api/clinics/${clinicId}/members/${userId}/disable`)).statusCode).toBe(200);
    expect((await agent.get(`/api/clinics/${clinicId}`)).statusCode).toBe(401);
  });

  it('validates settings', async () => {
    const bad = await owner.patch(`/api/clinics/${clinicId}`, {
      timeZone: 'Mars/Olympus',
      idleTimeoutMinutes: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.idleTimeoutMinutes', 'body.timeZone']);
    expect((await owner.get('/api/clinics/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('audit log', () => {
  it('cannot be altered or deleted, even by direct SQL', async () => {
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error = await t.database.db.execute(statement).then(
        () => undefined,
        (e: Error & { cause?: Error }) => e,
      );
      return error?.cause?.message ?? error?.message;
    };
    const before = await t.database.db.select().from(auditLog);
    expect(await refusal(sql`update audit_log set action = 'tampered'`)).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE refused/);
    expect(await t.database.db.select().from(auditLog)).toEqual(before);
  });

  it('shows the owner sign-ins and changes, filters them and pages with a cursor', async () => {
    const all = await owner.get(`/api/clinics/${clinicId}/audit?limit=3`);
    expect(all.statusCode).toBe(200);
    const firstPage = all.json();
    expect(firstPage.items).toHaveLength(3);
    expect(firstPage.nextCursor).toBe(firstPage.items[2].id);
    const second = (
      await owner.get(`/api/clinics/${clinicId}/audit?limit=3&cursor=${firstPage.nextCursor}`)
    ).json();
    expect(second.items[0].id < firstPage.items[2].id).toBe(true);

    const logins = (await owner.get(`/api/clinics/${clinicId}/audit?action=auth.login&limit=200`)).json();
    expect(logins.items.length).toBeGreaterThan(0);
    expect(logins.items.every((e: { action: string }) => e.action.startsWith('auth.login'))).toBe(true);
    const refused = (await owner.get(`/api/clinics/${clinicId}/audit?outcome=refused`)).json();
    expect(refused.items.every((e: { outcome: string }) => e.outcome === 'refused')).toBe(true);
    // The other clinic's own events never show here.
    const ids = new Set(logins.items.map((e: { actorUserId: string }) => e.actorUserId));
    const otherMe = (await other.owner.get('/api/me')).json();
    expect(ids.has(otherMe.user.id)).toBe(false);
  });

  it('exports CSV that neutralises spreadsheet formulas', async () => {
    await owner.patch(`/api/clinics/${clinicId}`, { name: '=HYPERLINK("http://evil")' });
    const response = await owner.get(`/api/clinics/${clinicId}/audit.csv?action=clinic.settings_changed`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actorUserId,actorName,actorRoles,action,actionText,resourceType,resourceId,patientId,patientName,outcome,ip,details',
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toContain('clinic.settings_changed');
    const exported = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'));
    expect(exported).toHaveLength(1);
  });
});

describe('API tokens', () => {
  it('are shown once, scoped to their permissions and clinic, and revocable', async () => {
    const created = await owner.post(`/api/clinics/${clinicId}/tokens`, {
      name: 'Reporting',
      scopes: ['members.read'],
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const integration = t.agent();
    integration.bearer = token;
    expect((await integration.get(`/api/clinics/${clinicId}/members`)).statusCode).toBe(200);
    expect((await integration.get(`/api/clinics/${clinicId}/audit`)).statusCode).toBe(403);
    expect((await integration.get(`/api/clinics/${other.clinicId}/members`)).statusCode).toBe(403);
    expect((await owner.get(`/api/clinics/${clinicId}/tokens`)).json().items[0]).not.toHaveProperty('token');
    expect((await owner.delete(`/api/clinics/${clinicId}/tokens/${id}`)).statusCode).toBe(200);
    expect((await integration.get(`/api/clinics/${clinicId}/members`)).statusCode).toBe(401);
  });

  it('cannot grant more than the creator holds', async () => {
    const { agent } = await addMember(t, clinicId, ['therapist']);
    const response = await agent.post(`/api/clinics/${clinicId}/tokens`, {
      name: 'x',
      scopes: ['audit.read'],
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('idempotent creates', () => {
  it('replays the first response for a repeated Idempotency-Key and refuses a reused key for a different body', async () => {
    const body = {
      name: 'Harbor — North Park',
      addressLine1: '3000 University Ave',
      city: 'San Diego',
      region: 'CA',
      postalCode: '92104',
    };
    const headers = { 'idempotency-key': 'loc-create-0001' };
    const first = await owner.request({
      method: 'POST',
      url: `/api/clinics/${clinicId}/locations`,
      payload: body,
      headers,
    });
    const second = await owner.request({
      method: 'POST',
      url: `/api/clinics/${clinicId}/locations`,
      payload: body,
      headers,
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const list = (await owner.get(`/api/clinics/${clinicId}/locations`)).json();
    expect(list.items.filter((l: { name: string }) => l.name === body.name)).toHaveLength(1);
    const reused = await owner.request({
      method: 'POST',
      url: `/api/clinics/${clinicId}/locations`,
      payload: { ...body, name: 'Different' },
      headers,
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });
});
