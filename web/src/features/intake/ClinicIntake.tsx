import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClinic } from '../../app/session.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { IntakeForm } from './IntakeForm.tsx';

/**
 * The questionnaire of a patient of the clinic, opened by staff (with the patient) or by the patient in the
 * portal: opens the draft (or starts one: an update of the health history after a first intake).
 */
export function ClinicIntake({
  patientId,
  onSubmitted,
}: {
  patientId: string;
  onSubmitted: (at: string | null, urgent: boolean) => void;
}) {
  const clinic = useClinic();
  const [opened] = useState(() => ({ at: Date.now() }));
  const questionnaire = useQuery({
    queryKey: ['questionnaire'],
    queryFn: clinical.questionnaire,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const draft = useQuery({
    queryKey: ['intake-draft', clinic.id, patientId, opened.at],
    queryFn: () => clinical.openIntake(clinic.id, patientId),
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (questionnaire.isPending || draft.isPending) return <Loading />;
  if (questionnaire.isError)
    return <LoadError error={questionnaire.error} retry={() => questionnaire.refetch()} />;
  if (draft.isError) return <LoadError error={draft.error} retry={() => draft.refetch()} />;
  const d = draft.data;
  return (
    <>
      {d.kind === 'update' ? (
        <p className="alert alert-info">
          This is an update of the health history: it starts from the last version’s answers. Change what is
          different and submit; the earlier version is kept.
        </p>
      ) : null}
      <IntakeForm
        questionnaire={questionnaire.data}
        initial={d}
        storageKey={`palpa.intake.${clinic.id}.${d.id}`}
        consentSigning={d.consentSigning}
        timeZone={clinic.timeZone}
        save={(patch) => clinical.saveIntake(clinic.id, patientId, d.id, patch)}
        submit={(patch) => clinical.submitIntake(clinic.id, patientId, d.id, patch)}
        onSubmitted={onSubmitted}
      />
    </>
  );
}
