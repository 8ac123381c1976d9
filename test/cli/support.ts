import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/connection.ts';

import { POSTGRES_SERVER } from '../helpers/database.ts';

export { POSTGRES_SERVER };

export async function freshPglite(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ kind: 'pglite' });
  await handle.migrate();
  return handle;
}

/** A new, migrated database on the PostgreSQL server, dropped on close (whatever DATABASE_URL says). */
export async function freshPostgres(): Promise<DatabaseHandle> {
  const name = `palpa_cli_${randomBytes(6).toString('hex')}`;
  const admin = postgres(POSTGRES_SERVER, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  await handle.migrate();
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'palpa-cli-'));

export const ID = {
  owner: '01900000-0000-7000-8000-000000000001',
  therapist: '01900000-0000-7000-8000-000000000002',
  patientUser: '01900000-0000-7000-8000-000000000003',
  clinic: '01900000-0000-7000-8000-0000000000c1',
  location: '01900000-0000-7000-8000-0000000000d1',
  patientA: '01900000-0000-7000-8000-000000000a01',
  patientB: '01900000-0000-7000-8000-000000000a02',
  patientC: '01900000-0000-7000-8000-000000000a03',
} as const;

/**
 * Rows in every table, with what tends to break dumps: unicode (accents, CJK, emoji), quotes, backslashes,
 * control characters, NULLs, jsonb (nested, numbers), text[] (empty, quoted items), microsecond timestamps
 * in non-UTC offsets, dates, text primary keys whose order depends on collation, and a self-reference
 * chain whose child sorts before its parent (patient A merged into C merged into B).
 */
export const SEED: string[] = [
  `insert into users (id, email, display_name, password_hash, totp_secret, totp_enabled_at, disabled_at, created_at) values
    ('${ID.owner}', 'Zoe.Owner@Example.test', 'Zoë Ünïcødé 🌿 "quoted" \\ back', '$argon2id$fake', 'TOTPSECRET', '2026-03-01 12:34:56.123456+02', null, '2026-03-01 10:00:00.000001+00'),
    ('${ID.therapist}', 'tess@example.test', E'Line1\\nLine2\\tTab', null, null, null, '2026-04-02 08:00:00-07', '2026-01-01 00:00:00+00'),
    ('${ID.patientUser}', 'pat@example.test', 'Ω 東京 Пациент', '$argon2id$other', null, null, null, '2025-12-31 23:59:59.999999+00')`,
  `insert into clinics (id, name, time_zone, idle_timeout_minutes, require_2fa_for_staff, is_demo, created_at) values
    ('${ID.clinic}', 'Clínica Águas — 東京 ''Harbor''', 'Europe/Lisbon', 45, true, false, '2026-03-01 10:00:00+00')`,
  `insert into installation (id, set_up_at) values (1, '2026-03-01 10:00:00.5+00')`,
  `insert into locations (clinic_id, id, name, address_line1, address_line2, city, region, postal_code, country, phone, time_zone, created_at) values
    ('${ID.clinic}', '${ID.location}', 'Main', 'Rua das Flores 1', null, 'Lisboa', 'Lisboa', '1200-195', 'PT', null, 'Europe/Lisbon', '2026-03-01 10:00:00+00')`,
  `insert into memberships (clinic_id, user_id, role, created_at, disabled_at) values
    ('${ID.clinic}', '${ID.owner}', 'owner', '2026-03-01 10:00:00+00', null),
    ('${ID.clinic}', '${ID.therapist}', 'therapist', '2026-03-02 10:00:00+00', '2026-04-02 08:00:00+00'),
    ('${ID.clinic}', '${ID.patientUser}', 'patient', '2026-03-03 10:00:00+00', null)`,
  `insert into invitations (clinic_id, id, email, role, token_hash, invited_by, expires_at, accepted_at, accepted_by, revoked_at, created_at) values
    ('${ID.clinic}', '01900000-0000-7000-8000-0000000000e1', 'tess@example.test', 'therapist', 'inv-hash-1', '${ID.owner}', '2026-03-09 10:00:00+00', '2026-03-02 10:00:00+00', '${ID.therapist}', null, '2026-03-02 09:00:00+00'),
    ('${ID.clinic}', '01900000-0000-7000-8000-0000000000e2', 'later@example.test', 'front_desk', 'inv-hash-2', '${ID.owner}', '2026-03-09 10:00:00+00', null, null, null, '2026-03-02 09:30:00+00')`,
  `insert into patients (clinic_id, id, user_id, legal_first_name, legal_last_name, preferred_name, pronouns, sex_assigned_at_birth, gender_identity, date_of_birth, language, email, phone, contact_preferences, emergency_contact, guardian, notes, merged_into_id, created_at, updated_at) values
    ('${ID.clinic}', '${ID.patientA}', null, 'Ana', 'Ivanova', null, null, null, null, '1985-02-28', 'pt', null, null, null, null, null, null, '${ID.patientC}', '2026-03-04 10:00:00+00', '2026-03-04 10:00:00+00'),
    ('${ID.clinic}', '${ID.patientB}', '${ID.patientUser}', 'Ōliver', 'O''Brien', 'Ollie', 'they/them', 'male', 'non-binary', '1990-07-15', 'en', 'pat@example.test', '+1 555 0100',
      '{"channel":"sms","reminders":true}', '{"name":"Анна 🌸","relationship":"sister","phone":null,"nested":{"a":[1,2.5,-0.0001,1e300,0.1]}}', null,
      E'Left shoulder \\"tight\\"\\nBack: ✓\\r\\nunicode sep \\u2028 end', null, '2026-03-05 10:00:00.654321+00', '2026-03-06 11:00:00+05:30'),
    ('${ID.clinic}', '${ID.patientC}', null, 'Ana', 'Ivanova-Duplicate', null, null, null, null, '1985-02-28', 'en', null, null, '{}', null, '{"name":"Guardian"}', '', '${ID.patientB}', '2026-03-07 10:00:00+00', '2026-03-07 10:00:00+00')`,
  `insert into sessions (token_hash, user_id, csrf_token, mfa_verified, idle_timeout_minutes, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent) values
    ('B-hash', '${ID.owner}', 'csrf1', true, 30, '2026-03-01 10:00:00+00', '2026-03-01 10:05:00+00', '2026-03-01 22:00:00+00', null, '203.0.113.5', 'Mozilla/5.0 "x"'),
    ('a-hash', '${ID.owner}', 'csrf2', false, 30, '2026-03-01 10:00:00+00', '2026-03-01 10:05:00+00', '2026-03-01 22:00:00+00', '2026-03-01 11:00:00+00', null, null),
    ('Ä-hash', '${ID.therapist}', 'csrf3', true, 45, '2026-03-01 10:00:00+00', '2026-03-01 10:05:00+00', '2026-03-01 22:00:00+00', null, '::1', 'curl')`,
  `insert into recovery_codes (id, user_id, code_hash, used_at, created_at) values
    ('01900000-0000-7000-8000-0000000000f1', '${ID.owner}', 'rc1', null, '2026-03-01 10:00:00+00'),
    ('01900000-0000-7000-8000-0000000000f2', '${ID.owner}', 'rc2', '2026-03-02 10:00:00+00', '2026-03-01 10:00:00+00')`,
  `insert into api_tokens (id, user_id, clinic_id, name, token_hash, scopes, created_at, last_used_at, expires_at, revoked_at) values
    ('01900000-0000-7000-8000-0000000000b1', '${ID.owner}', '${ID.clinic}', 'Zapier ⚡', 'tok1', array['patients:read', 'ü"ber', '', 'with,comma'], '2026-03-01 10:00:00+00', null, null, null),
    ('01900000-0000-7000-8000-0000000000b2', '${ID.owner}', '${ID.clinic}', 'empty', 'tok2', '{}', '2026-03-01 10:00:00+00', '2026-03-03 10:00:00+00', '2027-01-01 00:00:00+00', null)`,
  `insert into auth_failures (id, key_type, key, at) values
    ('01900000-0000-7000-8000-000000000101', 'email', 'zoe.owner@example.test', '2026-03-01 09:00:00+00'),
    ('01900000-0000-7000-8000-000000000102', 'ip', '203.0.113.5', '2026-03-01 09:00:00+00')`,
  `insert into email_outbox (id, clinic_id, to_address, subject, text_body, created_at, sent_at, last_error) values
    ('01900000-0000-7000-8000-000000000201', '${ID.clinic}', 'tess@example.test', 'Einladung — ñ', E'Hello\\r\\nWorld \\t "x" \\\\ end', '2026-03-02 09:00:00+00', null, E'SMTP 550: \\u00e9chec'),
    ('01900000-0000-7000-8000-000000000202', null, 'zoe.owner@example.test', 'Sign-in paused', 'body', '2026-03-02 09:00:00+00', '2026-03-02 09:00:01+00', null)`,
  `insert into idempotency_keys (principal, key, request_hash, status_code, response_body, created_at) values
    ('user:Z', 'key-b', 'h1', 201, '[1,"two",{"three":3.0,"big":12345678901234567890},null,true]', '2026-03-02 09:00:00+00'),
    ('user:a', 'Key-A', 'h2', null, null, '2026-03-02 09:00:00+00'),
    ('user:a', 'key-a', 'h3', 200, '"a string"', '2026-03-02 09:00:00+00')`,
  `insert into audit_log (id, at, clinic_id, actor_user_id, actor_roles, action, resource_type, resource_id, patient_id, outcome, ip, user_agent, request_id, details) values
    ('01900000-0000-7000-8000-000000000301', '2026-03-01 10:00:00.000001+00', '${ID.clinic}', '${ID.owner}', '{owner,"front desk"}', 'setup.completed', 'clinic', '${ID.clinic}', null, 'allowed', '203.0.113.5', 'Mozilla', 'req-1', '{"k":"v","n":[1,2]}'),
    ('01900000-0000-7000-8000-000000000302', '2026-03-01 10:01:00+00', null, null, null, 'auth.login', null, null, null, 'failed', null, null, null, null)`,
];

export async function seed(db: Database): Promise<void> {
  for (const statement of SEED) await db.execute(sql.raw(statement));
}

/** The tables of the public schema, read from the catalog (independent of src/db/tables.ts). */
export async function publicTables(db: Database): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  );
  return rows.map((r) => r.name);
}

/** Every table's rows as the database serialises them, sorted bytewise: the content to compare. */
export async function contentOf(db: Database): Promise<Record<string, string[]>> {
  const content: Record<string, string[]> = {};
  for (const table of await publicTables(db)) {
    const rows = rowsOf<{ r: string }>(
      await db.execute(
        sql.raw(
          `select row_to_json(t)::text as r from "${table}" t order by row_to_json(t)::text collate "C"`,
        ),
      ),
    );
    content[table] = rows.map((row) => row.r);
  }
  return content;
}

export async function totalRows(db: Database): Promise<number> {
  const content = await contentOf(db);
  return Object.values(content).reduce((sum, rows) => sum + rows.length, 0);
}

/** Reads an export's decompressed lines. */
export const readExportLines = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n');

/** Writes lines back as an export (gzip), with a trailing newline when the last element is ''. */
export const writeExportLines = (file: string, lines: string[]) =>
  writeFileSync(file, gzipSync(Buffer.from(lines.join('\n'), 'utf8')));
