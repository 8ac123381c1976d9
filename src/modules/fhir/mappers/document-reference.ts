import { and, eq, inArray } from 'drizzle-orm';
import type { DocumentReference } from 'fhir/r4.js';
import { attachments, clinicalReports } from '../../../db/schema/index.ts';
import { attachmentDownloadPath, listAttachments } from '../../attachments/repository.ts';
import { ATTACHMENT_KIND_LABELS } from '../../attachments/schemas.ts';
import { physicianMayRead } from '../../reports/service.ts';
import { SYSTEMS } from '../codes.ts';
import { clean, instant, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';

/**
 * A signed report to the referring physician (progress report, discharge summary). By default they are read from
 * `clinical_reports` (signed rows) by `signedReportsFromTable`; the reports capability may supply its own loader
 * through `FhirOptions.reports` (src/modules/fhir/routes.ts), e.g. once it serves the PDF at another path.
 */
export interface SignedReport {
  id: string;
  patientId: string;
  kind: 'progress_report' | 'discharge_summary';
  title: string;
  authorId: string;
  signedAt: Date;
  /** Where the PDF is downloaded (absolute, or a path under the public URL); that route checks access itself. */
  pdfUrl: string;
  pdfSizeBytes?: number;
  /** The referral the report answers, and the period it covers. */
  referralId?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  /** A later signed report that replaces this one (an amended report). */
  supersededById?: string | null;
}

/** Loads the signed reports of the query's patients (or the one `q.rowId` names). */
export type ReportLoader = (q: LoadQuery) => Promise<SignedReport[]>;

/** Where the PDF of a report is served (the reports capability's route; access is checked there). */
export const reportPdfPath = (r: { clinicId: string; patientId: string; id: string }) =>
  `/api/clinics/${r.clinicId}/patients/${r.patientId}/reports/${r.id}/pdf`;

/**
 * The default loader: signed rows of `clinical_reports`; for a caller who is not staff (a physician), those
 * they may read as in the reports API (one on a self-referred plan only when delivered to them).
 */
export const signedReportsFromTable: ReportLoader = async (q) => {
  const rows = await q.db
    .select()
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, q.clinicId),
        eq(clinicalReports.status, 'signed'),
        q.viewer && !q.viewer.staff ? physicianMayRead(q.viewer.userId) : undefined,
        q.patientIds ? inArray(clinicalReports.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(clinicalReports.id, q.rowId) : undefined,
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    title: `${KIND[row.kind]}, ${row.periodStart} to ${row.periodEnd}`,
    authorId: row.authorId,
    signedAt: row.signedAt!,
    pdfUrl: reportPdfPath(row),
    referralId: row.referralId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
  }));
};

const KIND = {
  progress_report: 'Progress report',
  discharge_summary: 'Discharge summary',
} as const;

export function toDocumentReference(r: SignedReport, publicUrl: string): DocumentReference {
  const url = /^https?:/.test(r.pdfUrl)
    ? r.pdfUrl
    : `${publicUrl}${r.pdfUrl.startsWith('/') ? '' : '/'}${r.pdfUrl}`;
  return clean({
    resourceType: 'DocumentReference',
    id: r.id,
    status: r.supersededById ? 'superseded' : 'current',
    docStatus: 'final',
    type: {
      coding: [{ system: SYSTEMS.reportKind, code: r.kind, display: KIND[r.kind] }],
      text: KIND[r.kind],
    },
    subject: ref('Patient', r.patientId),
    date: instant(r.signedAt),
    author: [ref('Practitioner', r.authorId)],
    authenticator: ref('Practitioner', r.authorId),
    description: r.title,
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          url,
          size: r.pdfSizeBytes,
          title: r.title,
          creation: instant(r.signedAt),
        },
      },
    ],
    context: {
      period: r.periodStart ? { start: r.periodStart, end: r.periodEnd ?? undefined } : undefined,
      related: r.referralId ? [ref('ServiceRequest', r.referralId)] : [],
    },
  } as DocumentReference);
}

type PatientDocument = Awaited<ReturnType<typeof listAttachments>>[number];

/**
 * A document in the patient's record (a scanned prescription, an imaging report, a clearance letter), filed with
 * the referral it belongs to. Its author is the patient when they sent it, else the staff member by name.
 */
export function documentToDocumentReference(
  d: PatientDocument,
  clinicId: string,
  publicUrl: string,
): DocumentReference {
  const label = ATTACHMENT_KIND_LABELS[d.kind];
  return clean({
    resourceType: 'DocumentReference',
    id: d.id,
    status: 'current',
    type: { coding: [{ system: SYSTEMS.documentKind, code: d.kind, display: label }], text: label },
    subject: ref('Patient', d.patientId),
    date: d.createdAt,
    author: [d.uploadedByPatient ? ref('Patient', d.patientId) : { display: d.uploadedByName }],
    description: d.fileName,
    content: [
      {
        attachment: {
          contentType: d.contentType,
          url: `${publicUrl}${attachmentDownloadPath(clinicId, d.patientId, d.id)}`,
          size: d.sizeBytes,
          title: d.fileName,
          creation: d.createdAt,
        },
      },
    ],
    context: { related: d.referralId ? [ref('ServiceRequest', d.referralId)] : [] },
  } as DocumentReference);
}

export function documentReferenceDef(
  loader: ReportLoader | undefined,
  publicUrl: string,
): ResourceDef<DocumentReference> {
  return {
    type: 'DocumentReference',
    scope: 'patient',
    documentation:
      "Signed progress reports and discharge summaries (id = the report id), and the documents in the patient's record (id = the document id); each file is attached by URL (content.attachment.url).",
    sources: [
      {
        name: 'signed-reports',
        permission: 'clinical.read',
        allowSelf: false,
        async load(q) {
          const rows = await (loader ?? signedReportsFromTable)(q);
          return rows.map((r) => ({ resource: toDocumentReference(r, publicUrl), patientId: r.patientId }));
        },
      },
      {
        name: 'patient-documents',
        permission: 'patients.read',
        allowSelf: true,
        async load(q) {
          const rows = await listAttachments(
            q.db,
            q.clinicId,
            and(
              q.patientIds ? inArray(attachments.patientId, [...q.patientIds]) : undefined,
              q.rowId ? eq(attachments.id, q.rowId) : undefined,
            ),
          );
          return rows.map((d) => ({
            resource: documentToDocumentReference(d, q.clinicId, publicUrl),
            patientId: d.patientId,
          }));
        },
      },
    ],
    params: [
      {
        name: 'patient',
        type: 'reference',
        documentation: 'The patient',
        refs: (r) => [r.subject?.reference],
      },
      {
        name: 'subject',
        type: 'reference',
        documentation: 'The patient',
        refs: (r) => [r.subject?.reference],
      },
      { name: 'date', type: 'date', documentation: 'When signed', dates: (r) => [r.date] },
      {
        name: 'status',
        type: 'token',
        documentation: 'current | superseded',
        tokens: (r) => plainTokens(r.status),
      },
      {
        name: 'type',
        type: 'token',
        documentation:
          'progress_report | discharge_summary | prescription | imaging_report | clearance | other',
        tokens: (r) => codings([r.type]),
      },
    ],
  };
}
