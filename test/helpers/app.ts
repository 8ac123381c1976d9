import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { createMailer } from '../../src/platform/email.ts';
import { buildApp } from '../../src/server.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  clock: { now(): Date; advance(ms: number): void };
  agent(): Agent;
  close(): Promise<void>;
}

/** Uploads go to a directory of the test's own, removed when it closes, never to the checkout's ./data. */
export function testAttachmentsDir(overrides: Partial<Config>): { attachmentsDir: string; remove(): void } {
  if (overrides.attachmentsDir) return { attachmentsDir: overrides.attachmentsDir, remove: () => {} };
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'palpa-test-attachments-'));
  return { attachmentsDir, remove: () => rmSync(attachmentsDir, { recursive: true, force: true }) };
}

/** The real app on a fresh database, with a clock the test can move forward. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const uploads = testAttachmentsDir(overrides);
  const config: Config = {
    ...loadConfig({}),
    publicUrl: 'http://palpa.test',
    secretKey: randomBytes(32).toString('base64url'),
    ...overrides,
    attachmentsDir: uploads.attachmentsDir,
  };
  let offsetMs = 0;
  const clock = {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => {
      offsetMs += ms;
    },
  };
  const mailer = createMailer(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildApp(
    { db: database.db, dbKind: database.kind, config, mailer, now: clock.now },
    { logger: process.env.PALPA_TEST_LOG === '1' },
  );
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    agent: () => new Agent(app),
    async close() {
      await app.close();
      mailer.close();
      await database.close();
      uploads.remove();
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Agent {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;
  bearer: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrfToken && options.method && options.method !== 'GET')
      headers['x-csrf-token'] = this.csrfToken;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const response = await this.app.inject({ ...options, headers });
    const body = String(response.headers['content-type'] ?? '').includes('json')
      ? response.json()
      : undefined;
    if (typeof body?.csrfToken === 'string') this.csrfToken = body.csrfToken;
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (!cookie.value || (cookie.expires && cookie.expires.getTime() <= Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
  get = (url: string, headers?: Record<string, string>) => this.request({ method: 'GET', url, headers });
  post = (url: string, payload?: unknown, headers?: Record<string, string>) =>
    this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'], headers });
  put = (url: string, payload?: unknown) =>
    this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  patch = (url: string, payload?: unknown) =>
    this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  delete = (url: string) => this.request({ method: 'DELETE', url });

  /** Signs in with a password (and a TOTP code when asked) and loads the CSRF token. */
  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.statusCode === 200) this.csrfToken = response.json().csrfToken;
    return response;
  }

  async refreshMe() {
    const me = await this.get('/api/me');
    if (me.statusCode === 200) this.csrfToken = me.json().csrfToken ?? undefined;
    return me;
  }
}
