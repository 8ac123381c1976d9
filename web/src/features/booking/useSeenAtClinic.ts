import { useQuery } from '@tanstack/react-query';
import { useOptionalSession } from '../../app/session.tsx';
import { clinical } from '../patients/api.ts';
import { seenFromChart } from './service-order.ts';
import { usePatientRecord } from './usePatientRecord.ts';

/**
 * Whether the signed-in patient has completed a visit at this clinic (their chart's attendance), to offer the
 * new-patient sessions first to someone never seen. null while not known: not signed in as a patient here,
 * loading, or a failed read (the sessions then keep their order; booking never waits on it).
 */
export function useSeenAtClinic(clinicId: string): boolean | null {
  const session = useOptionalSession();
  const patientHere = Boolean(session?.me.clinics.find((c) => c.id === clinicId)?.roles.includes('patient'));
  const record = usePatientRecord(clinicId, patientHere);
  const patientId = patientHere ? record.data?.id : undefined;
  const chart = useQuery({
    queryKey: ['own-visits-seen', clinicId, patientId],
    queryFn: () => clinical.chart(clinicId, patientId!),
    enabled: Boolean(patientId),
    staleTime: 5 * 60_000,
    select: seenFromChart,
  });
  return patientId && chart.data !== undefined ? chart.data : null;
}
