// Routes of the strategy workspace, mounted by App.tsx inside the authenticated shell.
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const StrategyLayout = featurePage('strategy', () => import('./Layout'));
const TrianglePage = featurePage('strategy', () => import('./TrianglePage'));
const ValuePage = featurePage('strategy', () => import('./ValuePage'));
const NeedsPage = featurePage('strategy', () => import('./NeedsPage'));
const OrientationPage = featurePage('strategy', () => import('./OrientationPage'));

export const strategyRoutes = (
  <Route path="/strategy" element={<StrategyLayout />}>
    <Route index element={<Navigate to="triangle" replace />} />
    <Route path="triangle" element={<TrianglePage />} />
    <Route path="value" element={<ValuePage />} />
    <Route path="needs" element={<NeedsPage />} />
    <Route path="orientation" element={<OrientationPage />} />
    <Route path="*" element={<Navigate to="triangle" replace />} />
  </Route>
);
