import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { reportsApi } from '../reports/api.ts';
import { SummaryTile } from './SummaryTile.tsx';

/** A referring physician's first screen: reports not yet read, and where to refer or follow a patient. */
export function PhysicianHome() {
  const clinic = useClinic();
  const reports = useQuery({
    queryKey: ['physician-reports', clinic.id],
    queryFn: () => reportsApi.physicianList(clinic.id),
  });
  const unread = reports.data?.items.filter((r) => r.openedAt === null).length;
  return (
    <section className="card" aria-labelledby="home-physician">
      <h2 id="home-physician">Your patients here</h2>
      <section className="summary" aria-label="Reports at a glance">
        <SummaryTile to="/physician/reports" number={unread} one="new report" many="new reports" />
        <SummaryTile
          to="/physician/reports"
          number={reports.data?.items.length}
          one="report in all"
          many="reports in all"
        />
      </section>
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
