// Routes of the complaints feature, mounted by App.tsx inside the authenticated shell.
import { Route } from 'react-router';
import { ComingSoon } from '../../ui/ComingSoon';

export const complaintsRoutes = (
  <Route path="/complaints/*" element={<ComingSoon module="complaints" />} />
);

/** Routes outside the login (respondent / public pages), mounted at top level. */
export const complaintsPublicRoutes = null;
