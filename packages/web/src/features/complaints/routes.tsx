// Routes of the complaints feature, mounted by App.tsx inside the authenticated shell.
import { lazy } from 'react';
import { Route } from 'react-router';

const ComplaintsPage = lazy(() => import('./ComplaintsPage'));
const CasePage = lazy(() => import('./CasePage'));
const NewCasePage = lazy(() => import('./NewCasePage'));
const ReportsPage = lazy(() => import('./ReportsPage'));
const PublicFormPage = lazy(() => import('./PublicFormPage'));
const TrackPage = lazy(() => import('./TrackPage'));

export const complaintsRoutes = (
  <>
    <Route path="/complaints" element={<ComplaintsPage />} />
    <Route path="/complaints/new" element={<NewCasePage />} />
    <Route path="/complaints/reports" element={<ReportsPage />} />
    <Route path="/complaints/settings/*" Component={lazy(() => import('./SettingsPage'))} />
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
