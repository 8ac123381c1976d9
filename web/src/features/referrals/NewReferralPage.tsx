import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { ReferralForm } from './ReferralForm.tsx';
import '../patients/clinical.css';

/** Staff record a paper referral for a patient (from the chart, or from a document the patient sent). */
export function NewReferralPage() {
  const clinic = useClinic();
  const navigate = useNavigate();
  const { patientId = '' } = useParams();
  // From "Sent by patients": the document the referral is recorded from.
  const [search] = useSearchParams();
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
        documentId={search.get('document') ?? undefined}
        onCreated={(_, notice) => navigate(`/patients/${p.id}`, { state: { notice } })}
      />
    </Page>
  );
}
