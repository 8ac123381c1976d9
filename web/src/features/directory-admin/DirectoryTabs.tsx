import { NavLink } from 'react-router';
import { useSession } from '../../app/session.tsx';

/** The sections of the public-directory pages (one menu entry, four pages). */
export function DirectoryTabs() {
  const { roles } = useSession();
  const tabs = [
    { to: '/directory-admin', label: 'Public profile', end: true },
    { to: '/directory-admin/credentials', label: 'Credentials' },
    { to: '/directory-admin/reviews', label: 'Reviews' },
    ...(roles.includes('owner') ? [{ to: '/directory-admin/moderation', label: 'Moderation queue' }] : []),
  ];
  return (
    <nav aria-label="Public directory" className="tabs">
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} end={t.end}>
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
