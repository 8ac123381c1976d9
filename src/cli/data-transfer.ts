import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import {
  type Database,
  type Executor,
  migrationsFolder,
  pendingMigrations,
  rowsOf,
} from '../db/connection.ts';
import { applicationTables, type TableInfo } from '../db/tables.ts';
import { recordAudit } from '../platform/audit.ts';
import { CliRefusal } from './errors.ts';

/**
 * Export and import of the whole database as one portable file (docs/export-format.md): gzip-compressed
 * NDJSON with a header line, one line per row, and a footer line carrying per-table row counts and
 * SHA-256 digests plus a digest over everything before it. Rows are serialised by the database itself
 * (`row_to_json(t)::text`, session time zone UTC, ordered by primary key), so the same data gives the same
 * bytes on PGlite and on PostgreSQL.
 */

export const EXPORT_FORMAT = 'palpa-export';
export const EXPORT_VERSION = 1;
const DEFAULT_BATCH = 500;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  createdAt: string;
  /** Name of the latest migration applied to the source database. */
  schema: string;
  tables: string[];
  /** Column names per table, in the source's column order (what each row object holds). */
  columns: Record<string, string[]>;
}

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface ExportFooter {
  footer: typeof EXPORT_FORMAT;
  tables: Record<string, TableDigest>;
  rows: number;
  /** SHA-256 over every byte of the file (decompressed) before the footer line. */
  sha256: string;
}

export interface TransferSummary {
  file: string;
  bytes: number;
  tables: { name: string; rows: number; sha256: string }[];
  rows: number;
  /** SHA-256 of the file as stored (compare with `sha256sum FILE`). */
  sha256: string;
  /** The footer's SHA-256 over the decompressed content. */
  contentSha256: string;
  schema: string;
}

/** Progress callbacks; the CLI draws a bar or prints lines, tests pass nothing. */
export interface TransferProgress {
  begin(phase: 'export' | 'import' | 'verify', totalRows: number): void;
  advance(rows: number): void;
  tableDone(phase: 'export' | 'import' | 'verify', table: string, rows: number): void;
  end(): void;
}

export interface TransferOptions {
  progress?: TransferProgress;
  /** Rows per FETCH / INSERT statement. */
  batchSize?: number;
}

/** The import wrote rows, but re-reading them did not give the file's content: everything was rolled back. */
export class VerificationError extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the file's bytes as stored (compressed), streamed. */
async function hashFile(file: string): Promise<string> {
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) digest.update(chunk);
  return digest.digest('hex');
}
const TEXT_TYPES = /^(text|varchar|character varying|char|character|citext)\b/;

/** ORDER BY for the canonical row order: primary key, text compared bytewise (collation-independent). */
function orderBy(info: TableInfo, alias: string): string {
  if (info.primaryKey.length === 0) return `row_to_json(${alias})::text collate "C"`;
  return info.primaryKey
    .map((column) => {
      const type = info.columnTypes[column] ?? '';
      return `${alias}.${quote(column)}${TEXT_TYPES.test(type) ? ' collate "C"' : ''}`;
    })
    .join(', ');
}

/** Settings that make the database's JSON text identical everywhere. Call inside a transaction. */
async function canonicalSession(tx: Executor): Promise<void> {
  await tx.execute(sql`set local time zone 'UTC'`);
  await tx.execute(sql`set local intervalstyle = 'postgres'`);
  await tx.execute(sql`set local extra_float_digits = 1`);
  await tx.execute(sql`set local bytea_output = 'hex'`);
}

interface CatalogColumn {
  name: string;
  generated: boolean;
  identityAlways: boolean;
}

/** The table's columns as the database has them (attnum order), or null when the table does not exist. */
async function catalogColumns(tx: Executor, table: string): Promise<CatalogColumn[] | null> {
  const rows = rowsOf<{ name: string; generated: string; identity: string; exists: boolean }>(
    await tx.execute(sql`
      select a.attname as name, a.attgenerated::text as generated, a.attidentity::text as identity
      from pg_attribute a
      where a.attrelid = to_regclass(${`public.${quote(table)}`}) and a.attnum > 0 and not a.attisdropped
      order by a.attnum`),
  );
  if (rows.length === 0) return null;
  return rows.map((r) => ({
    name: r.name,
    generated: r.generated !== '',
    identityAlways: r.identity === 'a',
  }));
}

/**
 * Streams a table's canonical serialisation through a cursor: one JSON text per row, in primary-key order.
 * With `columns`, serialises only those columns in that order (an export from an older schema).
 */
async function* canonicalRows(
  tx: Executor,
  info: TableInfo,
  batchSize: number,
  columns?: string[],
): AsyncGenerator<string[]> {
  const cursor = `palpa_rows_${info.name}`;
  const projection = columns
    ? `row_to_json(x)::text as row from ${quote(info.name)} t cross join lateral (select ${columns
        .map((c) => `t.${quote(c)}`)
        .join(', ')}) x`
    : `row_to_json(t)::text as row from ${quote(info.name)} t`;
  await tx.execute(
    sql.raw(
      `declare ${quote(cursor)} no scroll cursor for select ${projection} order by ${orderBy(info, 't')}`,
    ),
  );
  try {
    for (;;) {
      const rows = rowsOf<{ row: string }>(
        await tx.execute(sql.raw(`fetch forward ${batchSize} from ${quote(cursor)}`)),
      );
      if (rows.length === 0) break;
      yield rows.map((r) => r.row);
      if (rows.length < batchSize) break;
    }
  } finally {
    await tx.execute(sql.raw(`close ${quote(cursor)}`));
  }
}

/** Migration tags in this installation, oldest first, with drizzle's `created_at` (the journal's `when`). */
export function knownMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when }));
}

/** The name of the latest migration applied to this database. */
export async function appliedSchema(db: Executor): Promise<string> {
  const rows = rowsOf<{ created_at: string | number }>(
    await db.execute(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    ),
  );
  const when = Number(rows[0]?.created_at);
  const match = knownMigrations().find((m) => m.when === when);
  return match?.tag ?? `unknown-${when}`;
}

const rowLine = (table: string, row: string) => `{"table":${JSON.stringify(table)},"row":${row}}`;

/** Writes the whole database to `file` (atomically: a temporary file renamed at the end). */
export async function exportDatabase(
  db: Database,
  file: string,
  options: TransferOptions = {},
): Promise<TransferSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const progress = options.progress;
  const pending = await pendingMigrations(db);
  if (pending > 0) {
    throw new CliRefusal(
      `The database has ${pending} migration(s) not applied yet: run \`palpa migrate\` first.`,
    );
  }
  const schemaName = await appliedSchema(db);
  const tables = applicationTables();
  const temporary = `${file}.partial-${process.pid}`;
  const fileDigest = createHash('sha256');
  const digests: Record<string, TableDigest> = {};
  let totalRows = 0;
  let contentSha256 = '';

  try {
    await db.transaction(
      async (tx) => {
        await canonicalSession(tx);
        const columns: Record<string, string[]> = {};
        let expectedRows = 0;
        for (const info of tables) {
          const catalog = await catalogColumns(tx, info.name);
          if (!catalog) throw new Error(`Table ${info.name} is missing from the database`);
          columns[info.name] = catalog.map((c) => c.name);
          const [count] = rowsOf<{ n: number | string }>(
            await tx.execute(sql.raw(`select count(*) as n from ${quote(info.name)}`)),
          );
          expectedRows += Number(count?.n ?? 0);
        }
        const header: ExportHeader = {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          createdAt: new Date().toISOString(),
          schema: schemaName,
          tables: tables.map((t) => t.name),
          columns,
        };
        async function* lines(): AsyncGenerator<string> {
          const headerLine = `${JSON.stringify(header)}\n`;
          fileDigest.update(headerLine);
          yield headerLine;
          progress?.begin('export', expectedRows);
          for (const info of tables) {
            const tableDigest = createHash('sha256');
            let rows = 0;
            for await (const batch of canonicalRows(tx, info, batchSize)) {
              let chunk = '';
              for (const row of batch) {
                tableDigest.update(`${row}\n`);
                chunk += `${rowLine(info.name, row)}\n`;
              }
              fileDigest.update(chunk);
              rows += batch.length;
              yield chunk;
              progress?.advance(batch.length);
            }
            digests[info.name] = { rows, sha256: tableDigest.digest('hex') };
            totalRows += rows;
            progress?.tableDone('export', info.name, rows);
          }
          progress?.end();
          contentSha256 = fileDigest.digest('hex');
          const footer: ExportFooter = {
            footer: EXPORT_FORMAT,
            tables: digests,
            rows: totalRows,
            sha256: contentSha256,
          };
          yield `${JSON.stringify(footer)}\n`;
        }
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temporary));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await rename(temporary, file);
  } catch (error) {
    progress?.end();
    await rm(temporary, { force: true });
    throw error;
  }

  const bytes = (await stat(file)).size;
  const tableList = tables.map((t) => ({ name: t.name, ...digests[t.name]! }));
  const summary: TransferSummary = {
    file,
    bytes,
    tables: tableList,
    rows: totalRows,
    sha256: await hashFile(file),
    contentSha256,
    schema: schemaName,
  };
  // Written after the snapshot was taken, so the export does not contain its own audit row.
  await recordAudit(db, {
    action: 'data.export',
    resourceType: 'database',
    details: auditDetails(summary),
  });
  return summary;
}

function auditDetails(summary: TransferSummary): Record<string, unknown> {
  return {
    file: basename(summary.file),
    schema: summary.schema,
    tables: summary.tables.length,
    rows: summary.rows,
    rowsPerTable: Object.fromEntries(summary.tables.map((t) => [t.name, t.rows])),
    fileSha256: summary.sha256,
    contentSha256: summary.contentSha256,
  };
}

/** Yields the decompressed file's lines as raw bytes (without the newline); refuses a broken gzip stream. */
async function* readLines(file: string): AsyncGenerator<{ line: Buffer; terminated: boolean }> {
  let rest: Buffer = Buffer.alloc(0);
  const gunzip = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let data: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let newline = data.indexOf(0x0a);
      while (newline !== -1) {
        yield { line: data.subarray(0, newline), terminated: true };
        data = data.subarray(newline + 1);
        newline = data.indexOf(0x0a);
      }
      rest = Buffer.from(data);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
    throw new CliRefusal(
      `The file is not a complete gzip stream (${(error as Error).message}): it is truncated or damaged.`,
    );
  }
  if (rest.length > 0) yield { line: rest, terminated: false };
}

const ROW_PREFIX = '{"table":"';

/** Splits a row line into its table and the row's JSON text, exactly as written by the export. */
function parseRowLine(line: string): { table: string; row: string } | null {
  if (!line.startsWith(ROW_PREFIX) || !line.endsWith('}')) return null;
  const end = line.indexOf('","row":', ROW_PREFIX.length);
  if (end === -1) return null;
  const table = line.slice(ROW_PREFIX.length, end);
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) return null;
  return { table, row: line.slice(end + '","row":'.length, -1) };
}

export interface VerifiedExport {
  header: ExportHeader;
  footer: ExportFooter;
  bytes: number;
  fileSha256: string;
}

const refuseTampered = (why: string) =>
  new CliRefusal(
    `The export file fails its integrity check (${why}): it was modified or damaged. Nothing was imported.`,
  );

/**
 * Reads the whole file once and checks its structure and every checksum without touching a database.
 * Refuses (CliRefusal) a truncated, damaged or tampered file, or another format or version.
 */
export async function verifyExportFile(file: string): Promise<VerifiedExport> {
  const bytes = (await stat(file)).size;
  const fileDigest = createHash('sha256');
  let header: ExportHeader | undefined;
  let footer: ExportFooter | undefined;
  const counted: Record<string, { rows: number; digest: ReturnType<typeof createHash> }> = {};
  let tableIndex = 0;
  let lineNumber = 0;
  for await (const { line, terminated } of readLines(file)) {
    lineNumber += 1;
    if (footer) throw refuseTampered(`content after the footer on line ${lineNumber}`);
    if (!terminated) throw new CliRefusal('The export file is truncated: its last line is incomplete.');
    const text = line.toString('utf8');
    if (!header) {
      header = parseHeader(text);
      fileDigest.update(line).update('\n');
      continue;
    }
    if (text.startsWith('{"footer":')) {
      footer = parseFooter(text);
      continue;
    }
    const parsed = parseRowLine(text);
    if (!parsed) throw refuseTampered(`line ${lineNumber} is not a row line`);
    // Rows come grouped by table in the header's order.
    while (tableIndex < header.tables.length && header.tables[tableIndex] !== parsed.table) tableIndex += 1;
    if (tableIndex >= header.tables.length) throw refuseTampered(`line ${lineNumber} is out of table order`);
    counted[parsed.table] ??= { rows: 0, digest: createHash('sha256') };
    const entry = counted[parsed.table]!;
    entry.rows += 1;
    entry.digest.update(parsed.row).update('\n');
    fileDigest.update(line).update('\n');
  }
  if (!header) throw new CliRefusal('The file is empty: it is not a Palpa export.');
  if (!footer) throw new CliRefusal('The export file is truncated: it has no footer line.');
  const fileSha256 = fileDigest.digest('hex');
  if (footer.sha256 !== fileSha256) throw refuseTampered('file checksum mismatch');
  const footerTables = Object.keys(footer.tables).sort();
  if (footerTables.join() !== [...header.tables].sort().join())
    throw refuseTampered('footer lists other tables');
  let total = 0;
  for (const table of header.tables) {
    const expected = footer.tables[table]!;
    const actual = counted[table];
    const rows = actual?.rows ?? 0;
    const digest = actual ? actual.digest.digest('hex') : sha256Hex('');
    if (rows !== expected.rows) throw refuseTampered(`${table}: ${rows} rows, footer says ${expected.rows}`);
    if (digest !== expected.sha256) throw refuseTampered(`${table}: checksum mismatch`);
    total += rows;
  }
  if (total !== footer.rows) throw refuseTampered('total row count mismatch');
  return { header, footer, bytes, fileSha256: await hashFile(file) };
}

function parseJsonLine(text: string, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new CliRefusal(`The file's ${what} is not valid JSON: it is not a Palpa export or it is damaged.`);
}

function parseHeader(text: string): ExportHeader {
  const value = parseJsonLine(text, 'first line');
  if (value.format !== EXPORT_FORMAT) {
    throw new CliRefusal(`The file is not a Palpa export (format ${JSON.stringify(value.format ?? null)}).`);
  }
  if (value.version !== EXPORT_VERSION) {
    throw new CliRefusal(
      `The file is a Palpa export of format version ${String(value.version)}; this installation reads version ${EXPORT_VERSION} only.`,
    );
  }
  const tables = value.tables;
  const columns = value.columns;
  if (
    typeof value.schema !== 'string' ||
    !Array.isArray(tables) ||
    !tables.every((t) => typeof t === 'string' && /^[a-z_][a-z0-9_]*$/.test(t)) ||
    new Set(tables).size !== tables.length ||
    !columns ||
    typeof columns !== 'object' ||
    !tables.every((t) => Array.isArray((columns as Record<string, unknown>)[t]))
  ) {
    throw refuseTampered('malformed header');
  }
  return value as unknown as ExportHeader;
}

function parseFooter(text: string): ExportFooter {
  const value = parseJsonLine(text, 'footer');
  const tables = value.tables as Record<string, TableDigest> | undefined;
  if (
    value.footer !== EXPORT_FORMAT ||
    typeof value.sha256 !== 'string' ||
    typeof value.rows !== 'number' ||
    !tables ||
    typeof tables !== 'object' ||
    !Object.values(tables).every((t) => typeof t?.rows === 'number' && typeof t?.sha256 === 'string')
  ) {
    throw refuseTampered('malformed footer');
  }
  return value as unknown as ExportFooter;
}

/** Orders a self-referencing table's rows in waves so every referenced row is inserted in an earlier wave. */
function selfReferenceWaves(info: TableInfo, rows: string[]): string[][] {
  const objects = rows.map((r) => JSON.parse(r) as Record<string, unknown>);
  const keyOf = (o: Record<string, unknown>, columns: string[]) => {
    const values = columns.map((c) => o[c]);
    return values.some((v) => v === null || v === undefined) ? null : JSON.stringify(values);
  };
  const indexes = info.selfReferences.map((ref) => {
    const index = new Map<string, number>();
    objects.forEach((o, i) => {
      const key = keyOf(o, ref.foreignColumns);
      if (key) index.set(key, i);
    });
    return index;
  });
  const depth = new Array<number>(rows.length).fill(-1);
  const CYCLE = Number.MAX_SAFE_INTEGER;
  const visit = (i: number, stack: Set<number>): number => {
    if (depth[i]! >= 0) return depth[i]!;
    if (stack.has(i)) return CYCLE;
    stack.add(i);
    let d = 0;
    info.selfReferences.forEach((ref, r) => {
      const key = keyOf(objects[i]!, ref.columns);
      const parent = key ? indexes[r]!.get(key) : undefined;
      if (parent !== undefined && parent !== i) {
        const pd = visit(parent, stack);
        d = pd === CYCLE ? CYCLE : Math.max(d, pd + 1);
      }
    });
    stack.delete(i);
    depth[i] = d;
    return d;
  };
  const waves = new Map<number, string[]>();
  rows.forEach((row, i) => {
    const d = visit(i, new Set());
    const wave = waves.get(d) ?? [];
    wave.push(row);
    waves.set(d, wave);
  });
  return [...waves.entries()].sort(([a], [b]) => a - b).map(([, wave]) => wave);
}

async function insertRows(
  tx: Executor,
  table: string,
  columns: CatalogColumn[],
  rows: string[],
): Promise<void> {
  if (rows.length === 0) return;
  const insertable = columns.filter((c) => !c.generated);
  const list = insertable.map((c) => quote(c.name)).join(', ');
  const overriding = insertable.some((c) => c.identityAlways) ? ' overriding system value' : '';
  const json = `[${rows.join(',')}]`;
  await tx.execute(
    sql`${sql.raw(`insert into ${quote(table)} (${list})${overriding} select ${list} from json_populate_recordset(null::${quote(table)}, `)}${json}::text::json)`,
  );
}

/** Moves serial/identity sequences past the imported values. */
async function resetSequences(tx: Executor, table: string, columns: CatalogColumn[]): Promise<void> {
  for (const column of columns) {
    const [seq] = rowsOf<{ seq: string | null }>(
      await tx.execute(sql`select pg_get_serial_sequence(${quote(table)}, ${column.name}) as seq`),
    );
    if (!seq?.seq) continue;
    await tx.execute(
      sql`select setval(${seq.seq}::regclass, max(${sql.raw(`${quote(column.name)}`)})) from ${sql.raw(quote(table))} having max(${sql.raw(quote(column.name))}) is not null`,
    );
  }
}

/**
 * Loads an export into an empty database, in one transaction: checks the file first (nothing is written
 * for a damaged file), refuses a database that holds data or an export from a newer schema, inserts every
 * table, then re-reads every table and compares counts and digests with the footer before committing.
 * The database must be migrated (the CLI migrates before calling this).
 */
export async function importDatabase(
  db: Database,
  file: string,
  options: TransferOptions = {},
): Promise<TransferSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const progress = options.progress;
  const { header, footer, bytes, fileSha256 } = await verifyExportFile(file);

  const known = knownMigrations().map((m) => m.tag);
  if (!known.includes(header.schema)) {
    throw new CliRefusal(
      `The export was made with a newer Palpa (database schema ${header.schema}); this installation knows schemas up to ${known.at(-1)}. Upgrade Palpa, then import.`,
    );
  }
  const pending = await pendingMigrations(db);
  if (pending > 0) throw new CliRefusal(`The target database has ${pending} migration(s) not applied yet.`);

  const infos = new Map(applicationTables().map((t) => [t.name, t]));
  const summaryTables: TransferSummary['tables'] = [];

  await db
    .transaction(async (tx) => {
      await canonicalSession(tx);
      const targetColumns = new Map<string, CatalogColumn[]>();
      for (const table of header.tables) {
        const columns = await catalogColumns(tx, table);
        const info = infos.get(table);
        if (!columns || !info) {
          throw new CliRefusal(`The export holds table ${table}, which this installation does not have.`);
        }
        const names = new Set(columns.map((c) => c.name));
        const unknown = header.columns[table]!.filter((c) => !names.has(c));
        if (unknown.length > 0) {
          throw new CliRefusal(
            `The export holds columns this installation does not have: ${table}.${unknown.join(', ')}`,
          );
        }
        targetColumns.set(table, columns);
      }
      const allTables = [...infos.keys()];
      // Nobody may write while we check emptiness and load (readers are not blocked).
      await tx.execute(sql.raw(`lock table ${allTables.map(quote).join(', ')} in exclusive mode`));
      const holding: string[] = [];
      for (const table of allTables) {
        const rows = rowsOf(await tx.execute(sql.raw(`select 1 from ${quote(table)} limit 1`)));
        if (rows.length > 0) holding.push(table);
      }
      if (holding.length > 0) {
        throw new CliRefusal(
          `The target database already holds data (${holding.join(', ')}). Import only into an empty database: nothing was imported.`,
        );
      }

      // Second pass: insert. Counts and digests are checked again after loading, against the verified footer.
      progress?.begin('import', footer.rows);
      let current: string | undefined;
      let buffer: string[] = [];
      let tableRows = 0;
      const flush = async (table: string, final: boolean) => {
        const info = infos.get(table)!;
        const columns = targetColumns.get(table)!;
        const inserted = columnsFor(columns, header.columns[table]!);
        if (info.selfReferences.length > 0) {
          if (!final) return;
          for (const wave of selfReferenceWaves(info, buffer)) {
            for (let i = 0; i < wave.length; i += batchSize) {
              await insertRows(tx, table, inserted, wave.slice(i, i + batchSize));
              progress?.advance(Math.min(batchSize, wave.length - i));
            }
          }
        } else {
          await insertRows(tx, table, inserted, buffer);
          progress?.advance(buffer.length);
        }
        buffer = [];
      };
      const finishTable = async (table: string) => {
        await flush(table, true);
        await resetSequences(tx, table, targetColumns.get(table)!);
        progress?.tableDone('import', table, tableRows);
      };
      let first = true;
      for await (const { line } of readLines(file)) {
        if (first) {
          first = false;
          continue;
        }
        const text = line.toString('utf8');
        if (text.startsWith('{"footer":')) break;
        const parsed = parseRowLine(text);
        if (!parsed) throw refuseTampered('the file changed while it was imported');
        if (parsed.table !== current) {
          if (current) await finishTable(current);
          current = parsed.table;
          tableRows = 0;
        }
        buffer.push(parsed.row);
        tableRows += 1;
        if (buffer.length >= batchSize) await flush(current, false);
      }
      if (current) await finishTable(current);
      progress?.end();

      // Verify: the target's canonical serialisation must match the footer, table by table.
      progress?.begin('verify', footer.rows);
      for (const table of header.tables) {
        const info = infos.get(table)!;
        const exported = header.columns[table]!;
        const all = targetColumns.get(table)!.map((c) => c.name);
        const sameShape = exported.join('\u0000') === all.join('\u0000');
        const digest = createHash('sha256');
        let rows = 0;
        for await (const batch of canonicalRows(tx, info, batchSize, sameShape ? undefined : exported)) {
          for (const row of batch) digest.update(`${row}\n`);
          rows += batch.length;
          progress?.advance(batch.length);
        }
        const expected = footer.tables[table]!;
        const sha256 = digest.digest('hex');
        if (rows !== expected.rows || sha256 !== expected.sha256) {
          throw new VerificationError(
            `Verification failed for table ${table}: the database holds ${rows} rows (sha256 ${sha256}), the file ${expected.rows} (sha256 ${expected.sha256}). The import was rolled back.`,
          );
        }
        progress?.tableDone('verify', table, rows);
        summaryTables.push({ name: table, rows, sha256 });
      }
      progress?.end();

      await recordAudit(tx, {
        action: 'data.import',
        resourceType: 'database',
        details: auditDetails({
          file,
          bytes,
          tables: summaryTables,
          rows: footer.rows,
          sha256: fileSha256,
          contentSha256: footer.sha256,
          schema: header.schema,
        }),
      });
    })
    .catch((error: unknown) => {
      progress?.end();
      throw error;
    });

  return {
    file,
    bytes,
    tables: summaryTables,
    rows: footer.rows,
    sha256: fileSha256,
    contentSha256: footer.sha256,
    schema: header.schema,
  };
}

/** The target's columns that the export carries (newer columns keep their defaults). */
function columnsFor(target: CatalogColumn[], exported: string[]): CatalogColumn[] {
  const wanted = new Set(exported);
  return target.filter((c) => wanted.has(c.name));
}
