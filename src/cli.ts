import { Command, CommanderError } from 'commander';
import { registerDataCommands } from './cli/data.ts';
import { registerDemoCommand } from './cli/demo.ts';
import { CliRefusal, EXIT } from './cli/errors.ts';
import { registerUserCommands } from './cli/users.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
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
