import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { ReferralForm } from './ReferralForm.tsx';
import '../patients/clinical.css';

/** Staff record a paper referral for a patient (from the chart). */
export function NewReferralPage() {
  const clinic = useClinic();
  const navigate = useNavigate();
  const { patientId = '' } = useParams();
  const patient = useQuery({
    queryKey: ['patient', clinic.id, patientId],
    queryFn: () => clinical.patient(clinic.id, patientId),
  });
  if (patient.isPending) return <Loading />;
  if (patient.isError)
    return (
      <Page title="Record a referral">
        <LoadError error={patient.error} retry={() => patient.refetch()} />
      </Page>
    );
  const p = patient.data;
  return (
    <Page
      title="Record a referral"
      intro={
        <p>
          A paper referral for{' '}
          <Link to={`/patients/${p.id}`}>
            {p.displayName}
            {p.pronouns ? ` (${p.pronouns})` : ''}
          </Link>
          , born {formatDay(p.dateOfBirth)}.
        </p>
      }
    >
      <ReferralForm
        mode="paper"
        patient={{ patientId: p.id, label: p.displayName }}
        onCreated={(_, notice) => navigate(`/patients/${p.id}`, { state: { notice } })}
      />
    </Page>
  );
}
