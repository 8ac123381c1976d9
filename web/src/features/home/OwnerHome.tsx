import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isTeamRole } from '../../../../src/modules/members/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { LicenceAlerts } from './LicenceAlerts.tsx';
import { SafetyOverrides } from './SafetyOverrides.tsx';
import { SummaryTile } from './SummaryTile.tsx';

/**
 * The owner's overview: the team, licences to renew, treatment given despite a contraindication, and a short
 * getting-started list.
 */
export function OwnerHome() {
  const clinic = useClinic();
  const members = useQuery({ queryKey: ['members', clinic.id], queryFn: () => endpoints.members(clinic.id) });
  const invitations = useQuery({
    queryKey: ['invitations', clinic.id],
    queryFn: () => endpoints.invitations(clinic.id),
  });
  const active = members.data?.items.filter((m) => !m.disabled).length;
  const pending = invitations.data?.items.filter((i) => i.status === 'pending' && isTeamRole(i.role)).length;
  return (
    <>
      <section className="summary" aria-label="Clinic at a glance">
        <SummaryTile
          to="/members"
          number={active}
          failed={members.isError}
          one="person in the team"
          many="people in the team"
        />
        <SummaryTile
          to="/members"
          number={pending}
          failed={invitations.isError}
          one="pending invitation"
          many="pending invitations"
        />
      </section>
      <LicenceAlerts />
      <SafetyOverrides />
      <section className="card" aria-labelledby="home-owner">
        <h2 id="home-owner">Getting started</h2>
        <ul className="checklist">
          <li>
            <Link to="/members">Invite your team</Link> — front desk, therapists and referring physicians.
          </li>
          <li>
            <Link to="/locations">Check your locations</Link> — addresses appear on appointments and
            documents.
          </li>
          <li>
            <Link to="/settings">Review clinic settings</Link> — name, time zone, automatic sign-out,
            two-factor policy, billing numbers, and links to booking rules, reminders and the
            late-cancellation fee.
          </li>
          <li>
            <Link to="/outbox">E-mail outbox</Link> — without an e-mail server, invitation links wait here for
            you to pass on.
          </li>
          <li>
            <Link to="/audit">Audit log</Link> — who did what, and when.
          </li>
        </ul>
      </section>
    </>
  );
}
