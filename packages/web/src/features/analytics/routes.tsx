// Routes of the analytics feature, mounted by App.tsx inside the authenticated shell. Each page
// is its own lazy chunk, so the chart library never reaches the entry bundle.
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const AnalyticsLayout = featurePage('analytics', () => import('./Layout'));
const OverviewPage = featurePage('analytics', () => import('./OverviewPage'));
const ServqualPage = featurePage('analytics', () => import('./ServqualPage'));
const NpsPage = featurePage('analytics', () => import('./NpsPage'));
const KanoPage = featurePage('analytics', () => import('./KanoPage'));
const PrioritiesPage = featurePage('analytics', () => import('./PrioritiesPage'));
const CommentsPage = featurePage('analytics', () => import('./CommentsPage'));
const ComplaintsPage = featurePage('analytics', () => import('./ComplaintsPage'));
const InternalPage = featurePage('analytics', () => import('./InternalPage'));
const ValuePage = featurePage('analytics', () => import('./ValuePage'));
const ResponsesPage = featurePage('analytics', () => import('./ResponsesPage'));

export const analyticsRoutes = (
  <Route path="/analytics" element={<AnalyticsLayout />}>
    <Route index element={<Navigate to="overview" replace />} />
    <Route path="overview" element={<OverviewPage />} />
    <Route path="servqual" element={<ServqualPage />} />
    <Route path="nps" element={<NpsPage />} />
    <Route path="kano" element={<KanoPage />} />
    <Route path="priorities" element={<PrioritiesPage />} />
    <Route path="comments" element={<CommentsPage />} />
    <Route path="complaints" element={<ComplaintsPage />} />
    <Route path="internal" element={<InternalPage />} />
    <Route path="value" element={<ValuePage />} />
    <Route path="responses" element={<ResponsesPage />} />
    <Route path="*" element={<Navigate to="/analytics" replace />} />
  </Route>
);
