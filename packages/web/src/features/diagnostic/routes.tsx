// Routes of the five-gap diagnostic (issue 16), mounted by App.tsx inside the authenticated shell.
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const DiagnosticPage = featurePage('diagnostic', () => import('./DiagnosticPage'));
const PromisesPage = featurePage('diagnostic', () => import('./PromisesPage'));
const ActionsPage = featurePage('diagnostic', () => import('./ActionsPage'));

export const diagnosticRoutes = (
  <Route path="/diagnostic">
    <Route index element={<DiagnosticPage />} />
    <Route path="promises" element={<PromisesPage />} />
    <Route path="actions" element={<ActionsPage />} />
    <Route path="*" element={<Navigate to="/diagnostic" replace />} />
  </Route>
);
