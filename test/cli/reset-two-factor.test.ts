import { and, desc, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetPassword } from '../../src/cli/users.ts';
import { auditLog, recoveryCodes, users } from '../../src/db/schema/index.ts';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';

/**
 * `palpa user reset-password --disable-2fa`, against the real app: the command runs on the app's database,
 * then sign-in is tried through the API.
 */
const NEW_PASSWORD = 'Lantern-quartz-river-77';
const NEWER_PASSWORD = 'Otter-basalt-meadow-31';

let t: TestApp;
let clinicId: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await setUpClinic(t));
}, 180_000);
afterAll(() => t?.close(), 60_000);

/** Password, then (when asked) a TOTP code: a fully signed-in agent. */
async function signIn(email: string, password: string, secret?: string): Promise<Agent> {
  const agent = t.agent();
  const login = await agent.post('/api/auth/login', { email, password });
  expect(login.statusCode, login.body).toBe(200);
  if (login.json().status === 'mfa_required') {
    const second = await agent.post('/api/auth/login/second-factor', {
      code: await generate({ secret: secret! }),
    });
    expect(second.statusCode, second.body).toBe(200);
  }
  expect((await agent.refreshMe()).statusCode).toBe(200);
  return agent;
}

const userRow = async (userId: string) =>
  (await t.database.db.select().from(users).where(eq(users.id, userId)))[0]!;
const codesOf = (userId: string) =>
  t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
const lastResetAudit = async (userId: string) =>
  (
    await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cli.user.reset_password'), eq(auditLog.resourceId, userId)))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0]!;

describe('palpa user reset-password --disable-2fa', { timeout: 180_000 }, () => {
  it('turns two-factor sign-in off for a lost phone, signs the person out everywhere and audits it', async () => {
    const { agent, userId, email } = await addMember(t, clinicId, ['therapist']);
    const { secret } = (await agent.post('/api/auth/2fa/setup')).json();
    const enabled = await agent.post('/api/auth/2fa/enable', { code: await generate({ secret }) });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(await codesOf(userId)).toHaveLength(10);
    // An integration holding the therapist's API token: a credential like a password, revoked with it.
    const created = await agent.post(`/api/clinics/${clinicId}/tokens`, {
      name: 'sync',
      scopes: ['clinic.read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const integration = t.agent();
    integration.bearer = created.json().token;
    expect((await integration.get('/api/me')).statusCode).toBe(200);

    // Without the option the password changes and two-factor sign-in stays on (unchanged behaviour).
    const plain = await resetPassword(t.database.db, { email, password: NEW_PASSWORD });
    expect(plain.twoFactor).toBeUndefined();
    expect(plain.revokedApiTokens).toBe(1);
    expect((await integration.get('/api/me')).statusCode).toBe(401);
    expect((await lastResetAudit(userId)).details).not.toHaveProperty('twoFactor');
    const asked = t.agent();
    expect((await asked.post('/api/auth/login', { email, password: NEW_PASSWORD })).json().status).toBe(
      'mfa_required',
    );
    expect((await userRow(userId)).totpEnabledAt).not.toBeNull();
    expect(await codesOf(userId)).toHaveLength(10);

    // Signed in on two devices (one fully, one still at the code step).
    const laptop = await signIn(email, NEW_PASSWORD, secret);
    const pending = t.agent();
    expect((await pending.post('/api/auth/login', { email, password: NEW_PASSWORD })).json().status).toBe(
      'mfa_required',
    );

    const now = new Date(t.clock.now());
    const result = await resetPassword(t.database.db, {
      email: email.toUpperCase(),
      password: NEWER_PASSWORD,
      disableTwoFactor: true,
      now,
    });
    expect(result).toMatchObject({
      userId,
      twoFactor: { disabled: true, wasEnabled: true, deletedRecoveryCodes: 10 },
    });
    expect(result.revokedSessions).toBe(3);

    // Every old session is gone.
    for (const old of [agent, laptop, pending, asked])
      expect((await old.get('/api/me')).statusCode).toBe(401);

    // No secret, no recovery codes: the next sign-in needs the new password only.
    const row = await userRow(userId);
    expect(row.totpSecret).toBeNull();
    expect(row.totpEnabledAt).toBeNull();
    expect(await codesOf(userId)).toEqual([]);
    const fresh = t.agent();
    const login = await fresh.post('/api/auth/login', { email, password: NEWER_PASSWORD });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().status).toBe('signed_in');
    const me = await fresh.refreshMe();
    expect(me.statusCode).toBe(200);
    expect(me.json().user.totpEnabled).toBe(false);
    expect((await t.agent().post('/api/auth/login', { email, password: NEW_PASSWORD })).statusCode).toBe(401);

    // One audit record, by no one in the app, with what was done (no secret, no password).
    const audit = await lastResetAudit(userId);
    expect(audit.actorUserId).toBeNull();
    expect(audit.details).toEqual({
      email,
      revokedSessions: result.revokedSessions,
      revokedApiTokens: 0,
      clearedFailures: 0,
      twoFactor: { disabled: true, wasEnabled: true, deletedRecoveryCodes: 10 },
    });
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(NEWER_PASSWORD);

    // Again, now that it is off: nothing left to turn off, said so.
    const again = await resetPassword(t.database.db, {
      email,
      password: PASSWORD,
      disableTwoFactor: true,
    });
    expect(again.twoFactor).toEqual({ disabled: true, wasEnabled: false, deletedRecoveryCodes: 0 });
    expect((await fresh.get('/api/me')).statusCode).toBe(401);
  });

  it('clears a half-finished set-up too, and leaves other people’s two-factor alone', async () => {
    const other = await addMember(t, clinicId, ['therapist']);
    const { secret } = (await other.agent.post('/api/auth/2fa/setup')).json();
    expect(
      (await other.agent.post('/api/auth/2fa/enable', { code: await generate({ secret }) })).statusCode,
    ).toBe(200);
    const stored = (await userRow(other.userId)).totpSecret;
    expect(stored).not.toBeNull();
    const halfway = await addMember(t, clinicId, ['front_desk']);
    expect((await halfway.agent.post('/api/auth/2fa/setup')).statusCode).toBe(200);
    expect((await userRow(halfway.userId)).totpSecret).not.toBeNull();

    const result = await resetPassword(t.database.db, {
      email: halfway.email,
      password: NEW_PASSWORD,
      disableTwoFactor: true,
    });
    expect(result.twoFactor).toEqual({ disabled: true, wasEnabled: false, deletedRecoveryCodes: 0 });
    expect((await userRow(halfway.userId)).totpSecret).toBeNull();
    const untouched = await userRow(other.userId);
    expect(untouched.totpSecret).toBe(stored);
    expect(untouched.totpEnabledAt).not.toBeNull();
    expect(await codesOf(other.userId)).toHaveLength(10);
    expect((await other.agent.get('/api/me')).statusCode).toBe(200);
  });
});
