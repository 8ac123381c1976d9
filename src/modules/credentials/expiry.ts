import { and, eq, gte, isNotNull, isNull, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database } from '../../db/connection.ts';
import { clinics, credentialExpiryNotices, credentials, memberships, users } from '../../db/schema/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Mailer } from '../../platform/email.ts';
import { dayText } from '../patients/dates.ts';
import { EXPIRY_WARNING_DAYS } from './schemas.ts';

/** Whole days from `today` to `date` (both local dates). */
export const daysBetween = (today: string, date: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

export const localToday = (now: Date, zone: string) => DateTime.fromJSDate(now, { zone }).toISODate()!;

/**
 * The daily expiry check: for every active credential expiring within 60 days (by date in its clinic's zone)
 * and not yet warned about for this expiry date, e-mail the clinic's owners once. The dedupe row
 * (credential, threshold, expiry date) is inserted first in the same transaction as the outbox rows, so a
 * second run — or a concurrent one — sends nothing. E-mails name the therapist and the credential only.
 */
export async function checkCredentialExpiries(
  deps: { db: Database; mailer: Mailer; now: () => Date; config: { publicUrl: string } },
  options: { clinicId?: string } = {},
): Promise<{ warned: number }> {
  const { db } = deps;
  const now = deps.now();
  // Candidates by UTC date ± a day; the exact local-date test is below.
  const horizon = new Date(now.getTime() + (EXPIRY_WARNING_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
  const earliest = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .select({
      clinicId: credentials.clinicId,
      id: credentials.id,
      title: credentials.title,
      expiresOn: credentials.expiresOn,
      therapistName: users.displayName,
      clinicName: clinics.name,
      timeZone: clinics.timeZone,
    })
    .from(credentials)
    .innerJoin(clinics, eq(clinics.id, credentials.clinicId))
    .innerJoin(users, eq(users.id, credentials.therapistId))
    .where(
      and(
        eq(credentials.status, 'active'),
        isNotNull(credentials.expiresOn),
        lte(credentials.expiresOn, horizon),
        gte(credentials.expiresOn, earliest),
        options.clinicId ? eq(credentials.clinicId, options.clinicId) : undefined,
      ),
    );
  let warned = 0;
  for (const row of rows) {
    const today = localToday(now, row.timeZone);
    const days = daysBetween(today, row.expiresOn!);
    if (days < 0 || days > EXPIRY_WARNING_DAYS) continue;
    const sent = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(credentialExpiryNotices)
        .values({
          clinicId: row.clinicId,
          credentialId: row.id,
          thresholdDays: EXPIRY_WARNING_DAYS,
          expiresOn: row.expiresOn!,
          sentAt: now,
          recipients: 0,
        })
        .onConflictDoNothing()
        .returning({ credentialId: credentialExpiryNotices.credentialId });
      if (inserted.length === 0) return false;
      const owners = await tx
        .select({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.clinicId, row.clinicId),
            eq(memberships.role, 'owner'),
            isNull(memberships.disabledAt),
            isNull(users.disabledAt),
          ),
        );
      await tx
        .update(credentialExpiryNotices)
        .set({ recipients: owners.length })
        .where(
          and(
            eq(credentialExpiryNotices.clinicId, row.clinicId),
            eq(credentialExpiryNotices.credentialId, row.id),
            eq(credentialExpiryNotices.thresholdDays, EXPIRY_WARNING_DAYS),
            eq(credentialExpiryNotices.expiresOn, row.expiresOn!),
          ),
        );
      await recordAudit(tx, {
        action: 'credential.expiry_warning.sent',
        clinicId: row.clinicId,
        resourceType: 'credential',
        resourceId: row.id,
        details: { thresholdDays: EXPIRY_WARNING_DAYS, expiresOn: row.expiresOn, recipients: owners.length },
      });
      return owners;
    });
    if (!sent) continue;
    warned++;
    for (const owner of sent) {
      await deps.mailer.send({
        clinicId: row.clinicId,
        to: owner.email,
        subject: `A credential expires on ${dayText(row.expiresOn!)}: ${row.therapistName}`,
        text:
          `${row.therapistName}'s "${row.title}" on file at ${row.clinicName} expires on ${dayText(row.expiresOn!)} (in ${days} day${days === 1 ? '' : 's'}).\n\n` +
          'Once it expires it disappears from the public profile. Record the renewal when it arrives:\n' +
          `${deps.config.publicUrl.replace(/\/$/, '')}/directory-admin/credentials\n`,
      });
    }
  }
  return { warned };
}
