import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { users } from '../src/db/schema/index.ts';
import { createMailer } from '../src/platform/email.ts';
import { SESSION_COOKIE } from '../src/platform/sessions.ts';
import { buildApp } from '../src/server.ts';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export interface BenchClinic {
  db: Database;
  app: FastifyInstance;
  clinicId: string;
  /** The owner's session cookie, for requests through the app. */
  cookie: string;
  ownerId: string;
  close(): Promise<void>;
}

/** The real app on a fresh in-memory PGlite, set up with one clinic and its signed-in owner. */
export async function startBenchClinic(): Promise<BenchClinic> {
  const database = await openDatabase({ kind: 'pglite' });
  await database.migrate();
  const db = database.db;
  const config = { ...loadConfig({}), publicUrl: 'http://palpa.bench' };
  const mailer = createMailer(db, { from: config.mailFrom });
  const app = await buildApp({ db, dbKind: database.kind, config, mailer, now: () => new Date() });
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      clinic: { name: 'Bench Clinic', timeZone: 'America/Los_Angeles' },
      location: {
        name: 'Main',
        addressLine1: '1 Bench St',
        city: 'San Diego',
        region: 'CA',
        postalCode: '92101',
      },
      owner: { displayName: 'Bench Owner', email: 'bench@palpa.test', password: 'Harbor-massage-9!' },
    },
  });
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.body}`);
  const [owner] = await db.select().from(users).where(eq(users.email, 'bench@palpa.test'));
  return {
    db,
    app,
    clinicId: setup.json().clinicId as string,
    cookie: `${SESSION_COOKIE}=${setup.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`,
    ownerId: owner!.id,
    async close() {
      await app.close();
      mailer.close();
      await database.close();
    },
  };
}
