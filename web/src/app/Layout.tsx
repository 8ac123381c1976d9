import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { endpoints } from '../api/endpoints.ts';
import { ROLE_LABELS } from '../api/types.ts';
import { currentNavKey, navigationFor } from './navigation.ts';
import { SkipLink } from './PublicLayout.tsx';
import { ME_KEY, useSession } from './session.tsx';

/** The signed-in frame: skip link, banner with clinic switcher and sign-out, role-based menu, main content. */
export function Layout() {
  const { me, clinic, roles, selectClinic } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const items = navigationFor(roles);
  const current = currentNavKey(items, location.pathname);

  const menuButtonRef = useRef<HTMLButtonElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu whenever the page changes
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // Escape closes the open menu (phone) and puts focus back on the button that opened it, not on the page top.
  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  async function signOut() {
    try {
      await endpoints.logout();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
      navigate('/sign-in', { replace: true, state: { notice: 'signed_out' } });
    }
  }

  return (
    <div className="app">
      <SkipLink />
      <header className="topbar">
        <div className="topbar-inner">
          <Link className="brand" to="/">
            Palpa
          </Link>
          {me.clinics.length > 1 ? (
            <div className="clinic-switcher">
              <label htmlFor="clinic-switcher">Clinic</label>
              <select
                id="clinic-switcher"
                value={clinic?.id}
                onChange={(event) => {
                  selectClinic(event.target.value);
                  navigate('/');
                }}
              >
                {me.clinics.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : clinic ? (
            <span className="clinic-name">{clinic.name}</span>
          ) : null}
          <button
            type="button"
            ref={menuButtonRef}
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true" className="menu-icon" />
            Menu
          </button>
          <div className="topbar-user">
            <span className="user-name">
              {me.user.displayName}
              {roles.length > 0 ? (
                <span className="user-roles"> · {roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
              ) : null}
            </span>
            <button type="button" className="button button-quiet" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <div className="shell">
        <nav id="main-nav" aria-label="Main" className={`sidebar${menuOpen ? ' open' : ''}`}>
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <Link
                  to={item.to}
                  className={item.key === current ? 'active' : undefined}
                  aria-current={item.key === current ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-quiet sidebar-signout" onClick={signOut}>
            Sign out
          </button>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
