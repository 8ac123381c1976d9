import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState } from '../../components/Status.tsx';
import { OwnerHome } from './OwnerHome.tsx';
import { PatientHome } from './PatientHome.tsx';
import { PhysicianHome } from './PhysicianHome.tsx';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { SentByPatients } from './SentByPatients.tsx';
import { TodayHome } from './TodayHome.tsx';

/**
 * What each role sees first. A person with several roles sees each section once, in this order (an owner who
 * also works the front desk gets one clinic day).
 */
const SECTIONS: {
  key: string;
  roles: readonly Role[];
  /** Not for someone who also holds one of these (they see the clinic-wide section instead). */
  unless?: readonly Role[];
  render: (userId: string) => ReactNode;
}[] = [
  { key: 'clinic-day', roles: ['owner', 'front_desk'], render: () => <TodayHome /> },
  { key: 'sent-by-patients', roles: ['owner', 'front_desk'], render: () => <SentByPatients /> },
  { key: 'possible-duplicates', roles: ['owner', 'front_desk'], render: () => <PossibleDuplicates /> },
  { key: 'my-day', roles: ['therapist'], render: (userId) => <TodayHome therapistId={userId} /> },
  {
    key: 'sent-by-my-patients',
    roles: ['therapist'],
    unless: ['owner', 'front_desk'],
    render: (userId) => <SentByPatients therapistId={userId} />,
  },
  { key: 'owner', roles: ['owner'], render: () => <OwnerHome /> },
  { key: 'physician', roles: ['physician'], render: () => <PhysicianHome /> },
  { key: 'patient', roles: ['patient'], render: () => <PatientHome /> },
];

const TITLE = /^(dr|prof|mr|mrs|ms|mx)\.?$/i;

/**
 * How to greet someone: their first name, or title and last name ("Dr. Helen Park, MD" → "Dr. Park"; the
 * credentials after a comma are left out).
 */
function greetingName(displayName: string): string {
  const words = displayName.split(',')[0]!.trim().split(/\s+/);
  return words.length > 1 && TITLE.test(words[0]!) ? `${words[0]} ${words.at(-1)}` : words[0]!;
}

export function HomePage() {
  const { me, clinic, roles } = useSession();
  const firstName = greetingName(me.user.displayName);
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
        {SECTIONS.filter(
          (section) =>
            section.roles.some((r) => roles.includes(r)) && !section.unless?.some((r) => roles.includes(r)),
        ).map((section) => (
          <div key={section.key}>{section.render(me.user.id)}</div>
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
