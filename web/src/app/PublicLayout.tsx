import { Outlet } from 'react-router';

export function SkipLink() {
  return (
    // <main> has tabIndex -1, so following the link moves keyboard focus there.
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

/** The frame for pages used before signing in: set-up, sign-in, invitation links. */
export function PublicLayout() {
  return (
    <div className="app public">
      <SkipLink />
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">Palpa</span>
          <span className="tagline">Practice platform for medical massage therapy</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
    </div>
  );
}
