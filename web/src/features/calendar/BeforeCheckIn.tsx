import { useQuery } from '@tanstack/react-query';
import { messageOf } from '../../api/client.ts';
import type { Appointment } from '../../api/scheduling.ts';
import { calendarApi } from './api.ts';
import { IntakeMissing } from './IntakeMissing.tsx';
import { todayIn } from './time.ts';
import { checkInWarnings } from './visit-warnings.ts';

/**
 * What the desk should know before checking a patient in — the intake not done (the calendar list's own mark),
 * the referral expired or its authorised visits used up — so the warnings are read before Check in is pressed.
 * Check-in stays allowed: the desk decides. `appointment` null: nothing to check in.
 */
export function useBeforeCheckIn(clinicId: string, zone: string, appointment: Appointment | null) {
  const standing = useQuery({
    queryKey: ['referral-standing', clinicId, appointment?.id],
    queryFn: () => calendarApi.referralStandingOf(clinicId, appointment!.id),
    enabled: appointment !== null,
  });
  const { intakeMissing, referral } = appointment
    ? checkInWarnings(appointment, standing.data, todayIn(zone))
    : { intakeMissing: false, referral: [] };
  return {
    appointment,
    intakeMissing,
    referral,
    error: standing.isError ? messageOf(standing.error) : null,
    any: appointment !== null && (intakeMissing || referral.length > 0 || standing.isError),
    /** The referral has been looked up (or the look-up failed): `any` is the whole answer. */
    settled: appointment !== null && !standing.isPending,
  };
}

export function BeforeCheckIn({
  id,
  warnings,
}: {
  id: string;
  warnings: ReturnType<typeof useBeforeCheckIn>;
}) {
  const { appointment } = warnings;
  if (!appointment || !warnings.any) return null;
  return (
    <div id={id} className="alert alert-warning before-check-in">
      <p className="before-check-in-title">Before check-in</p>
      <ul className="warning-list">
        {warnings.intakeMissing ? (
          <li>
            <IntakeMissing appointment={appointment} />
          </li>
        ) : null}
        {warnings.referral.map((note) => (
          <li key={note}>{note}</li>
        ))}
        {warnings.error ? <li>The referral could not be checked: {warnings.error}</li> : null}
      </ul>
    </div>
  );
}
