// Routes of the standards feature, mounted by App.tsx inside the authenticated shell.
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const StandardsLayout = featurePage('standards', () => import('./Layout'));
const CataloguePage = featurePage('standards', () => import('./CataloguePage'));
const StandardPage = featurePage('standards', () => import('./StandardPage'));
const EditorPage = featurePage('standards', () => import('./EditorPage'));
const CoveragePage = featurePage('standards', () => import('./CoveragePage'));
const AttributesPage = featurePage('standards', () => import('./AttributesPage'));

export const standardsRoutes = (
  <>
    <Route path="/standards" element={<StandardsLayout />}>
      <Route index element={<Navigate to="catalogue" replace />} />
      <Route path="catalogue" element={<CataloguePage />} />
      <Route path="coverage" element={<CoveragePage />} />
      <Route path="attributes" element={<AttributesPage />} />
    </Route>
    <Route path="/standards/new" element={<EditorPage />} />
    <Route path="/standards/s/:id" element={<StandardPage />} />
    <Route path="/standards/s/:id/edit" element={<EditorPage />} />
  </>
);
