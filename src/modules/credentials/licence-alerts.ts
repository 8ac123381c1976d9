import { and, count, eq, gte, inArray, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/connection.ts';
import { appointments, credentials } from '../../db/schema/index.ts';
import { activeTherapists } from '../members/therapists.ts';
import { daysBetween, localToday } from './expiry.ts';
import { LICENCE_ALERT_DAYS, type LicenceAlert } from './schemas.ts';

type CredentialRow = typeof credentials.$inferSelect;

/** Appointments that are still to be given. */
const UPCOMING = ['booked', 'confirmed', 'checked_in'] as const;

/**
 * The licence each therapist practises under, when it has expired or expires within `LICENCE_ALERT_DAYS`: the
 * active licence or certification (not the NPI) that lasts longest. A therapist with one that never expires,
 * or with none on file, has no alert. Pure: rows of one clinic's therapists, `today` in the clinic's zone.
 */
export function lapsingLicences<
  C extends Pick<CredentialRow, 'id' | 'therapistId' | 'kind' | 'status' | 'title' | 'expiresOn'>,
>(rows: readonly C[], today: string) {
  return [...practisingLicences(rows).values()].flatMap((last) => {
    const daysToExpiry = daysBetween(today, last.expiresOn!);
    return daysToExpiry > LICENCE_ALERT_DAYS ? [] : [{ credential: last, daysToExpiry }];
  });
}

/**
 * Each therapist's licence when it ends, by therapist id: the active licence or certification (not the NPI)
 * that lasts longest. A therapist with one that never expires, or with none on file, is not in the map.
 */
export function practisingLicences<
  C extends Pick<CredentialRow, 'therapistId' | 'kind' | 'status' | 'expiresOn'>,
>(rows: readonly C[]): Map<string, C> {
  const licences = rows.filter((c) => c.kind !== 'npi' && c.status === 'active');
  const ends = new Map<string, C>();
  for (const therapistId of new Set(licences.map((c) => c.therapistId))) {
    const own = licences.filter((c) => c.therapistId === therapistId);
    if (own.some((c) => !c.expiresOn)) continue;
    ends.set(
      therapistId,
      own.reduce((a, b) => (b.expiresOn! > a.expiresOn! ? b : a)),
    );
  }
  return ends;
}

/**
 * The owner's licence alerts: therapists of the clinic whose licence has expired or expires within 30 days,
 * with how many appointments are still booked with them after the expiry date (those they may not give).
 */
export async function licenceAlerts(
  db: Executor,
  clinicId: string,
  timeZone: string,
  now: Date,
): Promise<LicenceAlert[]> {
  const therapists = await activeTherapists(db, clinicId);
  if (therapists.length === 0) return [];
  const rows = await db
    .select()
    .from(credentials)
    .where(
      and(
        eq(credentials.clinicId, clinicId),
        inArray(
          credentials.therapistId,
          therapists.map((t) => t.id),
        ),
        ne(credentials.kind, 'npi'),
      ),
    );
  const alerts: LicenceAlert[] = [];
  for (const { credential, daysToExpiry } of lapsingLicences(rows, localToday(now, timeZone))) {
    // From the start of the clinic's day after the expiry date.
    const after = DateTime.fromISO(credential.expiresOn!, { zone: timeZone }).plus({ days: 1 }).toJSDate();
    const [booked] = await db
      .select({ n: count() })
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          eq(appointments.therapistId, credential.therapistId),
          inArray(appointments.status, [...UPCOMING]),
          gte(appointments.startAt, after),
        ),
      );
    alerts.push({
      therapistId: credential.therapistId,
      therapistName: therapists.find((t) => t.id === credential.therapistId)!.name,
      credentialId: credential.id,
      title: credential.title,
      expiresOn: credential.expiresOn!,
      daysToExpiry,
      appointmentsAfterExpiry: booked?.n ?? 0,
    });
  }
  return alerts.sort(
    (a, b) => a.daysToExpiry - b.daysToExpiry || a.therapistName.localeCompare(b.therapistName),
  );
}
