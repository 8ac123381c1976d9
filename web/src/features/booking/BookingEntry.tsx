import { RequireSession } from '../../app/guards.tsx';
import { SkipLink } from '../../app/PublicLayout.tsx';
import { useMeQuery } from '../../app/session.tsx';
import { Loading } from '../../components/Status.tsx';
import { BookPage } from '../calendar/lazyPages.tsx';

/**
 * /book: a signed-in person books inside the usual frame (RequireSession → Layout → BookPage); a signed-out
 * visitor gets the same steps in the public frame, and signs in or creates an account at the last one. The
 * choices live in sessionStorage, so switching frames after sign-in keeps them.
 */
export function BookingEntry() {
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError || me.data) return <RequireSession />;
  return (
    <div className="app public">
      <SkipLink />
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">Palpa</span>
          <span className="tagline">Book a medical massage session</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <BookPage />
      </main>
    </div>
  );
}
