import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { TwoFactorPage } from '../features/account/TwoFactorPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { InvitationPage } from '../features/auth/InvitationPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { LocationsPage } from '../features/clinic-settings/LocationsPage.tsx';
import { SettingsPage } from '../features/clinic-settings/SettingsPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { OutboxPage } from '../features/outbox/OutboxPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { Gate, NotFoundPage, RequireSession } from './guards.tsx';
import { Layout } from './Layout.tsx';
import type { NavKey } from './navigation.ts';
import { PublicLayout } from './PublicLayout.tsx';

/** Signed-in pages. `gate` names the navigation entry whose roles may open the page (see navigation.ts). */
const signedIn: { path: string; element: ReactNode; gate?: NavKey }[] = [
  { path: '/', element: <HomePage /> },
  { path: '/members', element: <MembersPage />, gate: 'members' },
  { path: '/settings', element: <SettingsPage />, gate: 'settings' },
  { path: '/locations', element: <LocationsPage />, gate: 'locations' },
  { path: '/audit', element: <AuditPage />, gate: 'audit' },
  { path: '/outbox', element: <OutboxPage />, gate: 'outbox' },
  { path: '/account', element: <AccountPage /> },
  { path: '/account/two-factor', element: <TwoFactorPage /> },
];

const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invitations/:token', element: <InvitationPage /> },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          ...signedIn.map(({ path, element, gate }) => ({
            path,
            element: gate ? <Gate item={gate}>{element}</Gate> : element,
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
