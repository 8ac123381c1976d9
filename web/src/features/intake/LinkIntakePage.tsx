import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMeQuery } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { FileUpload } from '../chart/DocumentsSection.tsx';
import { clinical, uploadAttachment } from '../patients/api.ts';
import { IntakeForm } from './IntakeForm.tsx';
import { Submitted } from './Submitted.tsx';

/** The personal intake link: no account, the questionnaire of one patient, saved as they go. */
export function LinkIntakePage() {
  const { token = '' } = useParams();
  // Loads the CSRF token when someone signed in opens the link in the same browser.
  const me = useMeQuery();
  const intake = useQuery({
    queryKey: ['intake-link', token],
    queryFn: () => clinical.linkIntake(token),
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [submitted, setSubmitted] = useState<{ at: string | null; urgent: boolean } | null>(null);
  const [sent, setSent] = useState<string[]>([]);

  if (intake.isPending) return <Loading />;
  if (intake.isError) {
    const gone = intake.error instanceof ApiError && [404, 410].includes(intake.error.status);
    return (
      <Page title={gone ? 'This link can no longer be used' : 'Health questionnaire'}>
        {gone ? (
          <div className="alert alert-info" role="alert">
            <p>{intake.error.message}</p>
            <p>If you still need to fill in the questionnaire, ask the clinic to send you a new link.</p>
          </div>
        ) : (
          <LoadError error={intake.error} retry={() => intake.refetch()} />
        )}
      </Page>
    );
  }
  const data = intake.data;
  if (submitted)
    return <Submitted at={submitted.at} urgent={submitted.urgent} timeZone={data.clinicTimeZone} />;
  return (
    <Page
      title={data.questionnaire.title}
      intro={
        <p>
          Hello {data.patientFirstName}, {data.clinicName} asks you to answer these questions before your
          visit. Questions marked “required” must be answered.
        </p>
      }
    >
      <IntakeForm
        questionnaire={data.questionnaire}
        initial={data.intake}
        storageKey={`palpa.intake.link.${token.slice(0, 16)}`}
        consentSigning={data.intake.consentSigning}
        timeZone={data.clinicTimeZone}
        save={(patch) => clinical.saveLinkIntake(token, patch)}
        submit={(patch) => clinical.submitLinkIntake(token, patch)}
        onSubmitted={(at, urgent) => setSubmitted({ at, urgent })}
      />
      <section className="card" aria-labelledby="link-documents">
        <h2 id="link-documents">Your doctor's prescription</h2>
        <p>
          Do you have a prescription or referral from your doctor, or an imaging report (MRI, X-ray)? Send it
          to {data.clinicName} here: a clear photo taken with your phone is fine. You can also bring it to
          your visit.
        </p>
        <LiveMessage message={sent.length ? `Sent to ${data.clinicName}: ${sent.join(', ')}.` : null} />
        <FileUpload
          label="Your file"
          send={(file, kind) => uploadAttachment({ token }, file, kind, me.data?.csrfToken ?? '')}
          defaultKind="prescription"
          audience="patient"
          onUploaded={(a) => setSent((names) => [...names, a.fileName])}
        />
      </section>
    </Page>
  );
}
