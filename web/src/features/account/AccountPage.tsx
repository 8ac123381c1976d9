import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { ME_KEY, useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert } from '../../components/Status.tsx';
import { ApiTokens } from './ApiTokens.tsx';
import { CalendarFeed } from './CalendarFeed.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { MyContactDetails } from './MyContactDetails.tsx';
import { TwoFactorManage } from './TwoFactorManage.tsx';

export function AccountPage() {
  const { me, clinic, roles } = useSession();
  return (
    <Page
      title="My account"
      intro={
        <p>
          {me.user.displayName} · {me.user.email}
        </p>
      }
    >
      <div className="stack">
        {clinic?.patientId ? (
          <section className="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading">How we reach you</h2>
            <MyContactDetails patientId={clinic.patientId} />
          </section>
        ) : null}
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Password</h2>
          <ChangePasswordForm />
        </section>
        <section className="card" aria-labelledby="twofactor-heading">
          <h2 id="twofactor-heading">Two-factor sign-in</h2>
          {me.user.totpEnabled ? (
            <TwoFactorManage />
          ) : (
            <>
              <p>
                <span className="badge badge-muted">Off</span> Add a second step to sign-in: a code from an
                authenticator app on your phone.
              </p>
              <p>
                <Link className="button" to="/account/two-factor">
                  Set up two-factor sign-in
                </Link>
              </p>
            </>
          )}
        </section>
        {clinic && roles.includes('therapist') ? (
          <section className="card" aria-labelledby="feed-heading">
            <h2 id="feed-heading">My calendar link</h2>
            <CalendarFeed />
          </section>
        ) : null}
        {clinic ? (
          <section className="card" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">Personal API tokens</h2>
            <ApiTokens />
          </section>
        ) : null}
        <section className="card" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Sessions</h2>
          <SignOutEverywhere />
        </section>
      </div>
    </Page>
  );
}

function SignOutEverywhere() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <p>Lost a device or used a shared computer? Sign out of Palpa on every device, including this one.</p>
      <Alert>{error}</Alert>
      <button
        type="button"
        className="button button-secondary"
        onClick={async () => {
          try {
            await endpoints.logoutEverywhere();
            queryClient.clear();
            queryClient.setQueryData(ME_KEY, null);
            navigate('/sign-in', { replace: true, state: { notice: 'everywhere' } });
          } catch (e) {
            setError(messageOf(e));
          }
        }}
      >
        Sign out everywhere
      </button>
    </>
  );
}
