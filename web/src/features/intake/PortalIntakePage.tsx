import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { ClinicIntake } from './ClinicIntake.tsx';
import { Submitted } from './Submitted.tsx';

/** A signed-in patient fills in (or updates) their own questionnaire. */
export function PortalIntakePage() {
  const clinic = useClinic();
  const [submitted, setSubmitted] = useState<{ at: string | null; urgent: boolean } | null>(null);
  const own = useQuery({
    queryKey: ['patients', clinic.id, '', 'self'],
    queryFn: () => clinical.searchPatients(clinic.id, '', undefined, 5),
  });
  if (submitted)
    return (
      <Submitted at={submitted.at} urgent={submitted.urgent} timeZone={clinic.timeZone}>
        <p>
          Do you have a prescription or referral from your doctor, or an imaging report?{' '}
          <Link to="/my-documents">Send it from My documents</Link>.
        </p>
      </Submitted>
    );
  if (own.isPending) return <Loading />;
  if (own.isError)
    return (
      <Page title="My intake">
        <LoadError error={own.error} retry={() => own.refetch()} />
      </Page>
    );
  const me = own.data.items[0];
  return (
    <Page
      title="My intake"
      intro={
        <p>Your health questionnaire for {clinic.name}. Questions marked “required” must be answered.</p>
      }
    >
      {me ? (
        <ClinicIntake patientId={me.id} onSubmitted={(at, urgent) => setSubmitted({ at, urgent })} />
      ) : (
        <EmptyState title="Your patient record is not linked yet">
          Ask {clinic.name} to link your account to your patient record, or use the personal link they
          e-mailed you.
        </EmptyState>
      )}
    </Page>
  );
}
