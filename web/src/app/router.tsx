import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { TwoFactorPage } from '../features/account/TwoFactorPage.tsx';
import { AssessmentPage } from '../features/assessments/AssessmentPage.tsx';
import { AssessmentStartPage } from '../features/assessments/AssessmentStartPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { InvitationPage } from '../features/auth/InvitationPage.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from '../features/auth/PasswordResetPages.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { BodyChartPage } from '../features/body-chart/BodyChartPage.tsx';
import { BookingEntry } from '../features/booking/BookingEntry.tsx';
import {
  BookPage,
  CalendarPage,
  MyAppointmentsPage,
  ScheduleSetupPage,
  SeriesPage,
  WaitlistOfferPage,
} from '../features/calendar/lazyPages.tsx';
import { ChartPage } from '../features/chart/ChartPage.tsx';
import { LocationsPage } from '../features/clinic-settings/LocationsPage.tsx';
import { SettingsPage } from '../features/clinic-settings/SettingsPage.tsx';
import { CredentialsPage } from '../features/directory-admin/CredentialsPage.tsx';
import { ModerationPage } from '../features/directory-admin/ModerationPage.tsx';
import { PublicProfilePage } from '../features/directory-admin/PublicProfilePage.tsx';
import { ReviewsAdminPage } from '../features/directory-admin/ReviewsAdminPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { LinkIntakePage } from '../features/intake/LinkIntakePage.tsx';
import { PortalIntakePage } from '../features/intake/PortalIntakePage.tsx';
import { StaffIntakePage } from '../features/intake/StaffIntakePage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { OutboxPage } from '../features/outbox/OutboxPage.tsx';
import { LicensedTextPage } from '../features/outcomes/LicensedTextPage.tsx';
import { OutcomesPage } from '../features/outcomes/OutcomesPage.tsx';
import { MyDocumentsPage } from '../features/patient-portal/MyDocumentsPage.tsx';
import { EditPatientPage } from '../features/patients/EditPatientPage.tsx';
import { NewPatientPage } from '../features/patients/NewPatientPage.tsx';
import { PatientsPage } from '../features/patients/PatientsPage.tsx';
import { BalancesPage } from '../features/payments/BalancesPage.tsx';
import { PhysicianPage } from '../features/physician-portal/PhysicianPage.tsx';
import { PhysicianPlanPage } from '../features/physician-portal/PhysicianPlanPage.tsx';
import { PhysicianReferralPage } from '../features/physician-portal/PhysicianReferralPage.tsx';
import { PlanPage } from '../features/plans/PlanPage.tsx';
import { AnalyticsPage, MyProgressPage, ProgressPage } from '../features/progress/lazyPages.tsx';
import { ProvidersPage } from '../features/providers/ProvidersPage.tsx';
import { RebookPage } from '../features/rebook/RebookPage.tsx';
import { RecordsRequestsPage } from '../features/records-requests/RecordsRequestsPage.tsx';
import { NewReferralPage } from '../features/referrals/NewReferralPage.tsx';
import { ReferralLinkPage } from '../features/referrals/ReferralLinkPage.tsx';
import { PhysicianReportPage, PhysicianReportsPage } from '../features/reports/PhysicianReportsPage.tsx';
import { ReportPage } from '../features/reports/ReportPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { WriteReviewPage } from '../features/reviews/WriteReviewPage.tsx';
import { NotePage } from '../features/session-notes/NotePage.tsx';
import { NoteStartPage } from '../features/session-notes/NoteStartPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { TodoPage } from '../features/todo/TodoPage.tsx';
import { StaffWaitlistPage } from '../features/waitlist/StaffWaitlistPage.tsx';
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
  { path: '/calendar', element: <CalendarPage />, gate: 'calendar' },
  { path: '/waitlist', element: <StaffWaitlistPage />, gate: 'waitlist' },
  { path: '/rebook', element: <RebookPage />, gate: 'rebook' },
  { path: '/balances', element: <BalancesPage />, gate: 'balances' },
  { path: '/schedule-setup', element: <ScheduleSetupPage />, gate: 'scheduleSetup' },
  { path: '/appointments', element: <MyAppointmentsPage />, gate: 'myAppointments' },
  // Links in e-mails: reminders and waitlist offers.
  { path: '/clinics/:clinicId/appointments/:appointmentId', element: <MyAppointmentsPage /> },
  { path: '/waitlist/offers/:offerId', element: <WaitlistOfferPage /> },
  { path: '/clinics/:clinicId/waitlist/offers/:offerId', element: <WaitlistOfferPage /> },
  { path: '/account', element: <AccountPage /> },
  { path: '/patients', element: <PatientsPage />, gate: 'patients' },
  { path: '/patients/new', element: <NewPatientPage />, gate: 'patients' },
  { path: '/patients/:patientId/edit', element: <EditPatientPage />, gate: 'patients' },
  { path: '/patients/:patientId', element: <ChartPage />, gate: 'patients' },
  { path: '/patients/:patientId/referrals/new', element: <NewReferralPage />, gate: 'patients' },
  { path: '/patients/:patientId/intake', element: <StaffIntakePage />, gate: 'patients' },
  { path: '/patients/:patientId/series', element: <SeriesPage />, gate: 'calendar' },
  { path: '/providers', element: <ProvidersPage />, gate: 'patients' },
  // Clinical documentation (therapists and the owner: the roles with the to-do list).
  { path: '/todo', element: <TodoPage />, gate: 'todo' },
  { path: '/patients/:patientId/assessments/new', element: <AssessmentStartPage />, gate: 'todo' },
  { path: '/patients/:patientId/assessments/:assessmentId', element: <AssessmentPage />, gate: 'todo' },
  { path: '/patients/:patientId/plan', element: <PlanPage />, gate: 'todo' },
  { path: '/patients/:patientId/notes/new', element: <NoteStartPage />, gate: 'todo' },
  { path: '/patients/:patientId/notes/:noteId', element: <NotePage />, gate: 'todo' },
  { path: '/patients/:patientId/outcomes', element: <OutcomesPage />, gate: 'todo' },
  { path: '/patients/:patientId/body-chart', element: <BodyChartPage />, gate: 'todo' },
  { path: '/outcome-instruments/licensed-text', element: <LicensedTextPage />, gate: 'settings' },
  { path: '/physician', element: <PhysicianPage />, gate: 'physician' },
  { path: '/physician/referrals/new', element: <PhysicianReferralPage />, gate: 'physician' },
  { path: '/physician/patients/:patientId', element: <ChartPage mode="physician" />, gate: 'physician' },
  { path: '/physician/patients/:patientId/plan', element: <PhysicianPlanPage />, gate: 'physician' },
  {
    path: '/physician/patients/:patientId/progress',
    element: <ProgressPage mode="physician" />,
    gate: 'physician',
  },
  { path: '/physician/reports', element: <PhysicianReportsPage />, gate: 'physicianReports' },
  // The link in the "new report" e-mail.
  { path: '/physician/reports/:reportId', element: <PhysicianReportPage />, gate: 'physicianReports' },
  { path: '/patients/:patientId/progress', element: <ProgressPage />, gate: 'patients' },
  { path: '/patients/:patientId/reports', element: <ReportsPage />, gate: 'patients' },
  { path: '/patients/:patientId/reports/:reportId', element: <ReportPage />, gate: 'patients' },
  { path: '/my-progress', element: <MyProgressPage />, gate: 'myProgress' },
  { path: '/my-documents', element: <MyDocumentsPage />, gate: 'myDocuments' },
  { path: '/analytics', element: <AnalyticsPage />, gate: 'analytics' },
  { path: '/records-requests', element: <RecordsRequestsPage />, gate: 'recordsRequests' },
  { path: '/intake', element: <PortalIntakePage />, gate: 'intake' },
  // The link in the "new referral received" e-mail.
  { path: '/clinics/:clinicId/referrals/:referralId', element: <ReferralLinkPage /> },
  { path: '/account/two-factor', element: <TwoFactorPage /> },
  { path: '/directory-admin', element: <PublicProfilePage />, gate: 'directory' },
  { path: '/directory-admin/credentials', element: <CredentialsPage />, gate: 'directory' },
  { path: '/directory-admin/reviews', element: <ReviewsAdminPage />, gate: 'directory' },
  { path: '/directory-admin/moderation', element: <ModerationPage />, gate: 'directory' },
  // The signed-in link a patient gets to review a completed session (the server checks it is theirs).
  { path: '/reviews/new', element: <WriteReviewPage /> },
];

const routes: RouteObject[] = [
  // Online booking: signed-out visitors see how to get in; signed-in patients book (BookingEntry).
  {
    path: '/book',
    element: <BookingEntry />,
    children: [
      {
        element: <Layout />,
        children: [
          {
            index: true,
            element: (
              <Gate item="book">
                <BookPage />
              </Gate>
            ),
          },
        ],
      },
    ],
  },
  {
    element: <PublicLayout />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invitations/:token', element: <InvitationPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password/:token', element: <ResetPasswordPage /> },
      { path: '/intake/:token', element: <LinkIntakePage /> },
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
