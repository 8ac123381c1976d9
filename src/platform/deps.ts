import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { Mailer } from './email.ts';
import type { SmsSender } from './sms.ts';

/** What every capability may use; built once in server.ts and passed down, never read from globals. */
export interface AppDeps {
  db: Database;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  mailer: Mailer;
  /**
   * Text messages, when a provider is plugged in: reminders for patients who prefer SMS, and intake links the
   * desk sends by text.
   */
  sms?: SmsSender;
  /** The clock. Tests replace it to move time forward. */
  now: () => Date;
}
