// Routes of the analytics feature, mounted by App.tsx inside the authenticated shell. Each page
// is its own lazy chunk, so the chart library never reaches the entry bundle.
import { lazy } from 'react';
import { Navigate, Route } from 'react-router';

const AnalyticsLayout = lazy(() => import('./Layout'));
const OverviewPage = lazy(() => import('./OverviewPage'));
const ServqualPage = lazy(() => import('./ServqualPage'));
const NpsPage = lazy(() => import('./NpsPage'));
const KanoPage = lazy(() => import('./KanoPage'));
const PrioritiesPage = lazy(() => import('./PrioritiesPage'));
const CommentsPage = lazy(() => import('./CommentsPage'));

export const analyticsRoutes = (
  <Route path="/analytics" element={<AnalyticsLayout />}>
    <Route index element={<Navigate to="overview" replace />} />
    <Route path="overview" element={<OverviewPage />} />
    <Route path="servqual" element={<ServqualPage />} />
    <Route path="nps" element={<NpsPage />} />
    <Route path="kano" element={<KanoPage />} />
    <Route path="priorities" element={<PrioritiesPage />} />
    <Route path="comments" element={<CommentsPage />} />
    <Route path="*" element={<Navigate to="/analytics" replace />} />
  </Route>
);
