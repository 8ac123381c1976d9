import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { credentials } from '../../db/schema/index.ts';
import { dayText } from '../patients/dates.ts';

type CredentialRow = typeof credentials.$inferSelect;

/** Which credential names a therapist on a claim or superbill: a state licence before a certification. */
const LICENCE_ORDER: readonly CredentialRow['kind'][] = [
  'state_license',
  'camtc',
  'ncbtmb',
  'other_certification',
];

export interface ProviderIdentity {
  /** Active licences and certifications valid on the day asked about, the one to bill under first. */
  qualifications: CredentialRow[];
  npi: string | null;
}

/** Whether a credential was in force on a date: active, issued by then (when known), not yet expired. */
const validOn = (c: CredentialRow, date: string) =>
  c.status === 'active' && (!c.issuedOn || c.issuedOn <= date) && (!c.expiresOn || c.expiresOn >= date);

/** Every credential on file for these therapists, whatever its state: one query, read per date below. */
export async function providerCredentials(
  db: Executor,
  clinicId: string,
  therapistIds: readonly string[],
): Promise<CredentialRow[]> {
  return therapistIds.length
    ? db
        .select()
        .from(credentials)
        .where(and(eq(credentials.clinicId, clinicId), inArray(credentials.therapistId, [...therapistIds])))
    : [];
}

/** The identity a therapist practises and bills under on `date`, from their credentials on file. */
export function identityOn(
  rows: readonly CredentialRow[],
  therapistId: string,
  date: string,
): ProviderIdentity {
  const own = rows.filter((c) => c.therapistId === therapistId && validOn(c, date));
  return {
    qualifications: own
      .filter((c) => c.kind !== 'npi')
      .sort((a, b) => LICENCE_ORDER.indexOf(a.kind) - LICENCE_ORDER.indexOf(b.kind)),
    npi: own.find((c) => c.kind === 'npi')?.number ?? null,
  };
}

/**
 * Why a therapist could not practise on `date`, in plain words ("their Certified Massage Therapist (CMT)
 * expired on Nov 17, 2026"), or null when a licence or certification was valid that day. A therapist with no
 * licence on file at all is null too: there is no lapse to report, only a record to complete.
 */
export function licenceLapse(
  rows: readonly CredentialRow[],
  therapistId: string,
  date: string,
): string | null {
  const licences = rows.filter((c) => c.therapistId === therapistId && c.kind !== 'npi');
  if (licences.length === 0 || licences.some((c) => validOn(c, date))) return null;
  // The one that came closest to covering the day: the latest to expire.
  const [closest] = [...licences].sort((a, b) =>
    (b.expiresOn ?? '9999').localeCompare(a.expiresOn ?? '9999'),
  );
  const c = closest!;
  if (c.status !== 'active') return `their ${c.title} is ${c.status} on file`;
  if (c.issuedOn && c.issuedOn > date) return `their ${c.title} was issued only on ${dayText(c.issuedOn)}`;
  return `their ${c.title} expired on ${dayText(c.expiresOn!)}`;
}

/**
 * The identity a therapist practises and bills under on a given day: their active, unexpired licences and
 * certifications, and their NPI. One query for any number of therapists.
 */
export async function providerIdentities(
  db: Executor,
  clinicId: string,
  therapistIds: readonly string[],
  validOnDate: string,
): Promise<Map<string, ProviderIdentity>> {
  const rows = await providerCredentials(db, clinicId, therapistIds);
  return new Map(therapistIds.map((id) => [id, identityOn(rows, id, validOnDate)]));
}

/** "Jordan Lee — Certified Massage Therapist 12345 (CA) — NPI 1234567893", as a superbill names its provider. */
export function providerLine(name: string, identity: ProviderIdentity | undefined): string {
  const licence = identity?.qualifications[0];
  return [
    name,
    licence
      ? `${licence.title}${licence.number ? ` ${licence.number}` : ''}${licence.region ? ` (${licence.region})` : ''}`
      : null,
    identity?.npi ? `NPI ${identity.npi}` : null,
  ]
    .filter(Boolean)
    .join(' — ');
}
