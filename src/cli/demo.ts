import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { CliRefusal } from './errors.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Create or refresh the demo clinic "Harbor Medical Massage" (San Diego) with realistic data, and print the demo sign-ins.\n' +
        'Refuses to touch a database that holds a non-demo clinic. Password: PALPA_DEMO_PASSWORD (default palpa-demo-2026).',
    )
    .action(async () => {
      const config = loadConfig();
      const { DemoRefusal, seedDemo } = await import('../demo/seed.ts');
      const database = await openDatabase(config.database);
      try {
        await database.migrate();
        const result = await seedDemo(database.db, {
          password: config.demoPassword,
          now: new Date(),
          attachmentsDir: config.attachmentsDir,
        });
        console.log(`${result.refreshed ? 'Refreshed' : 'Created'} the demo clinic Harbor Medical Massage:`);
        console.log(
          `  ${Object.entries(result.counts)
            .map(([what, n]) => `${n} ${what}`)
            .join(', ')}`,
        );
        console.log(`\nSign in at ${config.publicUrl} with password "${config.demoPassword}":`);
        for (const person of result.people)
          console.log(`  ${person.email.padEnd(36)} ${person.roles.join(', ')}`);
      } catch (error) {
        if (error instanceof DemoRefusal) throw new CliRefusal(error.message);
        throw error;
      } finally {
        await database.close();
      }
    });
}
