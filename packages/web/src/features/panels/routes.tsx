// Routes of the panels feature, mounted by App.tsx (staff pages inside the authenticated shell;
// the sign-up and invitation pages outside the login).
import { Route } from 'react-router';
import { featurePage } from '../../i18n';

const PanelsPage = featurePage('panels', () => import('./PanelsPage'));
const PanelPage = featurePage('panels', () => import('./PanelPage'));
const SessionPage = featurePage('panels', () => import('./SessionPage'));
const MemberPage = featurePage('panels', () => import('./MemberPage'));
const InsightsPage = featurePage('panels', () => import('./InsightsPage'));
const SignupPage = featurePage('panels', () => import('./SignupPage'));
const SignupConfirmPage = featurePage('panels', () => import('./SignupConfirmPage'));
const InvitePage = featurePage('panels', () => import('./InvitePage'));

export const panelsRoutes = (
  <>
    <Route path="/panels" element={<PanelsPage />} />
    <Route path="/panels/insights" element={<InsightsPage />} />
    <Route path="/panels/sessions/:id" element={<SessionPage />} />
    <Route path="/panels/members/:memberId" element={<MemberPage />} />
    <Route path="/panels/:id/*" element={<PanelPage />} />
  </>
);

/** Outside the login: the links in the panel mails (server: panels/mail.ts). */
export const panelsPublicRoutes = (
  <>
    <Route path="/panel-signup/:slug" element={<SignupPage />} />
    <Route path="/panel-signup/confirm/:token" element={<SignupConfirmPage />} />
    <Route path="/panel-invite/:token" element={<InvitePage />} />
  </>
);
