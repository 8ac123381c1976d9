import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { localDateIn } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { type DayPatientFlags, daySafety } from './day-safety.ts';

/**
 * The safety flags of the therapist's patients today, by patient: fetched once the day's sessions are known, and
 * again when the patients listed change (a booking, a cancellation), on coming back to the page, and every five
 * minutes, as the day's list is — each fetch is an audited read.
 */
export function useDayFlags(
  clinicId: string,
  zone: string,
  therapistId: string | undefined,
  patientIds: readonly string[] | undefined,
) {
  const date = localDateIn(zone);
  const patients = [...new Set(patientIds ?? [])].sort();
  const query = useQuery({
    queryKey: ['day-flags', clinicId, date, therapistId, patients],
    queryFn: () => clinical.dayFlags(clinicId, { date, ...(therapistId ? { therapistId } : {}) }),
    enabled: therapistId !== undefined && patientIds !== undefined && patients.length > 0,
    // As fresh as the day's list (a health history updated this morning), without an audited read every minute.
    refetchOnWindowFocus: true,
    refetchInterval: 5 * 60_000,
    // A booking added to the day keeps the other patients' marks in view while the list is read again (the
    // same day's only).
    placeholderData: (previous) => (previous?.date === date ? previous : undefined),
  });
  const byPatient = new Map((query.data?.items ?? []).map((item) => [item.patientId, item]));
  return { query, byPatient };
}

/** The day's flags could not be loaded: said once above the list, with a way to try again. */
export function DayFlagsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Alert>
      <p>The safety flags could not be loaded ({messageOf(error)}): check each chart before treating.</p>
      <button type="button" className="button button-secondary" onClick={retry}>
        Try again
      </button>
    </Alert>
  );
}

/**
 * Beside a session of the therapist's day: the patient's worst safety flag in the chart's words and colour,
 * linking to the chart (every flag is described to screen readers and in the tooltip); a warning badge, also
 * linking to the chart, when no health history is on file (never screened); a quiet "No safety flags" when
 * nothing limits treatment; nothing before the flags are loaded.
 */
export function DaySafetyMark({
  patientId,
  patientName,
  flags,
}: {
  patientId: string;
  patientName: string;
  flags: DayPatientFlags | undefined;
}) {
  const descriptionId = useId();
  const safety = daySafety(flags);
  if (!safety) return null;
  if (safety.kind === 'none') return <span className="day-safety day-safety-none">{safety.text}</span>;
  return (
    <>
      <Link
        className={`badge badge-${safety.tone} day-safety`}
        to={`/patients/${patientId}`}
        title={safety.flags.join('\n')}
        aria-describedby={descriptionId}
      >
        <span className="visually-hidden">
          {safety.kind === 'unscreened' ? `Safety of ${patientName}: ` : `Safety flags of ${patientName}: `}
        </span>
        {safety.text}
      </Link>
      <span id={descriptionId} className="visually-hidden">
        {safety.flags.join(' ')}
      </span>
    </>
  );
}
