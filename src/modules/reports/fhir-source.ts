import { and, eq, inArray } from 'drizzle-orm';
import { clinicalReports } from '../../db/schema/index.ts';
import type { ReportLoader } from '../fhir/mappers/document-reference.ts';
import { reportTitle } from './document.ts';

/** Signed reports for the FHIR module's DocumentReference (the PDF linked, its route checks access itself). */
export const signedReportLoader: ReportLoader = async (q) => {
  const rows = await q.db
    .select()
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, q.clinicId),
        eq(clinicalReports.status, 'signed'),
        q.patientIds ? inArray(clinicalReports.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(clinicalReports.id, q.rowId) : undefined,
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patientId,
    kind: r.kind,
    title: reportTitle(r.kind, { period: { start: r.periodStart, end: r.periodEnd } }),
    authorId: r.authorId,
    signedAt: r.signedAt!,
    pdfUrl: `/api/clinics/${r.clinicId}/patients/${r.patientId}/reports/${r.id}/report.pdf`,
    referralId: r.referralId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
  }));
};
