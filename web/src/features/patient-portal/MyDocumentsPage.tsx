import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { FileUpload, PATIENT_KIND_LABELS } from '../chart/DocumentsSection.tsx';
import { clinical } from '../patients/api.ts';

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
  if (!patientId)
    return (
      <Page title="My documents">
        <EmptyState title="Your account is not linked to a patient record yet">
          Ask the clinic to link your account.
        </EmptyState>
      </Page>
    );
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
          patientId={patientId}
          defaultKind="prescription"
          kindLabels={PATIENT_KIND_LABELS}
          buttonLabel="Send to the clinic"
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
            <DataTable
              caption="Your documents"
              rows={items}
              rowKey={(d) => d.id}
              columns={[
                {
                  label: 'File',
                  className: 'break',
                  cell: (d) => (
                    <a href={clinical.downloadUrl(clinic.id, patientId, d.id)} download={d.fileName}>
                      {d.fileName}
                    </a>
                  ),
                },
                { label: 'What it is', cell: (d) => PATIENT_KIND_LABELS[d.kind] },
                { label: 'Added', cell: (d) => formatDate(d.createdAt, clinic.timeZone) },
                { label: 'By', cell: (d) => (d.uploadedByPatient ? 'You' : d.uploadedByName) },
              ]}
            />
          )}
        </QueryList>
      </section>
    </Page>
  );
}
