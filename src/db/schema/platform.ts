import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.ts';

/** A single row once the first clinic has been set up; its primary key makes set-up happen once. */
export const installation = pgTable(
  'installation',
  {
    id: integer('id').primaryKey(),
    setUpAt: instant('set_up_at').notNull().defaultNow(),
  },
  (t) => [check('installation_singleton', sql`${t.id} = 1`)],
);

/**
 * Every e-mail Palpa sends is written here first. Without SMTP_URL it stays here and owners read it in
 * the app. E-mails never carry health data: only links.
 */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    createdAt: createdAt(),
    sentAt: instant('sent_at'),
    lastError: text('last_error'),
    /** Small text attachments kept with the message (an appointment's `.ics`), delivered with it. */
    attachments: jsonb('attachments').$type<EmailAttachment[]>(),
  },
  (t) => [index('email_outbox_clinic_idx').on(t.clinicId, t.id)],
);

/** Stored responses of create requests sent with an Idempotency-Key header. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);
