import { lazy, Suspense } from 'react';
import { Loading } from '../../components/Status.tsx';

/* The pages with charts load on first use: they bring recharts, which the rest of the app does not need. */
const Progress = lazy(() => import('./ProgressPage.tsx').then((m) => ({ default: m.ProgressPage })));
const MyProgress = lazy(() =>
  import('../patient-portal/MyProgressPage.tsx').then((m) => ({ default: m.MyProgressPage })),
);
const Analytics = lazy(() =>
  import('../analytics/AnalyticsPage.tsx').then((m) => ({ default: m.AnalyticsPage })),
);

export const ProgressPage = ({ mode }: { mode?: 'staff' | 'physician' }) => (
  <Suspense fallback={<Loading />}>
    <Progress mode={mode} />
  </Suspense>
);
export const AnalyticsPage = () => (
  <Suspense fallback={<Loading />}>
    <Analytics />
  </Suspense>
);
export const MyProgressPage = () => (
  <Suspense fallback={<Loading />}>
    <MyProgress />
  </Suspense>
);
