import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { DocumentsTable, FileUpload, useUploadToPatient } from '../chart/DocumentsSection.tsx';
import { clinical } from '../patients/api.ts';
import { NotLinked } from './NotLinked.tsx';

/**
 * The patient sends the clinic their doctor's prescription or referral and their imaging reports (a phone photo
 * will do), and downloads every document in their record, whoever added it.
 */
export function MyDocumentsPage() {
  const clinic = useClinic();
  const patientId = clinic.patientId;
  const [message, setMessage] = useState<string | null>(null);
  const documents = useQuery({
    queryKey: ['attachments', clinic.id, patientId],
    queryFn: () => clinical.attachments(clinic.id, patientId!),
    enabled: Boolean(patientId),
  });
  const send = useUploadToPatient(patientId ?? '');
  if (!patientId) return <NotLinked title="My documents" />;
  return (
    <Page
      title="My documents"
      intro="Send the clinic your doctor's prescription or referral for massage therapy, and any imaging reports (MRI, X-ray). A clear photo taken with your phone is fine. Your therapist reads them before your visit."
    >
      <section className="card" aria-labelledby="md-send">
        <h2 id="md-send">Send a document</h2>
        <LiveMessage message={message} />
        <FileUpload
          label="Your file"
          send={send}
          defaultKind="prescription"
          audience="patient"
          onUploaded={(a) => {
            setMessage(`${a.fileName} was sent to ${clinic.name}.`);
            void documents.refetch();
          }}
        />
      </section>
      <section className="card" aria-labelledby="md-list">
        <h2 id="md-list">Your documents</h2>
        <QueryList query={documents} empty={<EmptyState title="No documents yet" />}>
          {(items) => (
            <DocumentsTable
              caption="Your documents"
              patientId={patientId}
              documents={items}
              audience="patient"
            />
          )}
        </QueryList>
      </section>
    </Page>
  );
}
