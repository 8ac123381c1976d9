import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsFolder, openDatabase } from '../../src/db/connection.ts';

const cacheDir = fileURLToPath(new URL('../../.palpa-test/', import.meta.url));

/** The template is keyed by the migrations' content: any schema change makes a new one. */
function templatePath(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const path = join(migrationsFolder, name);
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(path));
  }
  return join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/**
 * A migrated, empty PGlite data directory as a tarball. Starting a test database from it skips initdb and
 * the migrations (seconds per test file). Made once, by the global set-up or the first test that needs it.
 */
export async function ensurePgliteTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const handle = await openDatabase({ kind: 'pglite' });
  await handle.migrate();
  const blob = await handle.dumpDataDir!();
  await handle.close();
  mkdirSync(cacheDir, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.from(await blob.arrayBuffer()));
  renameSync(temporary, path);
  return path;
}

export async function loadPgliteTemplate(): Promise<Blob> {
  return new Blob([readFileSync(await ensurePgliteTemplate())]);
}
