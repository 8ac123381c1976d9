import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/connection.ts';
import { type EmailAttachment, emailOutbox } from '../db/schema/index.ts';

export interface OutgoingEmail {
  /** The outbox row's id, when the caller records it before sending. */
  id?: string;
  to: string;
  subject: string;
  text: string;
  clinicId?: string | null;
  attachments?: EmailAttachment[];
}

/** An outbox row's attachments as nodemailer takes them. */
export const mailAttachments = (attachments: EmailAttachment[] | null | undefined) =>
  (attachments ?? []).map(({ filename, contentType, content }) => ({ filename, contentType, content }));

export interface Mailer {
  /** Writes the message to the outbox and, when SMTP is configured, delivers it. Never throws on SMTP failure. */
  send(message: OutgoingEmail): Promise<{ id: string; delivered: boolean }>;
  close(): void;
}

/** Sends an outbox row's message by SMTP and records the outcome on the row: sent, or why not. Never throws. */
export async function deliverOutboxEmail(
  db: Database,
  transport: Transporter,
  from: string,
  message: OutgoingEmail & { id: string },
): Promise<boolean> {
  try {
    await transport.sendMail({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      attachments: mailAttachments(message.attachments),
    });
    await db.update(emailOutbox).set({ sentAt: new Date() }).where(eq(emailOutbox.id, message.id));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db
      .update(emailOutbox)
      .set({ lastError: reason.slice(0, 500) })
      .where(eq(emailOutbox.id, message.id));
    return false;
  }
}

/** E-mails carry links and plain notices only, never health data. */
export function createMailer(db: Database, options: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | undefined = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : undefined;
  return {
    async send(message) {
      const id = message.id ?? uuidv7();
      await db.insert(emailOutbox).values({
        id,
        clinicId: message.clinicId ?? null,
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        attachments: message.attachments ?? null,
      });
      if (!transport) return { id, delivered: false };
      return { id, delivered: await deliverOutboxEmail(db, transport, options.from, { ...message, id }) };
    },
    close() {
      transport?.close();
    },
  };
}
