import type { Role } from '../api/types.ts';

export interface NavItem {
  to: string;
  label: string;
  /** Match the path exactly (the home link). */
  end?: boolean;
}

/**
 * Navigation as data. To add a page to the menu: add its item here (in menu order), list it for the roles
 * that may see it in NAV_BY_ROLE, and add its route in router.tsx with `gate: '<key>'`.
 */
export const NAV_ITEMS = {
  home: { to: '/', label: 'Home', end: true },
  patients: { to: '/patients', label: 'Patients' },
  todo: { to: '/todo', label: 'To-do' },
  physician: { to: '/physician', label: 'My patients' },
  physicianReports: { to: '/physician/reports', label: 'Reports' },
  myProgress: { to: '/my-progress', label: 'My progress' },
  intake: { to: '/intake', label: 'My intake', end: true },
  calendar: { to: '/calendar', label: 'Calendar' },
  waitlist: { to: '/waitlist', label: 'Waitlist' },
  rebook: { to: '/rebook', label: 'To rebook' },
  balances: { to: '/balances', label: 'Balances due' },
  book: { to: '/book', label: 'Book a session' },
  myAppointments: { to: '/appointments', label: 'My appointments' },
  myDocuments: { to: '/my-documents', label: 'My documents' },
  scheduleSetup: { to: '/schedule-setup', label: 'Schedule set-up' },
  members: { to: '/members', label: 'Members' },
  settings: { to: '/settings', label: 'Clinic settings' },
  locations: { to: '/locations', label: 'Locations' },
  directory: { to: '/directory-admin', label: 'Public directory' },
  analytics: { to: '/analytics', label: 'Clinic outcomes' },
  recordsRequests: { to: '/records-requests', label: 'Records requests' },
  audit: { to: '/audit', label: 'Audit log' },
  outbox: { to: '/outbox', label: 'E-mail outbox' },
  account: { to: '/account', label: 'My account' },
} as const satisfies Record<string, NavItem>;

export type NavKey = keyof typeof NAV_ITEMS;

/** Which menu entries each role sees. A person with several roles sees the union. */
export const NAV_BY_ROLE: Record<Role, readonly NavKey[]> = {
  owner: [
    'home',
    'patients',
    'todo',
    'calendar',
    'waitlist',
    'rebook',
    'balances',
    'scheduleSetup',
    'members',
    'settings',
    'locations',
    'directory',
    'analytics',
    'recordsRequests',
    'audit',
    'outbox',
    'account',
  ],
  front_desk: [
    'home',
    'patients',
    'calendar',
    'waitlist',
    'rebook',
    'balances',
    'scheduleSetup',
    'directory',
    'account',
  ],
  therapist: ['home', 'patients', 'todo', 'calendar', 'waitlist', 'directory', 'account'],
  physician: ['home', 'physician', 'physicianReports', 'account'],
  patient: ['home', 'myProgress', 'intake', 'book', 'myAppointments', 'myDocuments', 'account'],
};

/** Pages everyone signed in may open, even with no clinic. */
const ALWAYS: readonly NavKey[] = ['home', 'account'];

export function canOpen(roles: readonly Role[], key: NavKey): boolean {
  return ALWAYS.includes(key) || roles.some((role) => NAV_BY_ROLE[role].includes(key));
}

export function navigationFor(roles: readonly Role[]): (NavItem & { key: NavKey })[] {
  return (Object.keys(NAV_ITEMS) as NavKey[])
    .filter((key) => canOpen(roles, key))
    .map((key) => ({ key, ...NAV_ITEMS[key] }));
}

/**
 * The menu entry the page at `pathname` belongs to: the one whose path is the longest match, so the physician's
 * reports (/physician/reports/…) are under "Reports", not also under "My patients" (/physician).
 */
export function currentNavKey(
  items: readonly (NavItem & { key: NavKey })[],
  pathname: string,
): NavKey | null {
  const matches = items.filter((item) =>
    item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`),
  );
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.key ?? null;
}
