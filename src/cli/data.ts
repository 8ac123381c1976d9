import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import {
  exportDatabase,
  importDatabase,
  type TransferProgress,
  type TransferSummary,
} from './data-transfer.ts';

/**
 * A progress bar on stderr when it is a terminal; otherwise one line per table (logs stay readable).
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): TransferProgress {
  const tty = Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  return {
    begin(phase, total) {
      if (!tty) return;
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${phase.padEnd(7)} [{bar}] {percentage}% | {value}/{total} rows | {table}`,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { table: '' });
    },
    advance(rows) {
      bar?.increment(rows);
    },
    tableDone(phase, table, rows) {
      if (bar) bar.update({ table });
      else stream.write(`${phase} ${table}: ${rows} row${rows === 1 ? '' : 's'}\n`);
    },
    end() {
      bar?.stop();
      bar = undefined;
    },
  };
}

const formatBytes = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function printSummary(verb: string, summary: TransferSummary): void {
  console.log(
    `${verb} ${summary.tables.length} tables, ${summary.rows} rows (schema ${summary.schema}).\n` +
      `File:    ${summary.file} (${formatBytes(summary.bytes)})\n` +
      `SHA-256: ${summary.sha256} (file)\n` +
      `         ${summary.contentSha256} (content, in the footer)`,
  );
}

async function withDatabase<T>(run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(loadConfig().database);
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

export function registerDataCommands(program: Command): void {
  program
    .command('export')
    .argument('<file>', 'where to write the export (gzip-compressed NDJSON, e.g. clinic.palpa.gz)')
    .description(
      'Write the whole database to one portable, checksummed file: the backup, and the way to move a\n' +
        'clinic between PGlite (PALPA_DATA_DIR) and PostgreSQL (DATABASE_URL). See docs/export-format.md.',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 1 failure, 3 refused (the database has migrations not applied yet).',
    )
    .action(async (file: string) => {
      const summary = await withDatabase((handle) =>
        exportDatabase(handle.db, resolve(file), { progress: stderrProgress() }),
      );
      printSummary('Exported', summary);
    });

  program
    .command('import')
    .argument('<file>', 'an export written by `palpa export`')
    .description(
      'Load an export into this installation’s database, which must be empty (it is migrated first).\n' +
        'Everything happens in one transaction and is re-read and checked against the file before commit.',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 imported, 1 failure (nothing written), 3 refused (nothing written): the file is\n' +
        'truncated, tampered with, of another format or from a newer Palpa, or the database holds data.',
    )
    .action(async (file: string) => {
      await access(resolve(file), constants.R_OK); // a missing file fails before the database is opened
      const summary = await withDatabase(async (handle) => {
        await handle.migrate();
        return importDatabase(handle.db, resolve(file), { progress: stderrProgress() });
      });
      printSummary('Imported and verified', summary);
    });
}
