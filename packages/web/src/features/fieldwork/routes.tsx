// Routes of the fieldwork feature, mounted by App.tsx inside the authenticated shell. The visit
// form and a shopper's list render outside the staff tabs (phone first).
import { Navigate, Route } from 'react-router';
import { useSession } from '../../auth/session';
import { featurePage } from '../../i18n';

const Layout = featurePage('fieldwork', () => import('./Layout'));
const ResultsPage = featurePage('fieldwork', () => import('./ResultsPage'));
const VisitsPage = featurePage('fieldwork', () => import('./VisitsPage'));
const VisitPage = featurePage('fieldwork', () => import('./VisitPage'));
const ActionsPage = featurePage('fieldwork', () => import('./ActionsPage'));
const MyVisitsPage = featurePage('fieldwork', () => import('./MyVisitsPage'));
const VisitFormPage = featurePage('fieldwork', () => import('./VisitFormPage'));
const ChecklistsPage = featurePage('fieldwork', () => import('./ChecklistsPage'));
const ChecklistEditorPage = featurePage('fieldwork', () => import('./ChecklistEditorPage'));
const ImportPage = featurePage('fieldwork', () => import('./ImportPage'));

function Mine() {
  const { user } = useSession();
  return user?.role === 'shopper' ? <MyVisitsPage /> : <Navigate to="/fieldwork/my-tab" replace />;
}

export const fieldworkRoutes = (
  <>
    <Route path="/fieldwork/my" element={<Mine />} />
    <Route path="/fieldwork/visits/:id/form" element={<VisitFormPage />} />
    <Route path="/fieldwork" element={<Layout />}>
      <Route index element={<Navigate to="results" replace />} />
      <Route path="results" element={<ResultsPage />} />
      <Route path="visits" element={<VisitsPage />} />
      <Route path="visits/:id" element={<VisitPage />} />
      <Route path="actions" element={<ActionsPage />} />
      <Route path="checklists" element={<ChecklistsPage />} />
      <Route path="checklists/:id" element={<ChecklistEditorPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="my-tab" element={<MyVisitsPage />} />
      <Route path="*" element={<Navigate to="results" replace />} />
    </Route>
  </>
);
