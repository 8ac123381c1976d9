import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState } from '../../components/Status.tsx';
import { OwnerHome } from './OwnerHome.tsx';

/** What each role sees first. Later capabilities extend these sections (schedule, patients, referrals…). */
const SECTIONS: Record<Role, () => ReactNode> = {
  owner: () => <OwnerHome />,
  front_desk: () => (
    <section className="card" aria-labelledby="home-front-desk">
      <h2 id="home-front-desk">Front desk</h2>
      <p>Scheduling, check-in and patient records will appear here as Palpa grows.</p>
    </section>
  ),
  therapist: () => (
    <section className="card" aria-labelledby="home-therapist">
      <h2 id="home-therapist">Your practice</h2>
      <p>Your schedule, patients and treatment notes will appear here as Palpa grows.</p>
    </section>
  ),
  physician: () => (
    <section className="card" aria-labelledby="home-physician">
      <h2 id="home-physician">Referrals</h2>
      <p>Referrals you send and progress reports about your patients will appear here.</p>
    </section>
  ),
  patient: () => (
    <section className="card" aria-labelledby="home-patient">
      <h2 id="home-patient">Your care</h2>
      <p>Your appointments and forms will appear here.</p>
    </section>
  ),
};

export function HomePage() {
  const { me, clinic, roles } = useSession();
  const firstName = me.user.displayName.split(' ')[0];
  if (!clinic) {
    return (
      <Page title={`Welcome, ${firstName}`}>
        <EmptyState title="You are not part of a clinic yet">
          <p>When a clinic invites you, open the link in the invitation e-mail to join it.</p>
        </EmptyState>
      </Page>
    );
  }
  const staff = roles.some((r) => r === 'owner' || r === 'front_desk' || r === 'therapist');
  return (
    <Page
      title={`Welcome, ${firstName}`}
      intro={
        <p>
          {clinic.name} · times shown in {clinic.timeZone.replaceAll('_', ' ')}
        </p>
      }
    >
      <div className="stack">
        {roles.map((role) => (
          <div key={role}>{SECTIONS[role]()}</div>
        ))}
        {staff && !me.user.totpEnabled ? (
          <section className="card card-note" aria-labelledby="home-2fa">
            <h2 id="home-2fa">Protect your account</h2>
            <p>Two-factor sign-in keeps patient information safe even if your password leaks.</p>
            <p>
              <Link to="/account/two-factor">Set up two-factor sign-in</Link>
            </p>
          </section>
        ) : null}
      </div>
    </Page>
  );
}
