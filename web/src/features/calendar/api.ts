import type { ReferralStanding, ReferralStandings } from '../../../../src/modules/appointments/schemas.ts';
import type { WorkingTimeDto } from '../../../../src/modules/scheduling/schemas.ts';
import { api } from '../../api/client.ts';

const clinic = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;

/** The calendar's own reads: what to shade, and the referral warnings before booking or check-in. */
export const calendarApi = {
  workingTime: (clinicId: string, from: string, to: string) =>
    api<WorkingTimeDto>(`${clinic(clinicId)}/working-time`, { query: { from, to } }),
  /** Before booking the patient a visit on `date` (local). */
  referralStandingToBook: (clinicId: string, patientId: string, date: string) =>
    api<ReferralStanding>(`${clinic(clinicId)}/appointments/referral-standing`, {
      query: { patientId, date },
    }),
  /** Before checking the patient in for this appointment. */
  referralStandingOf: (clinicId: string, appointmentId: string) =>
    api<ReferralStanding>(
      `${clinic(clinicId)}/appointments/${encodeURIComponent(appointmentId)}/referral-standing`,
    ),
  /** The day list's referral marks: every appointment to come or under way in local dates [from, to). */
  referralStandings: (clinicId: string, from: string, to: string) =>
    api<ReferralStandings>(`${clinic(clinicId)}/referral-standing`, { query: { from, to } }),
};
