import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliRefusal } from '../../src/cli/errors.ts';
import { CliFailure, createUser, disableUser, resetPassword } from '../../src/cli/users.ts';
import { type DatabaseHandle, rowsOf } from '../../src/db/connection.ts';
import { hashPassword, verifyPassword } from '../../src/platform/crypto.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { ID, seed } from './support.ts';

const STRONG = 'Lantern-quartz-river-77';
const STRONGER = 'Otter-basalt-meadow-31';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
}, 180_000);
afterAll(() => database.close(), 60_000);

const query = async <T>(text: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(text));
const userByEmail = async (email: string) =>
  (
    await query<{ id: string; password_hash: string | null; disabled_at: unknown; display_name: string }>(
      sql`select id, password_hash, disabled_at, display_name from users where lower(email) = ${email}`,
    )
  )[0];
const audits = (action: string) =>
  query<{ resource_id: string; details: Record<string, unknown> | string; actor_user_id: string | null }>(
    sql`select resource_id, details, actor_user_id from audit_log where action = ${action} order by id`,
  );
const details = (d: Record<string, unknown> | string) => (typeof d === 'string' ? JSON.parse(d) : d);

describe('palpa user create', { timeout: 180_000 }, () => {
  it('creates a user with a hashed password and a clinic role, and audits it', async () => {
    const { userId } = await createUser(database.db, {
      email: '  New.Owner@Example.TEST ',
      name: 'Nadia Ñúñez',
      password: STRONG,
      clinicId: ID.clinic,
      role: 'owner',
    });
    const user = await userByEmail('new.owner@example.test');
    expect(user?.id).toBe(userId);
    expect(user?.display_name).toBe('Nadia Ñúñez');
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.password_hash!, STRONG)).toBe(true);
    const roles = await query<{ role: string }>(
      sql`select role from memberships where user_id = ${userId} and clinic_id = ${ID.clinic}`,
    );
    expect(roles.map((r) => r.role)).toEqual(['owner']);
    const [audit] = await audits('cli.user.create');
    expect(audit?.resource_id).toBe(userId);
    expect(details(audit!.details)).toEqual({ email: 'new.owner@example.test', role: 'owner' });
    expect(JSON.stringify(audit)).not.toContain(STRONG);
  });

  it('creates a user without a clinic', async () => {
    const { userId } = await createUser(database.db, {
      email: 'solo@example.test',
      name: 'Solo',
      password: STRONG,
    });
    const roles = await query(sql`select 1 from memberships where user_id = ${userId}`);
    expect(roles).toHaveLength(0);
  });

  it('refuses a weak password, a duplicate e-mail and an unknown clinic, writing nothing', async () => {
    const count = async () => (await query<{ n: number }>(sql`select count(*)::int as n from users`))[0]!.n;
    const before = await count();
    await expect(
      createUser(database.db, { email: 'weak@example.test', name: 'Weak', password: 'password1234' }),
    ).rejects.toThrow(CliRefusal);
    await expect(
      createUser(database.db, { email: 'weak@example.test', name: 'Weak', password: 'short' }),
    ).rejects.toThrow(/at least 12 characters/);
    await expect(
      createUser(database.db, { email: 'ZOE.OWNER@example.test', name: 'Dup', password: STRONG }),
    ).rejects.toThrow(CliFailure);
    await expect(
      createUser(database.db, {
        email: 'lost@example.test',
        name: 'Lost',
        password: STRONG,
        clinicId: '01900000-0000-7000-8000-00000000dead',
        role: 'therapist',
      }),
    ).rejects.toThrow(/No clinic with id/);
    await expect(
      createUser(database.db, { email: 'not-an-email', name: 'X', password: STRONG }),
    ).rejects.toThrow(/not a valid e-mail/);
    expect(await count()).toBe(before);
  });
});

describe('palpa user reset-password', { timeout: 180_000 }, () => {
  it('sets the password, revokes sessions and API tokens and clears throttling for that e-mail only', async () => {
    await database.db.execute(sql`
      insert into auth_failures (id, key_type, key, at) values
        ('01900000-0000-7000-8000-000000000111', 'email', 'zoe.owner@example.test', now()),
        ('01900000-0000-7000-8000-000000000112', 'email', 'tess@example.test', now())`);
    const openBefore = await query(
      sql`select 1 from sessions where user_id = ${ID.owner} and revoked_at is null`,
    );
    expect(openBefore).toHaveLength(1);
    const liveTokens = () =>
      query(sql`select 1 from api_tokens where user_id = ${ID.owner} and revoked_at is null`);
    expect(await liveTokens()).toHaveLength(2);

    const result = await resetPassword(database.db, { email: 'Zoe.Owner@example.test', password: STRONGER });
    expect(result).toEqual({ userId: ID.owner, revokedSessions: 1, revokedApiTokens: 2, clearedFailures: 2 });
    expect(await liveTokens()).toHaveLength(0);

    const user = await userByEmail('zoe.owner@example.test');
    expect(await verifyPassword(user!.password_hash!, STRONGER)).toBe(true);
    expect(
      await query(sql`select 1 from sessions where user_id = ${ID.owner} and revoked_at is null`),
    ).toHaveLength(0);
    // Sessions already revoked keep their original revocation time.
    const [old] = await query<{ revoked_at: string }>(
      sql`select revoked_at::text from sessions where token_hash = 'a-hash'`,
    );
    expect(old?.revoked_at).toBe('2026-03-01 11:00:00+00');
    const keys = await query<{ key: string }>(
      sql`select key from auth_failures where key_type = 'email' order by key`,
    );
    expect(keys.map((k) => k.key)).toEqual(['tess@example.test']);
    expect(await query(sql`select 1 from auth_failures where key_type = 'ip'`)).toHaveLength(1);
    const [audit] = await audits('cli.user.reset_password');
    expect(details(audit!.details)).toEqual({
      email: 'zoe.owner@example.test',
      revokedSessions: 1,
      revokedApiTokens: 2,
      clearedFailures: 2,
    });
  });

  it('answers a clear failure for an unknown e-mail and refuses a weak password', async () => {
    await expect(
      resetPassword(database.db, { email: 'nobody@example.test', password: STRONG }),
    ).rejects.toThrow(new CliFailure('No user with e-mail nobody@example.test.'));
    const before = (await userByEmail('tess@example.test'))!.password_hash;
    await expect(
      resetPassword(database.db, { email: 'tess@example.test', password: 'tess@example.test1' }),
    ).rejects.toThrow(CliRefusal);
    expect((await userByEmail('tess@example.test'))!.password_hash).toBe(before);
  });
});

describe('palpa user disable', { timeout: 180_000 }, () => {
  it('disables the account and revokes its sessions and API tokens', async () => {
    await database.db.execute(sql`
      insert into sessions (token_hash, user_id, csrf_token, mfa_verified, idle_timeout_minutes, last_seen_at, expires_at)
      values ('pat-session', ${ID.patientUser}, 'c', true, 30, now(), now() + interval '1 hour')`);
    await database.db.execute(sql`
      insert into api_tokens (id, user_id, clinic_id, name, token_hash, scopes)
      values ('01900000-0000-7000-8000-0000000000b9', ${ID.patientUser}, ${ID.clinic}, 'sync', 'pat-token', '{}')`);
    await database.db.execute(
      sql`update users set password_hash = ${await hashPassword(STRONG)} where id = ${ID.patientUser}`,
    );
    const now = new Date('2026-05-01T12:00:00Z');
    const result = await disableUser(database.db, { email: 'PAT@example.test', now });
    expect(result).toEqual({
      userId: ID.patientUser,
      revokedSessions: 1,
      revokedApiTokens: 1,
      alreadyDisabled: false,
    });
    const [row] = await query<{ disabled_at: string; revoked: string; token_revoked: string }>(sql`
      select u.disabled_at::text as disabled_at, s.revoked_at::text as revoked, t.revoked_at::text as token_revoked
      from users u join sessions s on s.user_id = u.id join api_tokens t on t.user_id = u.id
      where u.id = ${ID.patientUser}`);
    expect(row).toEqual({
      disabled_at: '2026-05-01 12:00:00+00',
      revoked: '2026-05-01 12:00:00+00',
      token_revoked: '2026-05-01 12:00:00+00',
    });
    const [audit] = await audits('cli.user.disable');
    expect(audit?.resource_id).toBe(ID.patientUser);

    const again = await disableUser(database.db, { email: 'pat@example.test' });
    expect(again.alreadyDisabled).toBe(true);
    const [still] = await query<{ disabled_at: string }>(
      sql`select disabled_at::text as disabled_at from users where id = ${ID.patientUser}`,
    );
    expect(still?.disabled_at).toBe('2026-05-01 12:00:00+00');
    await expect(disableUser(database.db, { email: 'ghost@example.test' })).rejects.toThrow(
      /No user with e-mail/,
    );
  });
});
