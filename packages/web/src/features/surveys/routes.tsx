// Routes of the surveys feature, mounted by App.tsx inside the authenticated shell.
import { useEffect } from 'react';
import { Navigate, Route } from 'react-router';
import { featurePage } from '../../i18n';

const SurveysPage = featurePage('surveys', () => import('./SurveysPage'));
const SurveyLayout = featurePage('surveys', () => import('./SurveyLayout'));
const BuilderPage = featurePage('surveys', () => import('./BuilderPage'));
const DistributePage = featurePage('surveys', () => import('./DistributePage'));
const EntryPage = featurePage('surveys', () => import('./EntryPage'));
const ResponsesPage = featurePage('surveys', () => import('./ResponsesPage'));
const WebhooksPage = featurePage('surveys', () => import('./WebhooksPage'));
const ImportResponses = featurePage('surveys', () => import('./ImportResponses'));

export const surveysRoutes = (
  <>
    <Route path="/surveys" element={<SurveysPage />} />
    <Route path="/surveys/webhooks" element={<WebhooksPage />} />
    <Route path="/surveys/:id/import" element={<ImportResponses />} />
    <Route path="/surveys/:id" element={<SurveyLayout />}>
      <Route index element={<Navigate to="build" replace />} />
      <Route path="build" element={<BuilderPage />} />
      <Route path="distribute" element={<DistributePage />} />
      <Route path="entry" element={<EntryPage />} />
      <Route path="responses" element={<ResponsesPage />} />
    </Route>
  </>
);

/** /s/* is the respondent page, a separate small bundle (respond.html). The server serves it
 *  for /s/*; if the main app was served instead, hand over to it without Mantine. */
function ToRespondent() {
  useEffect(() => {
    const { pathname, search } = window.location;
    window.location.replace(`/respond.html?p=${encodeURIComponent(pathname + search)}`);
  }, []);
  return null;
}

/** Routes outside the login (respondent / public pages), mounted at top level. */
export const surveysPublicRoutes = <Route path="/s/*" element={<ToRespondent />} />;
