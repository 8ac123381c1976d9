import type {
  AppointmentDto as Appointment,
  ReferralStanding,
} from '../../../../src/modules/appointments/schemas.ts';
import { formatDay } from '../../components/format.ts';

type Code = ReferralStanding['warnings'][number]['code'];

/**
 * The referral's warnings on one visit, as the desk reads them before booking it (`booking`) or checking the
 * patient in (`visit`): the server decides (the series rule), these only word it. `today` is the clinic's date.
 */
export function referralNotes(
  standing: ReferralStanding,
  today: string,
  when: 'booking' | 'visit',
): string[] {
  const { referral } = standing;
  if (!referral) return [];
  const whose = referral.linked ? 'This visit’s referral' : 'The patient’s referral';
  const until = formatDay(referral.validUntil);
  const notes: Record<Code, string> = {
    after_referral_expiry:
      referral.validUntil && referral.validUntil < today
        ? `${whose} expired ${until}.`
        : `${whose} expires ${until}, before this visit.`,
    before_referral_start: `${whose} is valid only from ${formatDay(referral.validFrom)}.`,
    exceeds_authorized_visits:
      when === 'booking'
        ? `${whose}: all ${referral.visitsAllowed} authorised visits are used or booked (${referral.visitsUsedOrBooked}).`
        : `${whose}: its ${referral.visitsAllowed} authorised visits are used up; this is visit ${referral.visitsUsedOrBooked + 1}.`,
  };
  return standing.warnings.map((warning) => notes[warning.code]);
}

/**
 * What the desk should read before checking the patient in for a visit still to come: the intake not done (the
 * flag the calendar list marks it by) and the referral's notes. Nothing once checked in, or for a visit over.
 */
export function checkInWarnings(
  appointment: Pick<Appointment, 'status' | 'intakeSubmitted'>,
  standing: ReferralStanding | undefined,
  today: string,
): { intakeMissing: boolean; referral: string[] } {
  const toCheckIn = appointment.status === 'booked' || appointment.status === 'confirmed';
  return {
    intakeMissing: toCheckIn && appointment.intakeSubmitted === false,
    referral: toCheckIn && standing ? referralNotes(standing, today, 'visit') : [],
  };
}
