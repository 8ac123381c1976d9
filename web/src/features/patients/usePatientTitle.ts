import { useQuery } from '@tanstack/react-query';
import { useClinic } from '../../app/session.tsx';
import { clinical } from './api.ts';

/**
 * Titles that name the patient ("Plan of care · Sam Okafor"), for every page about one patient: the name stays
 * in view while documenting, so nothing is written on the wrong chart. Shares the chart's patient query.
 */
export function usePatientTitle(patientId: string): (title: string) => string {
  const clinic = useClinic();
  const patient = useQuery({
    queryKey: ['patient', clinic.id, patientId],
    queryFn: () => clinical.patient(clinic.id, patientId),
  });
  const name = patient.data?.displayName;
  return (title) => (name ? `${title} · ${name}` : title);
}
