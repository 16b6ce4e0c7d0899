// Routes of the complaints feature, mounted by App.tsx inside the authenticated shell.
import { Route } from 'react-router';
import { featurePage } from '../../i18n';

const ComplaintsPage = featurePage('complaints', () => import('./ComplaintsPage'));
const CasePage = featurePage('complaints', () => import('./CasePage'));
const NewCasePage = featurePage('complaints', () => import('./NewCasePage'));
const ReportsPage = featurePage('complaints', () => import('./ReportsPage'));
const PublicFormPage = featurePage('complaints', () => import('./PublicFormPage'));
const TrackPage = featurePage('complaints', () => import('./TrackPage'));

export const complaintsRoutes = (
  <>
    <Route path="/complaints" element={<ComplaintsPage />} />
    <Route path="/complaints/new" element={<NewCasePage />} />
    <Route path="/complaints/reports" element={<ReportsPage />} />
    <Route
      path="/complaints/settings/*"
      Component={featurePage('complaints', () => import('./SettingsPage'))}
    />
    <Route path="/complaints/:id" element={<CasePage />} />
  </>
);

/** Routes outside the login (respondent / public pages), mounted at top level. */
export const complaintsPublicRoutes = (
  <>
    <Route path="/complaint/:slug" element={<PublicFormPage />} />
    {/* the link in the customer's mails (server: complaints/mail.ts followUrl) */}
    <Route path="/complaint/track/:token" element={<TrackPage />} />
  </>
);
