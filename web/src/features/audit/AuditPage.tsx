import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { auditActionText } from '../../../../src/modules/audit/schemas.ts';
import { auditCsvUrl, endpoints } from '../../api/endpoints.ts';
import type { AuditEvent } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { AuditFilterForm } from './AuditFilterForm.tsx';
import { patientOf, recordOf, roleWords } from './present.ts';
import { filtersOf, searchFromView, viewFromSearch } from './url.ts';
import './audit.css';

export function AuditPage() {
  const clinic = useClinic();
  // The filters live in the query string, so a filtered view can be shared or bookmarked.
  const [search, setSearch] = useSearchParams();
  const query = search.toString();
  const view = useMemo(() => viewFromSearch(new URLSearchParams(query)), [query]);
  const filters = useMemo(() => filtersOf(view, clinic.timeZone), [view, clinic.timeZone]);
  const events = useInfiniteQuery({
    queryKey: ['audit', clinic.id, filters],
    queryFn: ({ pageParam }) => endpoints.audit(clinic.id, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const patientName = view.patient
    ? (rows.find((r) => r.patientId === view.patient)?.patientName ?? null)
    : null;

  return (
    <Page
      title="Audit log"
      intro={
        <p>
          Every sign-in, change and refusal in {clinic.name}, newest first. Times are in{' '}
          {clinic.timeZone.replaceAll('_', ' ')}; patients are named as their record reads today.
        </p>
      }
      actions={
        <a className="button button-secondary" href={auditCsvUrl(clinic.id, filters)} download>
          Export CSV
        </a>
      }
    >
      <AuditFilterForm
        // Back and forward (or a new link) show the filters of the URL they land on.
        key={query}
        view={view}
        patientName={patientName}
        onApply={(next) => setSearch(searchFromView(next))}
      />
      <section aria-labelledby="audit-results" className="section">
        <h2 id="audit-results" className="visually-hidden">
          Events
        </h2>
        <p className="muted small" role="status">
          {events.isSuccess
            ? `${rows.length}${events.hasNextPage ? '+' : ''} event${rows.length === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}`
            : ''}
        </p>
        {events.isPending ? (
          <Loading />
        ) : events.isError ? (
          <LoadError error={events.error} retry={() => events.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
            {filtered ? 'Try a wider date range or fewer filters.' : null}
          </EmptyState>
        ) : (
          <AuditTable rows={rows} timeZone={clinic.timeZone} />
        )}
        {events.hasNextPage ? (
          <div className="form-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={events.isFetchingNextPage}
              onClick={() => events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </section>
    </Page>
  );
}

function AuditTable({ rows, timeZone }: { rows: AuditEvent[]; timeZone: string }) {
  return (
    <TableScroll label="Audit events">
      <DataTable
        caption="Audit events"
        className="audit-table"
        rowHeader={false}
        rows={rows}
        rowKey={(event) => event.id}
        columns={[
          { label: 'Time', className: 'nowrap', cell: (event) => formatDateTime(event.at, timeZone) },
          {
            label: 'Person',
            cell: (event) => (
              <>
                {event.actorName ?? <span className="muted">System or unknown</span>}
                {event.actorRoles?.length ? (
                  <span className="muted small audit-secondary">{roleWords(event.actorRoles)}</span>
                ) : null}
              </>
            ),
          },
          {
            label: 'Action',
            cell: (event) => (
              <>
                <span title={event.action}>{auditActionText(event.action, event.outcome)}</span>
                <code className="muted small audit-secondary audit-code">{event.action}</code>
              </>
            ),
          },
          {
            label: 'Outcome',
            cell: (event) => <span className={`badge badge-${event.outcome}`}>{event.outcome}</span>,
          },
          { label: 'Patient', cell: (event) => <PatientCell event={event} /> },
          { label: 'Record', cell: (event) => <RecordCell event={event} /> },
          {
            label: 'Details',
            cell: (event) =>
              event.details || event.ip ? (
                <details>
                  <summary>Show</summary>
                  <pre className="details-json">
                    {JSON.stringify({ ip: event.ip, roles: event.actorRoles, ...event.details }, null, 2)}
                  </pre>
                </details>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </TableScroll>
  );
}

/** The patient by name, linking to their chart; otherwise what the row says about patients, muted. */
function PatientCell({ event }: { event: AuditEvent }) {
  const { text, chartOf, idTail } = patientOf(event);
  if (chartOf) return <Link to={`/patients/${chartOf}`}>{text}</Link>;
  return (
    <span className="muted" title={event.patientId ?? undefined}>
      {text}
      {idTail ? <span className="nowrap"> {idTail}</span> : null}
    </span>
  );
}

function RecordCell({ event }: { event: AuditEvent }) {
  const { kind, idTail } = recordOf(event);
  return (
    <span title={event.resourceId ?? undefined}>
      {kind}
      {idTail ? <span className="nowrap muted"> {idTail}</span> : null}
    </span>
  );
}
