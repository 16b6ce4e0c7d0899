import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import './i18n';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { ApiError } from './api/client';
import { SESSION_KEY, SessionProvider } from './auth/session';

// Teal 9 (#087f5b) keeps white-on-teal buttons and teal links above WCAG AA (4.5:1) on white.
const theme = createTheme({ primaryColor: 'teal', primaryShade: 9, focusRing: 'auto' });

const NotificationsHost = lazy(() => import('./ui/NotificationsHost'));

const queryClient: QueryClient = new QueryClient({
  // An expired session turns any query into 401: re-read the session so the app shows the login.
  queryCache: new QueryCache({
    onError: (e) => {
      if (e instanceof ApiError && e.status === 401) {
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      }
    },
  }),
  defaultOptions: {
    queries: {
      // Client errors (401/403/404) will not fix themselves by retrying.
      retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <Suspense fallback={null}>
          <NotificationsHost />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <App />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
