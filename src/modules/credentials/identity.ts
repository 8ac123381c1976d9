import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { credentials } from '../../db/schema/index.ts';

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

/**
 * The identity a therapist practises and bills under on a given day: their active, unexpired licences and
 * certifications, and their NPI. One query for any number of therapists.
 */
export async function providerIdentities(
  db: Executor,
  clinicId: string,
  therapistIds: readonly string[],
  validOn: string,
): Promise<Map<string, ProviderIdentity>> {
  const rows = therapistIds.length
    ? await db
        .select()
        .from(credentials)
        .where(
          and(
            eq(credentials.clinicId, clinicId),
            inArray(credentials.therapistId, [...therapistIds]),
            eq(credentials.status, 'active'),
            or(isNull(credentials.expiresOn), gte(credentials.expiresOn, validOn)),
          ),
        )
    : [];
  const identities = new Map<string, ProviderIdentity>();
  for (const id of therapistIds) {
    const own = rows.filter((c) => c.therapistId === id);
    identities.set(id, {
      qualifications: own
        .filter((c) => c.kind !== 'npi')
        .sort((a, b) => LICENCE_ORDER.indexOf(a.kind) - LICENCE_ORDER.indexOf(b.kind)),
      npi: own.find((c) => c.kind === 'npi')?.number ?? null,
    });
  }
  return identities;
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
