import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError, setSessionEndedHandler } from './api/client.ts';
import { router } from './app/router.tsx';
import { ME_KEY } from './app/session.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Retrying a refusal or a missing session only delays the message.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

// The session ended (idle timeout or signed out elsewhere): forget everything and ask to sign in again.
setSessionEndedHandler(() => {
  if (router.state.location.pathname === '/sign-in') return;
  const from = router.state.location.pathname + router.state.location.search;
  queryClient.clear();
  queryClient.setQueryData(ME_KEY, null);
  void router.navigate('/sign-in', { replace: true, state: { notice: 'idle', from } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
