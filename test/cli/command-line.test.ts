import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pendingMigrations, rowsOf } from '../../src/db/connection.ts';
import { applicationTableNames } from '../../src/db/tables.ts';
import { loadPgliteTemplate } from '../helpers/pglite-template.ts';
import { seed, tempDir } from './support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = tempDir();
const source = join(work, 'source-data');
const target = join(work, 'target-data');
const file = join(work, 'clinic.palpa.gz');

/** Runs the real CLI (`node bin/palpa.js …`) on a PGlite data directory; never on DATABASE_URL. */
function palpa(args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/palpa.js', ...args], { cwd: root, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

async function count(dataDir: string, query: string): Promise<number> {
  const handle = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return Number(rowsOf<{ n: number }>(await handle.db.execute(sql.raw(query)))[0]?.n);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  // Both data directories start from the migrated template (no initdb in every spawned command).
  const template = await loadPgliteTemplate();
  const handle = await openDatabase({ kind: 'pglite', dataDir: source, loadDataDir: template });
  await handle.migrate();
  await seed(handle.db);
  await handle.close();
  await (await openDatabase({ kind: 'pglite', dataDir: target, loadDataDir: template })).close();
}, 180_000);

describe('the palpa command line', { timeout: 180_000 }, () => {
  it('explains export, import and user in --help', async () => {
    const exportHelp = await palpa(['export', '--help']);
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.stdout).toMatch(/Usage: palpa export \[options\] <file>/);
    expect(exportHelp.stdout).toMatch(/Exit codes/);
    const userHelp = await palpa(['user', 'create', '--help']);
    expect(userHelp.code).toBe(0);
    expect(userHelp.stdout).toMatch(/--clinic <clinicId>/);
    expect(userHelp.stdout).toMatch(/PALPA_PASSWORD/);
  });

  it('exports, imports into an empty directory, and refuses a second import (exit 3)', async () => {
    const exported = await palpa(['export', file], { PALPA_DATA_DIR: source });
    expect(exported.stderr).toMatch(/export sessions: 3 rows/); // not a TTY: one line per table
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Exported ${applicationTableNames().length} tables, 30 rows`);
    expect(exported.stdout).toMatch(/SHA-256: [0-9a-f]{64} \(file\)/);

    const imported = await palpa(['import', file], { PALPA_DATA_DIR: target });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/verify patients: 3 rows/);
    expect(imported.stdout).toContain(
      `Imported and verified ${applicationTableNames().length} tables, 30 rows`,
    );
    expect(await count(target, 'select count(*)::int as n from patients')).toBe(3);

    const again = await palpa(['import', file], { PALPA_DATA_DIR: target });
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already holds data/);

    const missing = await palpa(['import', join(work, 'nope.gz')], { PALPA_DATA_DIR: target });
    expect(missing.code).toBe(1);
    const usage = await palpa(['import'], { PALPA_DATA_DIR: target });
    expect(usage.code).toBe(2);
  });

  it('runs the user commands with their exit codes', async () => {
    const env = { PALPA_DATA_DIR: source, PALPA_PASSWORD: 'Granite-willow-harbor-58' };
    const unknown = await palpa(['user', 'reset-password', '--email', 'nobody@example.test'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No user with e-mail nobody@example.test/);

    const badEmail = await palpa(['user', 'disable', '--email', 'not-an-email'], env);
    expect(badEmail.code).toBe(2);

    const weak = await palpa(['user', 'create', '--email', 'w@example.test', '--name', 'W'], {
      ...env,
      PALPA_PASSWORD: 'password',
    });
    expect(weak.code).toBe(3);
    expect(weak.stderr).toMatch(/Password refused/);

    const noPassword = await palpa(['user', 'create', '--email', 'w@example.test', '--name', 'W'], {
      PALPA_DATA_DIR: source,
      PALPA_PASSWORD: '',
    });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/PALPA_PASSWORD/);

    const reset = await palpa(['user', 'reset-password', '--email', 'ZOE.owner@example.test'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(
      /Password reset for zoe.owner@example.test; 1 session\(s\) and 2 API token\(s\) revoked, .*Integrations that used those tokens need a new one\./,
    );
    expect(
      await count(
        source,
        `select count(*)::int as n from audit_log where action = 'cli.user.reset_password'`,
      ),
    ).toBe(1);
    // The seeded owner has two-factor sign-in on: --disable-2fa turns it off (a lost phone).
    const twoFactorOn = `select count(*)::int as n from users
      where lower(email) = 'zoe.owner@example.test' and (totp_secret is not null or totp_enabled_at is not null)`;
    expect(await count(source, twoFactorOn)).toBe(1);
    const off = await palpa(
      ['user', 'reset-password', '--email', 'zoe.owner@example.test', '--disable-2fa'],
      env,
    );
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/Two-factor sign-in turned off \(\d+ recovery code\(s\) removed\)/);
    expect(await count(source, twoFactorOn)).toBe(0);
    expect(
      await count(
        source,
        `select count(*)::int as n from audit_log where action = 'cli.user.reset_password'
          and details -> 'twoFactor' ->> 'disabled' = 'true'`,
      ),
    ).toBe(1);
  });

  it('serves on a new data directory: the database is created (in a process of its own) and migrated', async () => {
    const dataDir = join(work, 'new-data');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PALPA_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    const server = spawn(process.execPath, ['bin/palpa.js', 'serve'], { cwd: root, env, stdio: 'ignore' });
    try {
      let ready = 0;
      for (let i = 0; i < 600 && ready !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
      }
      expect(ready).toBe(200);
      const setup = await fetch(`http://127.0.0.1:${port}/api/setup`);
      expect(await setup.json()).toEqual({ needed: true });
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await pendingMigrations(handle.db)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
