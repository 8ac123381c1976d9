import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { PatientName, ReferralStatusBadge, visitsText } from '../patients/labels.tsx';
import { useDebounced } from '../patients/PatientsPage.tsx';
import { diagnosisText } from './diagnoses.ts';
import '../patients/clinical.css';

/** The physician's portal: their patients (only the linked ones), their referrals and their status. */
export function PhysicianPage() {
  const clinic = useClinic();
  const id = useId();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const patients = useQuery({
    queryKey: ['patients', clinic.id, term, 'physician'],
    queryFn: () => clinical.searchPatients(clinic.id, term, undefined, 100),
  });
  const referrals = useQuery({
    queryKey: ['referrals', clinic.id],
    queryFn: () => clinical.referrals(clinic.id),
  });
  // Names for the referral list, whatever the search box holds.
  const all = useQuery({
    queryKey: ['patients', clinic.id, '', 'physician'],
    queryFn: () => clinical.searchPatients(clinic.id, '', undefined, 100),
  });
  const names = new Map((all.data?.items ?? []).map((p) => [p.id, p.displayName]));

  return (
    <Page
      title="My patients"
      intro={<p>The patients you referred to {clinic.name} or were given access to.</p>}
      actions={
        <Link className="button" to="/physician/referrals/new">
          New e-referral
        </Link>
      }
    >
      <LiveMessage message={notice} />
      <div className="field">
        <label htmlFor={`${id}-q`}>Find a patient</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <QueryList
        query={patients}
        empty={
          <EmptyState title={term ? `No patient of yours matches “${term}”` : 'No patients yet'}>
            Send an e-referral to refer a patient to {clinic.name}.
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="card-list patient-cards">
            {items.map((p) => (
              <li key={p.id} className="card">
                <Link to={`/physician/patients/${p.id}`} className="card-title-link">
                  <PatientName patient={p} />
                </Link>
                <span className="muted"> · born {formatDay(p.dateOfBirth)}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryList>
      <section className="section" aria-labelledby="my-referrals">
        <h2 id="my-referrals">Referrals</h2>
        <QueryList query={referrals} empty={<EmptyState title="No referrals yet" />}>
          {(items) => (
            <DataTable
              caption="Referrals of your patients"
              rows={items}
              rowKey={(r) => r.id}
              columns={[
                {
                  label: 'Patient',
                  cell: (r) => (
                    <Link to={`/physician/patients/${r.patientId}`}>
                      {names.get(r.patientId) ?? 'Patient'}
                    </Link>
                  ),
                },
                { label: 'Status', cell: (r) => <ReferralStatusBadge referral={r} /> },
                {
                  label: 'Diagnoses',
                  cell: (r) => r.diagnoses.map((d) => <div key={d.code}>{diagnosisText(d)}</div>),
                },
                { label: 'Visits', cell: (r) => visitsText(r) },
                {
                  label: 'Valid',
                  cell: (r) =>
                    `${formatDay(r.validFrom)} – ${r.validUntil ? formatDay(r.validUntil) : 'open'}`,
                },
              ]}
            />
          )}
        </QueryList>
      </section>
    </Page>
  );
}
