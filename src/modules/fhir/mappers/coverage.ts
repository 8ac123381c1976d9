import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Coverage } from 'fhir/r4.js';
import { patients, referralClaims, referrals } from '../../../db/schema/index.ts';
import type { Insurance } from '../../../db/schema/patients.ts';
import { type InjuryCause, injuryCauseLabel } from '../../../domain/catalog/injury.ts';
import { SYSTEMS } from '../codes.ts';
import { clean, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';

/** v3 ActCode coverage types: a health plan, or the auto or workers' compensation policy behind an injury. */
const HEALTH_PLAN = { system: SYSTEMS.actCode, code: 'HIP', display: 'health insurance plan policy' };
const INJURY_POLICY: Partial<Record<InjuryCause, { system: string; code: string; display: string }>> = {
  auto_accident: { system: SYSTEMS.actCode, code: 'AUTOPOL', display: 'automobile' },
  employment: { system: SYSTEMS.actCode, code: 'WCBPOL', display: "worker's compensation" },
};

export const insuranceCoverageId = (patientId: string) => `${patientId}-insurance`;
export const claimCoverageId = (referralId: string) => `${referralId}-claim`;

/** The patient's health insurance (as on the superbill): payer, member id and group number. */
export function toHealthCoverage(patientId: string, insurance: Insurance): Coverage {
  return clean({
    resourceType: 'Coverage',
    id: insuranceCoverageId(patientId),
    status: 'active',
    type: { coding: [HEALTH_PLAN], text: 'Health insurance' },
    subscriberId: insurance.memberId,
    beneficiary: ref('Patient', patientId)!,
    payor: [{ display: insurance.payer }],
    class: insurance.groupNumber
      ? [
          {
            type: { coding: [{ system: SYSTEMS.coverageClass, code: 'group', display: 'Group' }] },
            value: insurance.groupNumber,
          },
        ]
      : [],
  } as Coverage);
}

interface ClaimRow {
  referralId: string;
  patientId: string;
  injuryCause: InjuryCause | null;
  injuryDate: string | null;
  carrier: string;
  claimNumber: string | null;
  employer: string | null;
}

/**
 * The auto or workers' compensation claim behind a referral related to an injury: the carrier pays, the claim
 * number identifies the claim (837P REF*Y4), a workers' compensation employer is the policy holder (clinical
 * reference 4.4), and the coverage runs from the date of injury.
 */
export function toClaimCoverage(row: ClaimRow): Coverage {
  const policy = row.injuryCause ? INJURY_POLICY[row.injuryCause] : undefined;
  return clean({
    resourceType: 'Coverage',
    id: claimCoverageId(row.referralId),
    identifier: row.claimNumber ? [{ type: { text: 'Claim number' }, value: row.claimNumber }] : [],
    status: 'active',
    type: {
      coding: policy ? [policy] : [],
      text: row.injuryCause ? injuryCauseLabel(row.injuryCause) : 'Injury claim',
    },
    policyHolder: row.employer ? { display: row.employer } : undefined,
    beneficiary: ref('Patient', row.patientId)!,
    period: row.injuryDate ? { start: row.injuryDate } : undefined,
    payor: [{ display: row.carrier }],
  } as Coverage);
}

export const coverageDef: ResourceDef<Coverage> = {
  type: 'Coverage',
  scope: 'patient',
  documentation:
    "The patient's health insurance (id `<patient id>-insurance`: payer, member id, group; billing.read, the patient reads their own) and the auto or workers' compensation claim behind an injury referral (id `<referral id>-claim`: carrier, claim number, employer, from the date of injury; owner and front desk only). A claim without a carrier is left out: a Coverage needs its payer.",
  sources: [
    {
      name: 'insurance',
      permission: 'billing.read',
      allowSelf: true,
      async load(q) {
        const rows = await q.db
          .select({ id: patients.id, insurance: patients.insurance })
          .from(patients)
          .where(
            and(
              eq(patients.clinicId, q.clinicId),
              isNotNull(patients.insurance),
              q.patientIds ? inArray(patients.id, [...q.patientIds]) : undefined,
              q.rowId ? eq(patients.id, q.rowId) : undefined,
            ),
          );
        return rows.map((row) => ({ resource: toHealthCoverage(row.id, row.insurance!), patientId: row.id }));
      },
    },
    {
      name: 'injury-claims',
      permission: 'claims.manage',
      allowSelf: false,
      async load(q) {
        const rows = await q.db
          .select({
            referralId: referrals.id,
            patientId: referrals.patientId,
            injuryCause: referrals.injuryCause,
            injuryDate: referrals.injuryDate,
            carrier: referralClaims.carrier,
            claimNumber: referralClaims.claimNumber,
            employer: referralClaims.employer,
          })
          .from(referralClaims)
          .innerJoin(
            referrals,
            and(eq(referrals.clinicId, referralClaims.clinicId), eq(referrals.id, referralClaims.referralId)),
          )
          .where(
            and(
              eq(referralClaims.clinicId, q.clinicId),
              isNotNull(referralClaims.carrier),
              q.patientIds ? inArray(referrals.patientId, [...q.patientIds]) : undefined,
              q.rowId ? eq(referrals.id, q.rowId) : undefined,
            ),
          );
        return rows.map((row) => ({
          resource: toClaimCoverage({ ...row, carrier: row.carrier! }),
          patientId: row.patientId,
        }));
      },
    },
  ],
  params: [
    {
      name: 'patient',
      type: 'reference',
      documentation: 'The patient',
      refs: (r) => [r.beneficiary.reference],
    },
    {
      name: 'beneficiary',
      type: 'reference',
      documentation: 'The patient',
      refs: (r) => [r.beneficiary.reference],
    },
    {
      name: 'type',
      type: 'token',
      documentation: 'HIP (health plan), AUTOPOL (auto), WCBPOL (workers’ compensation), v3 ActCode',
      tokens: (r) => codings([r.type]),
    },
    { name: 'status', type: 'token', documentation: 'active', tokens: (r) => plainTokens(r.status) },
    {
      name: 'identifier',
      type: 'token',
      documentation: 'The claim number of an injury claim',
      tokens: (r) => plainTokens(...(r.identifier ?? []).map((i) => i.value)),
    },
  ],
};
