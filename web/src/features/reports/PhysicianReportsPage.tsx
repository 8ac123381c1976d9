import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate, formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading, QueryList } from '../../components/Status.tsx';
import { reportFile, reportsApi } from './api.ts';
import { ReportFacts, ReportText } from './ReportBody.tsx';
import './reports.css';

/**
 * The physician portal: signed reports about the physician's patients; `?patient=` (from a patient's chart)
 * lists that patient's only.
 */
export function PhysicianReportsPage() {
  const clinic = useClinic();
  const [params] = useSearchParams();
  const patientId = params.get('patient');
  const list = useQuery({
    queryKey: ['physician-reports', clinic.id],
    queryFn: () => reportsApi.physicianList(clinic.id),
    select: (data) => (patientId ? { items: data.items.filter((r) => r.patientId === patientId) } : data),
  });
  return (
    <Page
      title="Reports"
      intro={
        <p>
          Progress reports and discharge summaries about{' '}
          {patientId ? (
            <>
              this patient. <Link to="/physician/reports">All your patients’ reports</Link>
            </>
          ) : (
            'your patients.'
          )}
        </p>
      }
    >
      <QueryList query={list} empty={<EmptyState title="No reports yet" />}>
        {(items) => (
          <DataTable
            caption="Reports about your patients"
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              { label: 'Patient', cell: (r) => r.patientName },
              { label: 'Report', cell: (r) => <Link to={`/physician/reports/${r.id}`}>{r.title}</Link> },
              { label: 'Signed', cell: (r) => formatDate(r.signedAt, clinic.timeZone) },
              {
                label: 'Status',
                cell: (r) =>
                  r.openedAt ? (
                    `Opened ${formatDate(r.openedAt, clinic.timeZone)}`
                  ) : (
                    <span className="badge badge-info">New</span>
                  ),
              },
            ]}
          />
        )}
      </QueryList>
    </Page>
  );
}

/** One report in the physician portal (opening it is recorded by the server). */
export function PhysicianReportPage() {
  const clinic = useClinic();
  const { reportId = '' } = useParams();
  const report = useQuery({
    queryKey: ['physician-report', clinic.id, reportId],
    queryFn: () => reportsApi.byId(clinic.id, reportId),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (report.isPending) return <Loading />;
  if (report.isError)
    return (
      <Page title="Report">
        <LoadError error={report.error} />
      </Page>
    );
  const r = report.data;
  return (
    <Page
      title={r.title}
      intro={
        <p>
          {r.facts.patient.name} · born {formatDay(r.facts.patient.dateOfBirth)} · from{' '}
          {r.facts.therapist.name}, {r.facts.clinic.name} · <Link to="/physician/reports">All reports</Link>
        </p>
      }
    >
      <div className="report-actions">
        <a
          className="button"
          href={reportFile(clinic.id, r.patientId, r.id, 'pdf')}
          target="_blank"
          rel="noreferrer"
        >
          Open the PDF
        </a>
        <span className="badge">Signed by {r.signatureTypedName}</span>
      </div>
      <ReportText report={r} />
      <h2>From the record</h2>
      <ReportFacts report={r} />
    </Page>
  );
}
