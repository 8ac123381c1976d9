import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { clinical } from '../patients/api.ts';
import { ClinicIntake } from './ClinicIntake.tsx';

/** Staff fill in the questionnaire with the patient (from the chart). */
export function StaffIntakePage() {
  const clinic = useClinic();
  const navigate = useNavigate();
  const { patientId = '' } = useParams();
  const patient = useQuery({
    queryKey: ['patient', clinic.id, patientId],
    queryFn: () => clinical.patient(clinic.id, patientId),
  });
  const name = patient.data
    ? `${patient.data.displayName}${patient.data.pronouns ? ` (${patient.data.pronouns})` : ''}`
    : '';
  return (
    <Page
      title="Intake questionnaire"
      intro={
        <p>
          Filling in with <Link to={`/patients/${patientId}`}>{name || 'the patient'}</Link>. Hand the device
          to the patient to sign the consent.
        </p>
      }
    >
      <ClinicIntake
        patientId={patientId}
        onSubmitted={() =>
          navigate(`/patients/${patientId}`, {
            state: { notice: 'The questionnaire was submitted and screened.' },
          })
        }
      />
    </Page>
  );
}
