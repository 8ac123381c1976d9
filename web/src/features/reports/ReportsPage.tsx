import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { REPORT_KIND_LABELS } from '../../../../src/modules/reports/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { type ReportKind, reportsApi } from './api.ts';
import './reports.css';
import { formatDate } from '../../components/format.ts';
import { usePatientTitle } from '../patients/usePatientTitle.ts';

/** The patient's reports to the physician: the list, and generating a new draft from the record. */
export function ReportsPage() {
  const clinic = useClinic();
  const { me } = useSession();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  // Set by a discarded draft: "The draft report was discarded."
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const referralId = search.get('referralId') ?? undefined;
  const due = search.get('new') === 'progress_report';
  const list = useQuery({
    queryKey: ['reports', clinic.id, patientId],
    queryFn: () => reportsApi.list(clinic.id, patientId),
  });
  const myDraftOf = (kind: ReportKind) =>
    list.data?.items.find((r) => r.kind === kind && r.status === 'draft' && r.author.userId === me.user.id);
  const create = useMutation({
    mutationFn: (kind: ReportKind) => reportsApi.create(clinic.id, patientId, { kind, referralId }),
    onSuccess: (r) => navigate(`/patients/${patientId}/reports/${r.id}`),
  });
  return (
    <Page
      title={titled('Reports to the physician')}
      intro={
        <p>
          <Link to={`/patients/${patientId}`}>Back to the chart</Link> ·{' '}
          <Link to={`/patients/${patientId}/progress`}>Progress</Link>
        </p>
      }
    >
      <LiveMessage message={notice} />
      {due ? <Alert tone="warning">A progress report is due for this patient.</Alert> : null}
      <div className="report-actions">
        {(['progress_report', 'discharge_summary'] as const).map((kind, i) => {
          // One draft of a kind at a time: a second click opens the draft already started.
          const draft = myDraftOf(kind);
          const style = i === 0 ? 'button' : 'button button-secondary';
          return draft ? (
            <Link key={kind} className={style} to={`/patients/${patientId}/reports/${draft.id}`}>
              Continue your draft {REPORT_KIND_LABELS[kind].toLowerCase()}
            </Link>
          ) : (
            <button
              key={kind}
              type="button"
              className={style}
              disabled={create.isPending || list.isPending}
              onClick={() => create.mutate(kind)}
            >
              New {REPORT_KIND_LABELS[kind].toLowerCase()}
            </button>
          );
        })}
      </div>
      {create.isError ? <Alert>{messageOf(create.error)}</Alert> : null}
      <QueryList query={list} empty={<EmptyState title="No reports yet" />}>
        {(items) => (
          <DataTable
            caption="Reports"
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              {
                label: 'Report',
                cell: (r) => <Link to={`/patients/${patientId}/reports/${r.id}`}>{r.title}</Link>,
              },
              {
                label: 'Status',
                cell: (r) =>
                  r.status === 'signed' ? `Signed ${formatDate(r.signedAt, clinic.timeZone)}` : 'Draft',
              },
              { label: 'Author', cell: (r) => r.author.name },
            ]}
          />
        )}
      </QueryList>
      <p className="small muted">Kinds: {Object.values(REPORT_KIND_LABELS).join(', ')}.</p>
    </Page>
  );
}
