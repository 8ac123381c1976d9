import { useId, useRef, useState } from 'react';
import { ATTACHMENT_KIND_VALUES } from '../../../../src/modules/attachments/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../components/format.ts';
import { EmptyState, LiveMessage } from '../../components/Status.tsx';
import { type Attachment, clinical, fileProblem, uploadAttachment } from '../patients/api.ts';
import { formatBytes } from '../patients/labels.tsx';
import { SectionHeading } from './sections.tsx';

export const KIND_LABELS: Record<Attachment['kind'], string> = {
  prescription: 'Prescription (scanned referral)',
  imaging_report: 'Imaging report (MRI, X-ray)',
  clearance: 'Physician clearance',
  other: 'Other document',
};

/** The same kinds, in the words of the patient who sends them. */
const PATIENT_KIND_LABELS: Record<Attachment['kind'], string> = {
  prescription: "My doctor's prescription or referral",
  imaging_report: 'An imaging report (MRI, X-ray)',
  clearance: 'A letter from my doctor',
  other: 'Something else',
};

/**
 * A patient's documents, each downloadable: for staff with the size and who added it, for the patient in their
 * own words ("You" for what they sent).
 */
export function DocumentsTable({
  caption,
  patientId,
  documents,
  audience,
}: {
  caption: string;
  patientId: string;
  documents: Attachment[];
  audience: 'staff' | 'patient';
}) {
  const clinic = useClinic();
  const staff = audience === 'staff';
  return (
    <DataTable
      caption={caption}
      rowHeader={false}
      rows={documents}
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
        staff
          ? { label: 'Kind', cell: (d) => KIND_LABELS[d.kind] }
          : { label: 'What it is', cell: (d) => PATIENT_KIND_LABELS[d.kind] },
        staff && { label: 'Size', cell: (d) => formatBytes(d.sizeBytes) },
        { label: 'Added', cell: (d) => formatDateTime(d.createdAt, clinic.timeZone) },
        {
          label: 'By',
          cell: (d) =>
            d.uploadedByPatient ? (staff ? `${d.uploadedByName} (patient)` : 'You') : d.uploadedByName,
        },
      ]}
    />
  );
}

type Send = (file: File, kind: Attachment['kind']) => Promise<Attachment>;

/** Sends a file to a patient's documents as the signed-in person. */
export function useUploadToPatient(patientId: string): Send {
  const clinic = useClinic();
  const { me } = useSession();
  return (file, kind) => uploadAttachment({ clinicId: clinic.id, patientId }, file, kind, me.csrfToken ?? '');
}

/** A file input with the type and size rules stated, checked before the upload; answers the new attachment. */
export function FileUpload({
  label,
  send,
  defaultKind = 'other',
  audience = 'staff',
  onUploaded,
}: {
  label: string;
  send: Send;
  defaultKind?: Attachment['kind'];
  /** The patient sends in their own words: "What is it?", "Send to the clinic". */
  audience?: 'staff' | 'patient';
  onUploaded: (attachment: Attachment) => void;
}) {
  const patient = audience === 'patient';
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Attachment['kind']>(defaultKind);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function upload() {
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) return setError('Choose a file first.');
    const problem = fileProblem(file);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      const created = await send(file, kind);
      if (input.current) input.current.value = '';
      onUploaded(created);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="upload">
      <div className="field-row">
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-file`}>{label}</label>
          <div id={`${id}-hint`} className="field-hint">
            PDF, JPEG or PNG, up to 10 MB.
          </div>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-describedby={`${id}-hint ${id}-error`}
            aria-invalid={error ? true : undefined}
            onChange={() => setError(null)}
          />
          <div id={`${id}-error`} className="field-error" aria-live="polite">
            {error ?? ''}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{patient ? 'What is it?' : 'Kind of document'}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as Attachment['kind'])}
          >
            {ATTACHMENT_KIND_VALUES.map((k) => (
              <option key={k} value={k}>
                {(patient ? PATIENT_KIND_LABELS : KIND_LABELS)[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-button">
          <button type="button" className="button button-secondary" disabled={busy} onClick={upload}>
            {busy ? 'Uploading…' : patient ? 'Send to the clinic' : 'Upload'}
          </button>
        </div>
      </div>
    </div>
  );
}

export function DocumentsSection({
  patientId,
  documents,
  canUpload,
  onChanged,
}: {
  patientId: string;
  documents: Attachment[];
  canUpload: boolean;
  onChanged: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const send = useUploadToPatient(patientId);
  return (
    <section className="section chart-section" aria-labelledby="section-documents">
      <SectionHeading id="documents" title="Documents" />
      <LiveMessage message={message} />
      {documents.length === 0 ? (
        <EmptyState title="No documents yet">
          {canUpload ? 'Scanned prescriptions, imaging reports and clearance letters go here.' : null}
        </EmptyState>
      ) : (
        <DocumentsTable caption="Documents" patientId={patientId} documents={documents} audience="staff" />
      )}
      {canUpload ? (
        <div className="card section-tight">
          <FileUpload
            label="Add a document"
            send={send}
            onUploaded={(a) => {
              setMessage(`${a.fileName} was uploaded.`);
              onChanged();
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
