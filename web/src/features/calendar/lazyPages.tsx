import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from '../../components/Status.tsx';

/*
 * The scheduling pages (calendar, booking, series, set-up, waitlist) load on first use: they bring luxon and
 * react-big-calendar, which the rest of the app does not need.
 */
const Calendar = lazy(() => import('./CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const Setup = lazy(() =>
  import('../schedule-setup/ScheduleSetupPage.tsx').then((m) => ({ default: m.ScheduleSetupPage })),
);
const Book = lazy(() => import('../booking/BookPage.tsx').then((m) => ({ default: m.BookPage })));
const Mine = lazy(() =>
  import('../booking/MyAppointmentsPage.tsx').then((m) => ({ default: m.MyAppointmentsPage })),
);
const Series = lazy(() => import('../series/SeriesPage.tsx').then((m) => ({ default: m.SeriesPage })));
const Offer = lazy(() =>
  import('../waitlist/WaitlistOfferPage.tsx').then((m) => ({ default: m.WaitlistOfferPage })),
);

const Loaded = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>{children}</Suspense>
);

export const CalendarPage = () => (
  <Loaded>
    <Calendar />
  </Loaded>
);
export const ScheduleSetupPage = () => (
  <Loaded>
    <Setup />
  </Loaded>
);
export const BookPage = () => (
  <Loaded>
    <Book />
  </Loaded>
);
export const MyAppointmentsPage = () => (
  <Loaded>
    <Mine />
  </Loaded>
);
export const WaitlistOfferPage = () => (
  <Loaded>
    <Offer />
  </Loaded>
);
export const SeriesPage = () => (
  <Loaded>
    <Series />
  </Loaded>
);
