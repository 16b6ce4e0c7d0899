// Routes of the performance feature, mounted by App.tsx inside the authenticated shell. Each page
// is its own lazy chunk (the scorecard pages carry the chart library).
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const PerformanceLayout = featurePage('performance', () => import('./Layout'));
const UnitScorecardPage = featurePage('performance', () => import('./UnitScorecardPage'));
const StaffScorecardPage = featurePage('performance', () => import('./StaffScorecardPage'));
const BoardPage = featurePage('performance', () => import('./BoardPage'));
const ComplimentsPage = featurePage('performance', () => import('./ComplimentsPage'));
const RulesPage = featurePage('performance', () => import('./RulesPage'));

export const performanceRoutes = (
  <Route path="/performance" element={<PerformanceLayout />}>
    <Route index element={<Navigate to="units" replace />} />
    <Route path="units" element={<UnitScorecardPage />} />
    <Route path="staff" element={<StaffScorecardPage />} />
    <Route path="board" element={<BoardPage />} />
    <Route path="compliments" element={<ComplimentsPage />} />
    <Route path="rules" element={<RulesPage />} />
    <Route path="*" element={<Navigate to="units" replace />} />
  </Route>
);
