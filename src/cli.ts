import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerDataCommands } from './cli/data.ts';
import { registerDemoCommand } from './cli/demo.ts';
import { CliRefusal, EXIT } from './cli/errors.ts';
import { registerUserCommands } from './cli/users.ts';
import { loadConfig } from './config.ts';
import { type DatabaseTarget, openDatabase } from './db/connection.ts';
import { listenWhileStarting, stopStartingServer } from './starting-server.ts';

const program = new Command()
  .name('palpa')
  .description(
    'Palpa: the practice platform for medical massage therapy.\nConfiguration comes from environment variables (see README).',
  )
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

program
  .command('serve')
  .description('Start the web app and API (PORT, HOST; PGlite in PALPA_DATA_DIR or DATABASE_URL)')
  .action(async () => {
    const config = loadConfig();
    const starting = await listenWhileStarting(config.port, config.host);
    // The very first start creates the embedded database in a process of its own: initdb and the schema grow
    // PGlite's WebAssembly heap to twice what serving needs, and a heap never shrinks (docs/decisions/0004).
    if (isNewEmbeddedDatabase(config.database)) await runPalpa(['migrate']);
    // Loaded on demand: `palpa --help` and the data commands need none of the web app.
    const { startRuntime } = await import('./app-runtime.ts');
    const runtime = await startRuntime(config, { logger: true });
    await stopStartingServer(starting);
    const stop = async () => {
      await runtime.close();
      process.exit(EXIT.ok);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await runtime.app.listen({ port: config.port, host: config.host });
  });

function isNewEmbeddedDatabase(target: DatabaseTarget): boolean {
  return (
    target.kind === 'pglite' && Boolean(target.dataDir) && !existsSync(join(target.dataDir!, 'PG_VERSION'))
  );
}

/** Runs a palpa command in a child process, as this one was started (bundle or sources through tsx). */
async function runPalpa(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`palpa ${args.join(' ')} failed (exit code ${code})`);
}

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    const database = await openDatabase(loadConfig().database);
    await database.migrate();
    await database.close();
    console.log(`Migrations applied (${database.kind}).`);
  });

registerDemoCommand(program);
registerDataCommands(program);
registerUserCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  console.error(`palpa: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof CliRefusal ? EXIT.refused : EXIT.failure);
}
