import './documents.css';
import { type ReactNode, useId, useRef, useState } from 'react';
import {
  ATTACHMENT_KIND_LABELS,
  ATTACHMENT_KIND_VALUES,
} from '../../../../src/modules/attachments/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { EmptyState, LiveMessage } from '../../components/Status.tsx';
import { type Attachment, clinical, fileProblem, type Referral, uploadAttachment } from '../patients/api.ts';
import { formatBytes, referrerName } from '../patients/labels.tsx';
import { SectionHeading } from './sections.tsx';

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
  referralColumn,
}: {
  caption: string;
  patientId: string;
  documents: Attachment[];
  audience: 'staff' | 'patient';
  /** Staff: which referral each document is filed with (and a way to change it). */
  referralColumn?: (d: Attachment) => ReactNode;
}) {
  const clinic = useClinic();
  const staff = audience === 'staff';
  return (
    <DataTable
      caption={caption}
      className="documents-table"
      rowHeader={false}
      rows={documents}
      rowKey={(d) => d.id}
      columns={[
        {
          label: 'File',
          className: 'break document-file',
          // Staff see the size under the name: a column of its own would not fit beside the menu on a tablet.
          cell: (d) => (
            <>
              <a href={clinical.downloadUrl(clinic.id, patientId, d.id)} download={d.fileName}>
                {d.fileName}
              </a>
              {staff ? <div className="small muted">{formatBytes(d.sizeBytes)}</div> : null}
            </>
          ),
        },
        staff
          ? { label: 'Kind', cell: (d) => ATTACHMENT_KIND_LABELS[d.kind] }
          : { label: 'What it is', cell: (d) => PATIENT_KIND_LABELS[d.kind] },
        { label: 'Added', cell: (d) => formatDateTime(d.createdAt, clinic.timeZone) },
        {
          label: 'By',
          cell: (d) =>
            d.uploadedByPatient ? (staff ? `${d.uploadedByName} (patient)` : 'You') : d.uploadedByName,
        },
        referralColumn && { label: 'Referral', cell: referralColumn },
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
                {(patient ? PATIENT_KIND_LABELS : ATTACHMENT_KIND_LABELS)[k]}
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

/** "Lee Chen, DO, Mar 1, 2026": a referral as a choice in a list. */
const referralChoice = (r: Referral) =>
  `${r.provider ? referrerName(r.provider) : r.source === 'electronic' ? 'E-referral' : 'Paper referral'}, ${formatDay(r.referralDate)}`;

/** Files a document with one of the patient's referrals, or takes it off ("Not filed"). */
function FiledWith({
  patientId,
  document,
  referrals,
  onFiled,
}: {
  patientId: string;
  document: Attachment;
  referrals: Referral[];
  onFiled: (message: string) => void;
}) {
  const clinic = useClinic();
  const [busy, setBusy] = useState(false);
  const [choice, setChoice] = useState(document.referralId ?? '');
  async function file() {
    const referralId = choice || null;
    setBusy(true);
    try {
      await clinical.fileUnderReferral(clinic.id, patientId, document.id, referralId);
      const referral = referrals.find((r) => r.id === referralId);
      onFiled(
        referral
          ? `${document.fileName} is filed with the referral of ${referralChoice(referral)}.`
          : `${document.fileName} is no longer filed with a referral.`,
      );
    } catch (error) {
      onFiled(`${document.fileName} could not be filed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  }
  // A button files it, so moving through the list with the arrow keys does not file it at each step.
  return (
    <span className="inline-form">
      <select
        aria-label={`Referral ${document.fileName} is filed with`}
        value={choice}
        disabled={busy}
        onChange={(e) => setChoice(e.target.value)}
      >
        <option value="">Not filed</option>
        {referrals.map((r) => (
          <option key={r.id} value={r.id}>
            {referralChoice(r)}
          </option>
        ))}
      </select>
      {choice !== (document.referralId ?? '') ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          aria-label={`File ${document.fileName}`}
          onClick={file}
        >
          {busy ? 'Filing…' : 'File'}
        </button>
      ) : null}
    </span>
  );
}

export function DocumentsSection({
  patientId,
  documents,
  referrals,
  canUpload,
  onChanged,
}: {
  patientId: string;
  documents: Attachment[];
  /** The patient's referrals, to file documents with (staff who may write). */
  referrals: Referral[];
  canUpload: boolean;
  onChanged: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const send = useUploadToPatient(patientId);
  const referralColumn =
    canUpload && referrals.length > 0
      ? (d: Attachment) => (
          <FiledWith
            patientId={patientId}
            document={d}
            referrals={referrals}
            onFiled={(text) => {
              setMessage(text);
              onChanged();
            }}
          />
        )
      : undefined;
  return (
    <section className="section chart-section" aria-labelledby="section-documents">
      <SectionHeading id="documents" title="Documents" />
      <LiveMessage message={message} />
      {documents.length === 0 ? (
        <EmptyState title="No documents yet">
          {canUpload ? 'Scanned prescriptions, imaging reports and clearance letters go here.' : null}
        </EmptyState>
      ) : (
        <DocumentsTable
          caption="Documents"
          patientId={patientId}
          documents={documents}
          audience="staff"
          referralColumn={referralColumn}
        />
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
