import { resolve } from 'node:path';
import type { DatabaseTarget } from './db/connection.ts';

/** Everything Palpa reads from the environment, read once at start-up (README › Configuration). */
export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  publicUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  demoPassword: string;
  sessionAbsoluteHours: number;
  loginRateLimitPerMinute: number;
  /** Where uploaded attachments are stored (outside the web root): `<attachmentsDir>/<clinicId>/<id>`. */
  attachmentsDir: string;
  attachmentMaxBytes: number;
  /** Encrypts TOTP seeds at rest (`PALPA_SECRET_KEY`); when unset, the key file below is used or created. */
  secretKey?: string;
  secretKeyFile: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = (env.PALPA_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(env.PALPA_DATA_DIR ?? './data') },
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.PALPA_MAIL_FROM ?? 'Palpa <no-reply@palpa.invalid>',
    cookieSecure: env.PALPA_COOKIE_SECURE
      ? env.PALPA_COOKIE_SECURE === 'true'
      : publicUrl.startsWith('https:'),
    trustProxy: env.PALPA_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    demoPassword: env.PALPA_DEMO_PASSWORD ?? 'palpa-demo-2026',
    sessionAbsoluteHours: Number(env.PALPA_SESSION_MAX_HOURS ?? 12),
    loginRateLimitPerMinute: Number(env.PALPA_LOGIN_RATE_LIMIT ?? 30),
    attachmentsDir: resolve(
      env.PALPA_ATTACHMENTS_DIR ?? resolve(env.PALPA_DATA_DIR ?? './data', 'attachments'),
    ),
    attachmentMaxBytes: Number(env.PALPA_ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024),
    secretKey: env.PALPA_SECRET_KEY || undefined,
    secretKeyFile: resolve(
      env.PALPA_SECRET_KEY_FILE ?? resolve(env.PALPA_DATA_DIR ?? './data', 'secret.key'),
    ),
  };
}
