import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDay, localDateIn } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { useDebounced } from '../patients/PatientsPage.tsx';
import { type RecordsRequest, reportsApi, requestFile } from '../reports/api.ts';
import '../reports/reports.css';
import { FORMAT_LABELS, requestedBy } from './labels.ts';

/** Right of access: log requests, track the 30-day deadline (one extension), produce the copy, log fulfilment. */
export function RecordsRequestsPage() {
  const clinic = useClinic();
  const id = useId();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'fulfilled' | 'all'>('open');
  const [message, setMessage] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['records-requests', clinic.id, status],
    queryFn: () => reportsApi.requests(clinic.id, status),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['records-requests', clinic.id] });
  const fulfil = useMutation({
    mutationFn: (r: RecordsRequest) => reportsApi.fulfilRequest(clinic.id, r.id),
    onSuccess: (r) => {
      setMessage(`Request of ${r.patientName} fulfilled and logged as a disclosure`);
      void refresh();
    },
  });
  const extend = useMutation({
    mutationFn: ({ r, reason }: { r: RecordsRequest; reason: string }) =>
      reportsApi.extendRequest(clinic.id, r.id, { reason }),
    onSuccess: (r) => {
      setMessage(`Deadline extended to ${r.deadline}`);
      void refresh();
    },
  });
  return (
    <Page
      title="Records requests"
      intro={
        <p>
          Requests for a copy of the record: answer within 30 days (one 30-day extension). The copy is a PDF
          to read or print, and a FHIR file: a standard health-record file that other systems, such as another
          clinic’s software or the patient’s health app, can import.
        </p>
      }
    >
      <LiveMessage message={message} />
      <NewRequest
        clinicId={clinic.id}
        onCreated={(r) => {
          setMessage(`Request logged: due ${formatDay(r.dueOn)}`);
          void refresh();
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-status`}>Show</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
        >
          <option value="open">Open</option>
          <option value="fulfilled">Fulfilled</option>
          <option value="all">All</option>
        </select>
      </div>
      {fulfil.isError ? <Alert>{messageOf(fulfil.error)}</Alert> : null}
      {extend.isError ? <Alert>{messageOf(extend.error)}</Alert> : null}
      <QueryList query={list} empty={<EmptyState title="No requests" />}>
        {(items) => (
          <DataTable
            caption="Records requests by deadline"
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              {
                label: 'Patient',
                cell: (r) => (
                  <>
                    {r.patientName}
                    <div className="small muted">{requestedBy(r)}</div>
                  </>
                ),
              },
              { label: 'Requested', cell: (r) => formatDay(r.requestedOn) },
              {
                label: 'Deadline',
                cell: (r) => (
                  <>
                    {formatDay(r.deadline)}{' '}
                    {r.status === 'fulfilled' ? (
                      <span className="badge badge-allowed">fulfilled</span>
                    ) : r.overdue ? (
                      <span className="badge badge-refused">overdue by {-r.daysLeft} days</span>
                    ) : (
                      <span className="badge">{r.daysLeft} days left</span>
                    )}
                    {r.extendedDueOn ? (
                      <div className="small muted">Extended: {r.extensionReason}</div>
                    ) : null}
                  </>
                ),
              },
              { label: 'Format', cell: (r) => FORMAT_LABELS[r.format] },
              {
                label: 'Actions',
                className: 'actions',
                cell: (r) => (
                  <>
                    <a
                      className="button button-quiet"
                      href={requestFile(clinic.id, r.id, 'pdf')}
                      download
                      aria-label={`PDF copy of ${r.patientName}’s record`}
                    >
                      PDF copy
                    </a>
                    <a
                      className="button button-quiet"
                      href={requestFile(clinic.id, r.id, 'fhir.json')}
                      download
                      aria-label={`FHIR file of ${r.patientName}’s record, for other systems`}
                    >
                      FHIR file
                    </a>
                    {r.status === 'open' ? (
                      <>
                        {!r.extendedDueOn && !r.overdue ? (
                          <button
                            type="button"
                            className="button button-quiet"
                            onClick={() => {
                              const reason = window.prompt(
                                'Reason for the 30-day extension (sent to the requester)',
                              );
                              if (reason?.trim()) extend.mutate({ r, reason: reason.trim() });
                            }}
                          >
                            Extend
                          </button>
                        ) : null}
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => fulfil.mutate(r)}
                        >
                          Mark fulfilled
                        </button>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        )}
      </QueryList>
    </Page>
  );
}

function NewRequest({ clinicId, onCreated }: { clinicId: string; onCreated: (r: RecordsRequest) => void }) {
  const id = useId();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const [patientId, setPatientId] = useState('');
  const [requesterName, setRequesterName] = useState('');
  const { timeZone } = useClinic();
  const [requestedOn, setRequestedOn] = useState(() => localDateIn(timeZone));
  const [format, setFormat] = useState<'pdf' | 'fhir' | 'pdf_and_fhir'>('pdf_and_fhir');
  const patients = useQuery({
    queryKey: ['patients', clinicId, term, 'records'],
    queryFn: () => clinical.searchPatients(clinicId, term, undefined, 20),
    enabled: term.length > 0,
  });
  const create = useMutation({
    mutationFn: () => reportsApi.createRequest(clinicId, { patientId, requesterName, requestedOn, format }),
    onSuccess: (r) => {
      setPatientId('');
      setRequesterName('');
      setQ('');
      onCreated(r);
    },
  });
  return (
    <details className="card">
      <summary>Log a new request</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-q`}>Find the patient</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>Patient</label>
          <select id={`${id}-p`} value={patientId} onChange={(e) => setPatientId(e.target.value)} required>
            <option value="">Choose…</option>
            {(patients.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} (born {formatDay(p.dateOfBirth)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>Requested by</label>
          <input
            id={`${id}-r`}
            value={requesterName}
            onChange={(e) => setRequesterName(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-d`}>Received on</label>
          <input
            id={`${id}-d`}
            type="date"
            value={requestedOn}
            onChange={(e) => setRequestedOn(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>Format</label>
          <select id={`${id}-f`} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            {(['pdf_and_fhir', 'pdf', 'fhir'] as const).map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending || !patientId}>
            Log request
          </button>
        </div>
        {create.isError ? <Alert>{messageOf(create.error)}</Alert> : null}
      </form>
    </details>
  );
}
