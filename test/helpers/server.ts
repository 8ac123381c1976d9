import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { webRoot } from '../../src/paths.ts';
import { createMailer } from '../../src/platform/email.ts';
import { buildApp } from '../../src/server.ts';
import { testAttachmentsDir } from './app.ts';
import { createTestDatabase } from './database.ts';

export interface TestServer {
  /** The origin the app listens on, e.g. http://127.0.0.1:41234 (also its publicUrl, so e-mailed links work). */
  url: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * The real app (API and built web app) listening on 127.0.0.1 on a random port, on a fresh database:
 * PGlite in memory, or a new PostgreSQL database when DATABASE_URL is set. For browser tests.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  if (!existsSync(webRoot))
    throw new Error('dist/web is missing: the global set-up builds it (test/global-setup.ts)');
  const database = await createTestDatabase();
  const uploads = testAttachmentsDir(overrides);
  const config: Config = {
    ...loadConfig({}),
    publicUrl: 'http://127.0.0.1',
    cookieSecure: false,
    loginRateLimitPerMinute: 1000,
    secretKey: randomBytes(32).toString('base64url'),
    ...overrides,
    attachmentsDir: uploads.attachmentsDir,
  };
  const mailer = createMailer(database.db, { smtpUrl: undefined, from: config.mailFrom });
  const app = await buildApp({
    db: database.db,
    dbKind: database.kind,
    config,
    mailer,
    now: () => new Date(),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  // The port is known only now; the app reads config.publicUrl when it writes links into e-mail.
  config.publicUrl = url;
  return {
    url,
    app,
    database,
    async close() {
      await app.close();
      mailer.close();
      await database.close();
      uploads.remove();
    },
  };
}
