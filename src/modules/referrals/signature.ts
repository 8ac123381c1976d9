import { createHash } from 'node:crypto';

/**
 * Electronic signature of an e-referral: the physician types their name; Palpa stores it with the time and
 * the SHA-256 of the canonical JSON of what was signed (`signedContent`), so any later change is detectable.
 * Canonical JSON: object keys sorted (recursively), no whitespace, `undefined` left out, arrays in order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface SignableReferral {
  clinicId: string;
  id: string;
  patientId: string;
  providerId: string | null;
  referralDate: string;
  diagnoses: readonly { code: string; laterality: string | null }[];
  techniques: readonly string[];
  bodyRegions: readonly string[];
  frequencyPerWeek: number | null;
  durationWeeks: number | null;
  authorizedVisits: number | null;
  sessionMinutes: number | null;
  precautions: string | null;
  validFrom: string;
  validUntil: string | null;
  renewsReferralId: string | null;
  injuryCause?: string | null;
  injuryDate?: string | null;
  accidentState?: string | null;
}

/** Exactly what the physician signs: the referral's clinical content, the signer and the time. */
export function signedContent(
  referral: SignableReferral,
  signer: { userId: string; typedName: string; signedAt: Date },
): Record<string, unknown> {
  return {
    type: 'palpa.referral.v1',
    clinicId: referral.clinicId,
    referralId: referral.id,
    patientId: referral.patientId,
    providerId: referral.providerId,
    referralDate: referral.referralDate,
    diagnoses: referral.diagnoses.map((d) => ({ code: d.code, laterality: d.laterality })),
    techniques: [...referral.techniques],
    bodyRegions: [...referral.bodyRegions],
    frequencyPerWeek: referral.frequencyPerWeek,
    durationWeeks: referral.durationWeeks,
    authorizedVisits: referral.authorizedVisits,
    sessionMinutes: referral.sessionMinutes,
    precautions: referral.precautions,
    validFrom: referral.validFrom,
    validUntil: referral.validUntil,
    renewsReferralId: referral.renewsReferralId,
    // Only when given, so referrals signed before injuries were recorded keep their hash.
    ...(referral.injuryCause
      ? {
          injury: {
            cause: referral.injuryCause,
            date: referral.injuryDate ?? null,
            state: referral.accidentState ?? null,
          },
        }
      : {}),
    signer: { userId: signer.userId, typedName: signer.typedName },
    signedAt: signer.signedAt.toISOString(),
  };
}

export const signatureHash = (content: unknown) =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');
