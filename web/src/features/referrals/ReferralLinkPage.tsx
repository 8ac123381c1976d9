import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import type { Referral } from '../patients/api.ts';

/** The link in the "new referral received" e-mail: opens the patient's chart at the referral's clinic. */
export function ReferralLinkPage() {
  const { clinicId = '', referralId = '' } = useParams();
  const { clinic, me, selectClinic } = useSession();
  const member = me.clinics.some((c) => c.id === clinicId);
  useEffect(() => {
    if (member && clinic?.id !== clinicId) selectClinic(clinicId);
  }, [member, clinic?.id, clinicId, selectClinic]);
  const referral = useQuery({
    queryKey: ['referral', clinicId, referralId],
    queryFn: () => api<Referral>(`/api/clinics/${clinicId}/referrals/${referralId}`),
    enabled: member,
  });
  if (!member)
    return (
      <Page title="Referral">
        <p>This referral belongs to a clinic you are not a member of.</p>
      </Page>
    );
  if (referral.isPending || clinic?.id !== clinicId) return <Loading />;
  if (referral.isError)
    return (
      <Page title="Referral">
        <LoadError error={referral.error} retry={() => referral.refetch()} />
      </Page>
    );
  const staff = clinic.roles.some((r) => r === 'owner' || r === 'front_desk' || r === 'therapist');
  return <Navigate replace to={`${staff ? '' : '/physician'}/patients/${referral.data.patientId}`} />;
}
