import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { referringProviders } from '../../db/schema/index.ts';
import {
  addressText,
  type ClaimAddress,
  type ClaimForm,
  type ClaimInput,
  type ClaimLineInput,
  type ClaimProblem,
  claimForms,
  claimProblems,
  formBoxes,
  type PayerKind,
  splitCents,
} from '../../domain/billing/cms1500.ts';
import { formatCents } from '../../domain/billing/money.ts';
import { AppError } from '../../platform/errors.ts';
import { localDate } from '../patients/dates.ts';
import { patientClaims } from '../referrals/claims.ts';
import type { DocSection, ReportDocument } from '../reports/document.ts';
import { documentParties } from '../reports/parties.ts';
import { billedVisits } from './service.ts';

/** Place of service 11: the clinic's office (CMS place-of-service code set). */
const OFFICE = '11';

export const PAYER_LABELS: Record<PayerKind, string> = {
  health: 'Health plan',
  auto: 'Auto insurance (PIP / MedPay)',
  workers_comp: "Workers' compensation",
};

const INJURY_OF_PAYER = { auto: 'auto_accident', workers_comp: 'employment' } as const;

export interface Cms1500Claim {
  payer: PayerKind;
  /** Visits on the claim, and visits of the period left off (not under the auto or workers' comp claim). */
  visits: number;
  leftOff: number;
  input: ClaimInput;
  forms: ClaimForm[];
  problems: ClaimProblem[];
}

/**
 * The CMS-1500 claim of the visits documented between two dates, to one payer: the patient's health plan, or
 * the carrier of the auto or workers' compensation claim behind an injury referral (then only the visits under
 * that claim). Unknown payer data (no insurance, no such claim on file) is a 422.
 */
export async function cms1500Claim(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    from: string;
    to: string;
    payer: PayerKind;
    at: Date;
    timeZone: string;
  },
): Promise<Cms1500Claim> {
  const { clinicId, patientId } = input;
  const { patient, clinic, location } = await documentParties(db, clinicId, patientId);
  const billed = await billedVisits(db, input);
  let visits = billed.visits;
  let payer: ClaimInput['payer'];
  let claimReferralId: string | undefined;

  if (input.payer === 'health') {
    if (!patient.insurance)
      throw new AppError(
        'unprocessable',
        "No health insurance is on file for this patient: record the payer and member ID on the patient's record first",
        [{ path: 'querystring.payer', message: 'No health insurance on file' }],
      );
    payer = {
      kind: 'health',
      name: patient.insurance.payer,
      memberId: patient.insurance.memberId,
      groupNumber: patient.insurance.groupNumber ?? null,
    };
  } else {
    const cause = INJURY_OF_PAYER[input.payer];
    const causeOf = (referralId: string) =>
      billed.patientReferrals.find((r) => r.id === referralId)?.injuryCause;
    const claims = (await patientClaims(db, clinicId, patientId)).filter(
      (c) => causeOf(c.referralId) === cause,
    );
    const what = input.payer === 'auto' ? 'auto accident' : "workers' compensation";
    if (claims.length === 0)
      throw new AppError(
        'unprocessable',
        `No ${what} claim is on file for this patient: record the claim (carrier, claim number) on the injury's referral first`,
        [{ path: 'querystring.payer', message: `No ${what} claim on file` }],
      );
    // The claim most of the period's visits are under (the latest claim when none is).
    const under = (c: (typeof claims)[number]) =>
      visits.filter((v) => v.referral && c.appliesTo.includes(v.referral.id)).length;
    const claim = [...claims].sort(
      (a, b) => under(b) - under(a) || b.updatedAt.localeCompare(a.updatedAt),
    )[0]!;
    claimReferralId = claim.referralId;
    visits = visits.filter((v) => v.referral && claim.appliesTo.includes(v.referral.id));
    payer = {
      kind: input.payer,
      name: claim.carrier,
      claimNumber: claim.claimNumber,
      employer: claim.employer,
      firstContactDate: claim.firstContactDate,
    };
  }

  // The referral behind the claim: its injury (10, 14), referring provider (17) and prior authorisation (23).
  const referral =
    (claimReferralId && billed.patientReferrals.find((r) => r.id === claimReferralId)) ||
    [...visits].reverse().find((v) => v.referral)?.referral;
  const [referrer] = referral?.providerId
    ? await db
        .select()
        .from(referringProviders)
        .where(and(eq(referringProviders.clinicId, clinicId), eq(referringProviders.id, referral.providerId)))
    : [];

  const diagnoses = [...new Set(visits.flatMap((v) => v.referral?.diagnoses.map((d) => d.code) ?? []))];
  const lines = visits.flatMap((v): ClaimLineInput[] => {
    const common = {
      date: v.note.visitDate,
      placeOfService: OFFICE,
      modifiers: [] as string[],
      diagnoses: v.referral?.diagnoses.map((d) => d.code) ?? [],
      renderingName: billed.names.get(v.note.authorId) ?? '',
      renderingNpi: v.identity.npi,
      licenceLapse: v.licenceLapse,
      outsideReferral: v.outsideReferral ?? null,
    };
    if (v.codes.length === 0) return [{ ...common, cpt: null, units: 0, chargeCents: null }];
    const weights = v.codes.map((c) => c.units);
    const charges = v.feeCents === undefined ? undefined : splitCents(v.feeCents, weights);
    const paid = splitCents(v.paidCents, weights);
    return v.codes.map((c, i) => ({
      ...common,
      cpt: c.code,
      units: c.units,
      chargeCents: charges ? charges[i]! : null,
      paidCents: paid[i]!,
    }));
  });

  const clinicAddress: ClaimAddress | null = location
    ? {
        line1: location.addressLine1,
        line2: location.addressLine2,
        city: location.city,
        state: location.region,
        postalCode: location.postalCode,
      }
    : null;
  const firstAuthor = visits[0]?.note.authorId;
  const claimInput: ClaimInput = {
    payer,
    patient: {
      firstName: patient.legalFirstName,
      lastName: patient.legalLastName,
      birthDate: patient.dateOfBirth,
      sex: patient.sexAssignedAtBirth === 'male' ? 'M' : patient.sexAssignedAtBirth === 'female' ? 'F' : null,
      address: patient.address
        ? {
            line1: patient.address.line1,
            line2: patient.address.line2 ?? null,
            city: patient.address.city,
            state: patient.address.region,
            postalCode: patient.address.postalCode,
          }
        : null,
      phone: patient.phone,
    },
    injury: referral?.injuryCause
      ? { cause: referral.injuryCause, date: referral.injuryDate, state: referral.accidentState }
      : null,
    referring: referrer
      ? {
          firstName: referrer.firstName,
          lastName: referrer.lastName,
          credentials: referrer.credentials,
          npi: referrer.npi,
        }
      : null,
    diagnoses,
    priorAuthorization: referral?.priorAuthorizationNumber ?? null,
    lines,
    taxId: clinic.taxId,
    billing: { name: clinic.name, address: clinicAddress, phone: location?.phone ?? null, npi: clinic.npi },
    facility: location ? { name: location.name, address: clinicAddress, npi: clinic.npi } : null,
    signature: {
      name: (firstAuthor && billed.names.get(firstAuthor)) || clinic.name,
      date: localDate(input.at, input.timeZone),
    },
  };
  const leftOff = billed.visits.length - visits.length;
  const problems = claimProblems(claimInput);
  if (leftOff > 0)
    problems.push({
      field: 'claim',
      severity: 'warning',
      message: `${leftOff} ${leftOff === 1 ? 'visit' : 'visits'} of this period ${leftOff === 1 ? 'is' : 'are'} not under this claim and ${leftOff === 1 ? 'is' : 'are'} left off.`,
    });
  return {
    payer: input.payer,
    visits: visits.length,
    leftOff,
    input: claimInput,
    forms: claimForms(claimInput),
    problems,
  };
}

/** The review copy: every box of every form with its number and label, and the problems first. */
export function claimReviewDocument(
  claim: Cms1500Claim,
  period: { from: string; to: string },
): ReportDocument {
  const { input } = claim;
  const sections: DocSection[] = [
    {
      heading: 'Before sending',
      paragraphs:
        claim.problems.length > 0
          ? claim.problems.map(
              (p) => `${p.severity === 'error' ? 'To fix' : 'To check'} (box ${p.field}): ${p.message}`,
            )
          : ['Nothing missing: the claim is complete.'],
    },
    ...claim.forms.map((form) => ({
      heading: `Form ${form.page} of ${form.pages}`,
      paragraphs: [
        `${form.lines.length} service ${form.lines.length === 1 ? 'line' : 'lines'}, total charge ${formatCents(form.totalChargeCents)}.`,
      ],
      table: {
        columns: ['Box', 'Item', 'Value'],
        rows: formBoxes(form).map((b) => [b.box, b.label, b.value || '—']),
        widths: [0.8, 2.6, 3.4],
      },
    })),
  ];
  return {
    title: `Insurance claim (CMS-1500) review copy, ${period.from} to ${period.to}`,
    letterhead: {
      name: input.billing.name,
      lines: [
        addressText(input.billing.address),
        input.billing.phone ? `Phone ${input.billing.phone}` : '',
      ].filter(Boolean),
    },
    patient: {
      name: `${input.patient.firstName} ${input.patient.lastName}`,
      dateOfBirth: input.patient.birthDate,
    },
    meta: [
      `Payer: ${PAYER_LABELS[claim.payer]}${input.payer.name ? ` — ${input.payer.name}` : ''}`,
      `${claim.visits} ${claim.visits === 1 ? 'visit' : 'visits'} on ${claim.forms.length} ${claim.forms.length === 1 ? 'form' : 'forms'}. A review copy: print the claim itself on the red CMS-1500 (02/12) form.`,
    ],
    sections,
    signature: `Prepared by Palpa for ${input.billing.name} on ${input.signature.date}.`,
  };
}
