import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExportFooter,
  type ExportHeader,
  exportDatabase,
  importDatabase,
  type TransferSummary,
  VerificationError,
} from '../../src/cli/data-transfer.ts';
import { CliRefusal } from '../../src/cli/errors.ts';
import type { Database, DatabaseHandle } from '../../src/db/connection.ts';
import { applicationTableNames } from '../../src/db/tables.ts';
import { createTestDatabase } from '../helpers/database.ts';
import {
  contentOf,
  freshPglite,
  freshPostgres,
  readExportLines,
  seed,
  tempDir,
  totalRows,
  writeExportLines,
} from './support.ts';

const dir = tempDir();
let counter = 0;
const exportPath = () => join(dir, `export-${++counter}.palpa.gz`);

const auditRows = (content: Record<string, string[]>, action: string) =>
  (content.audit_log ?? []).map((r) => JSON.parse(r)).filter((r) => r.action === action);

/** Exports `source`, imports into `target`, and checks the target holds exactly the source's content. */
async function roundTrip(
  source: Database,
  target: Database,
): Promise<{ exported: TransferSummary; file: string }> {
  const before = await contentOf(source);
  const file = exportPath();
  const exported = await exportDatabase(source, file, { batchSize: 2 });
  // batch size 1 forces the self-referencing patients across statements
  const imported = await importDatabase(target, file, { batchSize: 1 });
  expect(imported.rows).toBe(exported.rows);
  expect(imported.contentSha256).toBe(exported.contentSha256);

  const after = await contentOf(target);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  // The target holds the source's rows, plus one audit row: its own data.import.
  const added = after.audit_log!.filter((row) => !before.audit_log!.includes(row));
  expect(added).toHaveLength(1);
  expect({ ...after, audit_log: after.audit_log!.filter((row) => !added.includes(row)) }).toEqual(before);

  // One audit row each side, with counts and the file name but no data.
  const exportAudits = auditRows(await contentOf(source), 'data.export');
  const exportAudit = exportAudits.at(-1);
  expect(exportAudit.details).toMatchObject({
    file: file.split('/').pop(),
    rows: exported.rows,
    tables: applicationTableNames().length,
  });
  expect(exportAudit.details.rowsPerTable.patients).toBe(3);
  expect(JSON.stringify(exportAudit.details)).not.toMatch(/Ivanova|Zoë/);
  const importAudit = JSON.parse(added[0]!);
  expect(importAudit).toMatchObject({ action: 'data.import', outcome: 'allowed', actor_user_id: null });
  expect(importAudit.details).toMatchObject({ rows: exported.rows, contentSha256: exported.contentSha256 });
  return { exported, file };
}

describe('export and import between PGlite and PostgreSQL', { timeout: 180_000 }, () => {
  const handles: DatabaseHandle[] = [];
  afterAll(async () => {
    for (const handle of handles) await handle.close();
  }, 180_000);

  it('moves a PGlite database to PostgreSQL and back with identical content and digests', async () => {
    const pglite = await freshPglite();
    const postgres = await freshPostgres();
    const pgliteAgain = await freshPglite();
    handles.push(pglite, postgres, pgliteAgain);
    await seed(pglite.db);

    const first = await roundTrip(pglite.db, postgres.db);
    expect(first.exported.rows).toBeGreaterThan(25);
    expect(first.exported.tables.find((t) => t.name === 'patients')?.rows).toBe(3);
    expect(first.exported.bytes).toBe(statSync(first.file).size);
    expect(first.exported.sha256).toBe(createHash('sha256').update(readFileSync(first.file)).digest('hex'));

    // PostgreSQL → PGlite: the second export serialises the same rows to the same bytes on the other
    // engine, so every table's digest matches the first export except the audit log (which grew).
    const second = await roundTrip(postgres.db, pgliteAgain.db);
    for (const table of first.exported.tables) {
      const other = second.exported.tables.find((t) => t.name === table.name)!;
      if (table.name === 'audit_log') expect(other.rows).toBe(table.rows + 1);
      else expect(other, table.name).toEqual(table);
    }
  });

  it('moves a PostgreSQL database to PGlite', async () => {
    const postgres = await freshPostgres();
    const pglite = await freshPglite();
    handles.push(postgres, pglite);
    await seed(postgres.db);
    await roundTrip(postgres.db, pglite.db);
  });
});

describe('import refusals', { timeout: 180_000 }, () => {
  let source: DatabaseHandle;
  let empty: DatabaseHandle;
  let good: string;
  let goodSummary: TransferSummary;
  beforeAll(async () => {
    source = await createTestDatabase();
    empty = await createTestDatabase();
    await seed(source.db);
    good = exportPath();
    goodSummary = await exportDatabase(source.db, good);
  }, 180_000);
  afterAll(async () => {
    await source.close();
    await empty.close();
  }, 180_000);

  /** Imports `file` into an empty database, expects a refusal matching `error`, and checks nothing was written. */
  async function expectRefused(file: string, error: RegExp) {
    const rejection = importDatabase(empty.db, file);
    await expect(rejection).rejects.toThrow(error);
    await expect(rejection).rejects.toBeInstanceOf(CliRefusal);
    expect(await totalRows(empty.db)).toBe(0);
  }

  /** Rewrites an export's lines; with `fixChecksums`, recomputes the footer so only the edit differs. */
  function rewritten(edit: (lines: string[]) => void, fixChecksums: false | 'file' | 'all' = false): string {
    const lines = readExportLines(good);
    edit(lines);
    if (fixChecksums) {
      const footerIndex = lines.findIndex((l) => l.startsWith('{"footer":'));
      const footer = JSON.parse(lines[footerIndex]!) as ExportFooter;
      if (fixChecksums === 'all') {
        for (const [table, digest] of Object.entries(footer.tables)) {
          const prefix = `{"table":"${table}","row":`;
          const rows = lines
            .filter((l) => l.startsWith(prefix))
            .map((l) => `${l.slice(prefix.length, -1)}\n`);
          digest.rows = rows.length;
          digest.sha256 = createHash('sha256').update(rows.join('')).digest('hex');
        }
      }
      footer.sha256 = createHash('sha256')
        .update(
          lines
            .slice(0, footerIndex)
            .map((l) => `${l}\n`)
            .join(''),
        )
        .digest('hex');
      lines[footerIndex] = JSON.stringify(footer);
    }
    const file = exportPath();
    writeExportLines(file, lines);
    return file;
  }

  it('refuses a file with one byte changed in a row', async () => {
    const file = rewritten((lines) => {
      const i = lines.findIndex((l) => l.includes('"legal_last_name":"Ivanova"'));
      expect(i).toBeGreaterThan(0);
      lines[i] = lines[i]!.replace('"Ivanova"', '"Ivanovb"');
    });
    await expectRefused(file, /integrity check \(file checksum mismatch\)/);
  });

  it('refuses a changed row even when the file checksum was recomputed', async () => {
    const file = rewritten((lines) => {
      const i = lines.findIndex((l) => l.startsWith('{"table":"clinics"'));
      lines[i] = lines[i]!.replace('"idle_timeout_minutes":45', '"idle_timeout_minutes":46');
    }, 'file');
    await expectRefused(file, /clinics: checksum mismatch/);
  });

  it('refuses a file with a row removed', async () => {
    const file = rewritten((lines) => {
      const i = lines.findIndex((l) => l.startsWith('{"table":"sessions"'));
      lines.splice(i, 1);
    }, 'file');
    await expectRefused(file, /sessions: 2 rows, footer says 3/);
  });

  it('refuses a truncated gzip stream', async () => {
    const bytes = readFileSync(good);
    const file = exportPath();
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(file, /not a complete gzip stream/);
  });

  it('refuses a complete gzip stream whose footer is missing', async () => {
    const file = rewritten((lines) => {
      lines.splice(lines.length - 2, 1); // [..., footer, ''] → drop the footer
    });
    await expectRefused(file, /truncated: it has no footer/);
  });

  it('refuses a file cut in the middle of a line', async () => {
    const lines = readExportLines(good);
    const file = exportPath();
    const text = lines.join('\n');
    writeExportLines(file, [text.slice(0, Math.floor(text.length / 2))]);
    await expectRefused(file, /truncated: its last line is incomplete/);
  });

  it('refuses another format version and files that are not exports', async () => {
    const v2 = rewritten((lines) => {
      lines[0] = lines[0]!.replace('"version":1', '"version":2');
    });
    await expectRefused(v2, /format version 2; this installation reads version 1/);
    const other = exportPath();
    writeExportLines(other, ['{"hello":"world"}', '']);
    await expectRefused(other, /not a Palpa export/);
    const plain = exportPath();
    writeFileSync(plain, 'not gzip at all');
    await expectRefused(plain, /not a complete gzip stream/);
  });

  it('refuses an export from a newer schema', async () => {
    const file = rewritten((lines) => {
      const header = JSON.parse(lines[0]!) as ExportHeader;
      header.schema = '9999_from_the_future';
      lines[0] = JSON.stringify(header);
    }, 'file');
    await expectRefused(file, /newer Palpa \(database schema 9999_from_the_future\)/);
  });

  it('refuses a target that already holds data, and leaves it untouched', async () => {
    const target = await createTestDatabase();
    try {
      await target.db.execute(
        sql`insert into email_outbox (id, to_address, subject, text_body) values ('01900000-0000-7000-8000-000000000999', 'x@example.test', 's', 'b')`,
      );
      const before = await contentOf(target.db);
      await expect(importDatabase(target.db, good)).rejects.toThrow(/already holds data \(email_outbox\)/);
      expect(await contentOf(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('rolls everything back when the re-read data does not match the file', async () => {
    const target = await createTestDatabase();
    try {
      // A trigger that silently alters rows: the inserted data no longer equals the file's.
      await target.db.execute(sql`
        create function palpa_test_mangle() returns trigger language plpgsql as $$
        begin new.subject := upper(new.subject); return new; end $$`);
      await target.db.execute(
        sql`create trigger mangle before insert on email_outbox for each row execute function palpa_test_mangle()`,
      );
      const rejection = importDatabase(target.db, good);
      await expect(rejection).rejects.toThrow(/Verification failed for table email_outbox.*rolled back/);
      await expect(rejection).rejects.toBeInstanceOf(VerificationError);
      expect(await totalRows(target.db)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('imports an export from an older schema that lacks a column: the column gets its default', async () => {
    const file = rewritten((lines) => {
      const header = JSON.parse(lines[0]!) as ExportHeader;
      header.columns.email_outbox = header.columns.email_outbox!.filter((c) => c !== 'last_error');
      lines[0] = JSON.stringify(header);
      lines.forEach((line, i) => {
        if (!line.startsWith('{"table":"email_outbox"')) return;
        const { row } = JSON.parse(line);
        delete row.last_error;
        lines[i] = `{"table":"email_outbox","row":${JSON.stringify(row)}}`;
      });
    }, 'all');
    const target = await createTestDatabase();
    try {
      await importDatabase(target.db, file);
      const outbox = (await contentOf(target.db)).email_outbox!.map((r) => JSON.parse(r));
      expect(outbox).toHaveLength(2);
      expect(outbox.map((r) => r.last_error)).toEqual([null, null]);
      expect(outbox[0].text_body).toBe('Hello\r\nWorld \t "x" \\ end');
    } finally {
      await target.close();
    }
  });

  it('still imports the untouched file (after all those refusals)', async () => {
    const summary = await importDatabase(empty.db, good);
    expect(summary.rows).toBe(goodSummary.rows);
    expect(await totalRows(empty.db)).toBe(goodSummary.rows + 1);
  });
});

describe('export', { timeout: 180_000 }, () => {
  it('refuses a database with migrations not applied, and leaves no file behind', async () => {
    const { openDatabase } = await import('../../src/db/connection.ts');
    const handle = await openDatabase({ kind: 'pglite' });
    try {
      const file = exportPath();
      await expect(exportDatabase(handle.db, file)).rejects.toThrow(/run `palpa migrate` first/);
      expect(() => statSync(file)).toThrow();
    } finally {
      await handle.close();
    }
  });

  it('writes header, rows in primary-key order (bytewise for text keys) and a footer', async () => {
    const handle = await createTestDatabase();
    try {
      await seed(handle.db);
      const file = exportPath();
      await exportDatabase(handle.db, file);
      const lines = readExportLines(file);
      expect(lines.at(-1)).toBe('');
      const header = JSON.parse(lines[0]!) as ExportHeader;
      expect(header).toMatchObject({ format: 'palpa-export', version: 1 });
      expect(header.schema).toMatch(/^\d{4}_/);
      expect(header.tables.indexOf('users')).toBeLessThan(header.tables.indexOf('sessions'));
      const sessions = lines
        .filter((l) => l.startsWith('{"table":"sessions"'))
        .map((l) => JSON.parse(l).row.token_hash);
      expect(sessions).toEqual(['B-hash', 'a-hash', 'Ä-hash']);
      const footer = JSON.parse(lines.at(-2)!) as ExportFooter;
      expect(footer.tables.sessions?.rows).toBe(3);
      expect(footer.rows).toBe(lines.length - 3);
    } finally {
      await handle.close();
    }
  });
});
