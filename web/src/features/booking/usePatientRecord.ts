import { useQuery } from '@tanstack/react-query';
import { scheduling } from '../../api/scheduling.ts';

/** The signed-in patient's own record at this clinic (the patients search answers only their own). */
export function usePatientRecord(clinicId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['own-patient-record', clinicId],
    queryFn: async () => (await scheduling.patients(clinicId)).items[0] ?? null,
    staleTime: 5 * 60_000,
  });
}
