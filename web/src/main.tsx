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

// A tab left open across an upgrade asks for the old build's chunks, which are gone: load the new build (once a
// minute at most, so a server that is really down shows the error instead of reloading forever).
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('palpa.reloadedForNewBuild') ?? 0);
  if (Date.now() - last < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('palpa.reloadedForNewBuild', String(Date.now()));
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
