// Routes of the retention feature, mounted by App.tsx inside the authenticated shell.
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const RetentionLayout = featurePage('retention', () => import('./Layout'));
const BestPage = featurePage('retention', () => import('./BestPage'));
const AtRiskPage = featurePage('retention', () => import('./AtRiskPage'));
const TiersPage = featurePage('retention', () => import('./TiersPage'));
const CohortsPage = featurePage('retention', () => import('./CohortsPage'));
const DataPage = featurePage('retention', () => import('./DataPage'));

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
