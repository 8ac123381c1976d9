import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { reportsApi } from '../reports/api.ts';
import { SummaryTile } from './SummaryTile.tsx';

/** A referring physician's first screen: reports not yet read, and where to refer or follow a patient. */
export function PhysicianHome() {
  const clinic = useClinic();
  const reports = useQuery({
    queryKey: ['physician-reports', clinic.id],
    queryFn: () => reportsApi.physicianList(clinic.id),
  });
  const unread = reports.data?.items.filter((r) => r.openedAt === null);
  return (
    <section className="card" aria-labelledby="home-physician">
      <h2 id="home-physician">Your patients here</h2>
      <section className="summary" aria-label="Reports at a glance">
        <SummaryTile to="/physician/reports" number={unread?.length} one="new report" many="new reports" />
        <SummaryTile
          to="/physician/reports"
          number={reports.data?.items.length}
          one="report in all"
          many="reports in all"
        />
      </section>
      {unread?.length ? (
        <>
          <h3>New reports to read</h3>
          <ul className="checklist" aria-label="New reports">
            {unread.map((r) => (
              <li key={r.id}>
                <Link to={`/physician/reports/${r.id}`}>{r.title}</Link> · {r.patientName}, signed{' '}
                {formatDate(r.signedAt, clinic.timeZone)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Refer and follow your patients</h3>
      <ul className="checklist">
        <li>
          <Link to="/physician">My patients</Link>: their referrals, visits used and progress.
        </li>
        <li>
          <Link to="/physician/referrals/new">Send a referral</Link> with its diagnoses, signed
          electronically.
        </li>
      </ul>
    </section>
  );
}
