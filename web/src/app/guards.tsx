import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { canOpen, type NavKey } from './navigation.ts';
import { SessionProvider, useMeQuery, useSession } from './session.tsx';

export const TWO_FACTOR_PATH = '/account/two-factor';

/** Signed-in area: loads /api/me, sends signed-out visitors to sign-in (and back afterwards). */
export function RequireSession() {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} retry={() => me.refetch()} />;
  if (!me.data)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return (
    <SessionProvider me={me.data}>
      <EnrolmentGate>
        <Outlet />
      </EnrolmentGate>
    </SessionProvider>
  );
}

/** A clinic that requires two-factor sign-in keeps staff on the two-factor set-up page until they enrol. */
function EnrolmentGate({ children }: { children: ReactNode }) {
  const { clinic } = useSession();
  const location = useLocation();
  if (clinic?.mfaEnrollmentRequired && location.pathname !== TWO_FACTOR_PATH) {
    return <Navigate to={TWO_FACTOR_PATH} replace />;
  }
  return <>{children}</>;
}

/** Pages that only some roles may open (the same data drives the menu). */
export function Gate({ item, children }: { item: NavKey; children: ReactNode }) {
  const { roles, clinic } = useSession();
  if (!clinic || !canOpen(roles, item)) {
    return (
      <Page title="Not available">
        <p>This page is not available with your role{clinic ? ` at ${clinic.name}` : ''}.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </Page>
    );
  }
  return <>{children}</>;
}

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </Page>
  );
}
