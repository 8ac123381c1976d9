import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  CLAIM_ID_MAX,
  claim837p,
  electronicClaimProblems,
  type HealthPlanFiling,
} from '../../domain/billing/x12-837p.ts';
import { AppError } from '../../platform/errors.ts';
import type { Cms1500Claim } from './cms1500.ts';

/**
 * The electronic claim (X12 837P) of the claim `cms1500Claim` loaded: the same facts, so the file and the
 * printed form say the same. With no clearinghouse settings in Palpa, the clinic submits under its EIN
 * (ISA05 30, 1000A ETIN) and the file is addressed to the payer by the payer ID the desk gives (ISA08, 1000B,
 * 2010BB): payer IDs are assigned by each clearinghouse's payer list, so they come with the download.
 * A claim with errors among its problems is refused (422 `claim_incomplete`, the problems in `details`).
 */
export function electronicClaimFile(
  claim: Cms1500Claim,
  options: {
    clinicId: string;
    patientId: string;
    from: string;
    to: string;
    payerId: string;
    filing?: HealthPlanFiling;
    at: Date;
    timeZone: string;
  },
) {
  const problems = electronicClaimProblems(claim.input);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    throw new AppError(
      'claim_incomplete',
      `The claim is not complete enough to send: ${errors.length} ${errors.length === 1 ? 'thing' : 'things'} to fix first`,
      { problems },
    );
  const local = DateTime.fromJSDate(options.at, { zone: options.timeZone });
  // A new interchange number for each file, from the clock (tenths of a second, repeating every three years):
  // a clearinghouse refuses a number it has seen lately, and Palpa keeps no counter of files sent.
  const controlNumber = (Math.floor(options.at.getTime() / 100) % 999_999_999) + 1;
  // CLM01 comes back on the payer's answers: the same for the same patient, payer and period, so a file made
  // again names the same claim.
  const claimId = createHash('sha256')
    .update([options.clinicId, options.patientId, claim.payer, options.from, options.to].join('|'))
    .digest('hex')
    .slice(0, CLAIM_ID_MAX - 1)
    .toUpperCase();
  const text = claim837p(claim.input, {
    controlNumber,
    date: local.toISODate()!,
    time: local.toFormat('HH:mm'),
    payerId: options.payerId,
    claimId,
    healthPlanFiling: options.filing,
  });
  return {
    text,
    controlNumber,
    claimId,
    filename: `837p-${claim.payer.replace('_', '-')}-${options.from}-to-${options.to}.txt`,
  };
}
