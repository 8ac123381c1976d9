import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connection.ts';
import { createMailer } from './platform/email.ts';
import { buildApp } from './server.ts';

export interface Runtime {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the configured database, applies migrations and builds the app: what `palpa serve` runs. */
export async function startRuntime(config: Config, options: { logger?: boolean } = {}): Promise<Runtime> {
  const database = await openDatabase(config.database);
  await database.migrate();
  const mailer = createMailer(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildApp(
    { db: database.db, dbKind: database.kind, config, mailer, now: () => new Date() },
    { logger: options.logger },
  );
  return {
    app,
    database,
    async close() {
      await app.close();
      mailer.close();
      await database.close();
    },
  };
}
