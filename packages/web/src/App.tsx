import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session';
import { analyticsRoutes } from './features/analytics/routes';
import { complaintsPublicRoutes, complaintsRoutes } from './features/complaints/routes';
import { diagnosticRoutes } from './features/diagnostic/routes';
import { fieldworkRoutes } from './features/fieldwork/routes';
import { panelsPublicRoutes, panelsRoutes } from './features/panels/routes';
import { performanceRoutes } from './features/performance/routes';
import { retentionRoutes } from './features/retention/routes';
import { standardsRoutes } from './features/standards/routes';
import { strategyRoutes } from './features/strategy/routes';
import { surveysPublicRoutes, surveysRoutes } from './features/surveys/routes';
import { featurePage } from './i18n';
import { ComingSoon } from './ui/ComingSoon';
import { PageLoader } from './ui/PageLoader';

// Routes are split so the login page (and later the respondent pages) stay small.
// The authenticated shell is lazy too: the login page must not pay for it.
const Shell = lazy(() => import('./ui/Shell'));
const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const ForgotPasswordPage = lazy(() => import('./features/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./features/auth/ResetPasswordPage'));
const CustomersPage = featurePage('customers', () => import('./features/customers/CustomersPage'));
const CustomerPage = featurePage('customers', () => import('./features/customers/CustomerPage'));
const CustomerEditPage = featurePage(
  'customers',
  () => import('./features/customers/CustomerEditPage'),
);
const ImportWizard = featurePage('customers', () => import('./features/customers/ImportWizard'));
const AdminPage = featurePage('admin', () => import('./features/admin/AdminPage'));

function RequireAuth({ children }: { children: React.ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageLoader />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

export function App() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        {surveysPublicRoutes}
        {complaintsPublicRoutes}
        {panelsPublicRoutes}
        <Route
          element={
            <RequireAuth>
              <Shell />
            </RequireAuth>
          }
        >
          <Route index element={<Navigate to="/analytics/overview" replace />} />
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/customers/new" element={<CustomerEditPage />} />
          <Route path="/customers/import" element={<ImportWizard />} />
          <Route path="/customers/:id" element={<CustomerPage />} />
          <Route path="/customers/:id/edit" element={<CustomerEditPage />} />
          <Route path="/admin/*" element={<AdminPage />} />
          {surveysRoutes}
          {complaintsRoutes}
          {retentionRoutes}
          {performanceRoutes}
          {analyticsRoutes}
          {standardsRoutes}
          {strategyRoutes}
          {panelsRoutes}
          {fieldworkRoutes}
          {diagnosticRoutes}
          <Route path="*" element={<ComingSoon module="notFound" />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
