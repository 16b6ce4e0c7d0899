// Routes of the retention feature, mounted by App.tsx inside the authenticated shell.
import { lazy } from 'react';
import { Navigate, Route } from 'react-router';

const RetentionLayout = lazy(() => import('./Layout'));
const BestPage = lazy(() => import('./BestPage'));
const AtRiskPage = lazy(() => import('./AtRiskPage'));
const TiersPage = lazy(() => import('./TiersPage'));
const CohortsPage = lazy(() => import('./CohortsPage'));
const DataPage = lazy(() => import('./DataPage'));

export const retentionRoutes = (
  <Route path="/retention" element={<RetentionLayout />}>
    <Route index element={<Navigate to="best" replace />} />
    <Route path="best" element={<BestPage />} />
    <Route path="at-risk" element={<AtRiskPage />} />
    <Route path="tiers" element={<TiersPage />} />
    <Route path="cohorts" element={<CohortsPage />} />
    <Route path="data" element={<DataPage />} />
    <Route path="*" element={<Navigate to="best" replace />} />
  </Route>
);
