import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from './api.ts';
import { PatientName } from './labels.tsx';

/** Waits until typing pauses before a value is used (search as you type without a request per key). */
export function useDebounced<T>(value: T, ms = 200): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function PatientsPage() {
  const clinic = useClinic();
  const id = useId();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const results = useInfiniteQuery({
    queryKey: ['patients', clinic.id, term],
    queryFn: ({ pageParam }) => clinical.searchPatients(clinic.id, term, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      title="Patients"
      actions={
        <>
          <Link className="button button-secondary" to="/providers">
            Referring providers
          </Link>
          <Link className="button" to="/patients/new">
            New patient
          </Link>
        </>
      }
    >
      <search className="patient-search">
        <label htmlFor={`${id}-q`} className="search-label">
          Find a patient
        </label>
        <div id={`${id}-hint`} className="field-hint">
          Type the start of a name or an e-mail address, a phone number (or just its last 4 digits) or a date
          of birth (YYYY-MM-DD or MM/DD/YYYY).
        </div>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          aria-controls={`${id}-results`}
          onChange={(e) => setQ(e.target.value)}
        />
      </search>
      <div id={`${id}-results`} className="section-tight">
        <p className="visually-hidden" role="status">
          {results.isFetching
            ? ''
            : term
              ? `${items.length}${results.hasNextPage ? '+' : ''} ${items.length === 1 && !results.hasNextPage ? 'patient' : 'patients'} found`
              : ''}
        </p>
        {results.isPending ? (
          <Loading />
        ) : results.isError ? (
          <LoadError error={results.error} retry={() => results.refetch()} />
        ) : items.length === 0 ? (
          term ? (
            <EmptyState title={`No patient matches “${term}”`}>
              <p>Check the spelling, try the last name or the phone number, or add a new patient.</p>
              <Link className="button" to="/patients/new">
                New patient
              </Link>
            </EmptyState>
          ) : (
            <EmptyState title="No patients yet">
              <p>Add the first patient, or record a referral that arrived on paper.</p>
              <Link className="button" to="/patients/new">
                New patient
              </Link>
            </EmptyState>
          )
        ) : (
          <>
            <DataTable
              caption={`Patients${term ? ` matching ${term}` : ''}`}
              rows={items}
              rowKey={(p) => p.id}
              columns={[
                {
                  label: 'Name',
                  cell: (p) => (
                    <>
                      <Link to={`/patients/${p.id}`}>
                        <PatientName patient={p} />
                      </Link>
                      {p.preferredName && p.preferredName !== p.legalFirstName ? (
                        <div className="muted small">
                          Legal: {p.legalFirstName} {p.legalLastName}
                        </div>
                      ) : null}
                    </>
                  ),
                },
                {
                  label: 'Date of birth',
                  cell: (p) => `${formatDay(p.dateOfBirth)} · ${p.age}`,
                },
                { label: 'Phone', cell: (p) => p.phone ?? '—' },
                { label: 'E-mail', cell: (p) => p.email ?? '—', className: 'break' },
              ]}
            />
            {results.hasNextPage ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={results.isFetchingNextPage}
                  onClick={() => results.fetchNextPage()}
                >
                  {results.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </Page>
  );
}
