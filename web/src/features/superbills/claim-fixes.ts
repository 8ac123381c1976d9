import type { PayerKind } from '../../../../src/domain/billing/cms1500.ts';
import type { NavKey } from '../../app/navigation.ts';

/** Where a claim problem is fixed: the page, its link text, and the menu entry that opens it (for who may). */
export interface ClaimFix {
  to: string;
  label: string;
  gate: NavKey;
}

/**
 * Where to fix a problem of the claim check (`src/domain/billing/cms1500.ts`, `x12-837p.ts`), from the box it
 * names and, where one box has several sources, the payer or the message: the patient's details, the referral
 * on the chart, the therapist's credentials, the clinic settings, the location. Null when there is no page to
 * open (a visit's documentation, the period chosen).
 */
export function claimProblemFix(
  problem: { field: string; message: string },
  claim: { patientId: string; payer: PayerKind },
): ClaimFix | null {
  const patientDetails: ClaimFix = {
    to: `/patients/${claim.patientId}/edit`,
    label: 'Edit the patient’s details',
    gate: 'patients',
  };
  const referral: ClaimFix = {
    to: `/patients/${claim.patientId}#section-referrals`,
    label: 'Open the referrals',
    gate: 'patients',
  };
  const providers: ClaimFix = { to: '/providers', label: 'Open the referring providers', gate: 'patients' };
  const settings: ClaimFix = { to: '/settings', label: 'Open Clinic settings', gate: 'settings' };
  const location: ClaimFix = { to: '/locations', label: 'Edit the location', gate: 'locations' };
  switch (problem.field) {
    case '2':
    case '3':
    case '5':
      return patientDetails;
    // A health plan, its member ID and group are the patient's insurance; an auto or workers' compensation
    // carrier and its claim number are the injury claim, recorded on the referral.
    case '1a':
    case '11':
    case '11c':
      return claim.payer === 'health' ? patientDetails : referral;
    case '4':
    case '10a':
    case '10b':
    case '14':
    case '21':
    case '24E':
      return referral;
    case '17':
      return /referring provider's last name/.test(problem.message) ? providers : referral;
    case '17b':
      return providers;
    case '24J':
      return {
        to: '/directory-admin/credentials',
        label: 'Open the therapists’ credentials',
        gate: 'directory',
      };
    case '25':
    case '33a':
      return settings;
    case '32':
      return location;
    // The billing provider is the clinic: its name in the settings, its address and phone at the location.
    case '33':
      return /billing provider "/.test(problem.message) ? settings : location;
    default:
      return null;
  }
}
