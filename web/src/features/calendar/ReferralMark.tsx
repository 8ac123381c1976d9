import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { messageOf } from '../../api/client.ts';
import type { Appointment } from '../../api/scheduling.ts';
import { calendarApi } from './api.ts';
import { type ReferralMark as Mark, referralMarksById, referralMarksRange } from './referral-marks.ts';
import { todayIn } from './time.ts';

/**
 * The referral marks of a day list (or the calendar's list): one read for all its appointments still to come or
 * under way, read again when one of them changes. `enabled` false: none (a list that does not show them).
 */
export function useReferralMarks(
  clinicId: string,
  zone: string,
  appointments: Appointment[] | undefined,
  enabled = true,
) {
  const range = appointments ? referralMarksRange(appointments) : null;
  const query = useQuery({
    queryKey: ['referral-standings', clinicId, range?.from, range?.to, range?.key],
    queryFn: () => calendarApi.referralStandings(clinicId, range!.from, range!.to),
    enabled: enabled && range !== null,
    placeholderData: keepPreviousData,
  });
  const today = todayIn(zone);
  const marks = useMemo(() => referralMarksById(query.data?.items ?? [], today), [query.data, today]);
  return { marks, error: enabled && query.isError ? messageOf(query.error) : null };
}

/** "Referral expired Oct 31" on an appointment: the sentence before check-in says the rest. */
export function ReferralMark({ mark }: { mark: Mark | undefined }) {
  if (!mark) return null;
  return (
    <span className="badge badge-warning referral-mark" title={mark.detail}>
      {mark.text}
    </span>
  );
}

/** The marks could not be read: said once above the list, so no mark is not taken for "all in order". */
export function ReferralMarksError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="muted referral-marks-error" role="status">
      The referrals could not be checked: {error}
    </p>
  );
}
