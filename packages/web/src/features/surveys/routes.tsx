// Routes of the surveys feature, mounted by App.tsx inside the authenticated shell.
import { Route } from 'react-router';
import { ComingSoon } from '../../ui/ComingSoon';

export const surveysRoutes = <Route path="/surveys/*" element={<ComingSoon module="surveys" />} />;

/** Routes outside the login (respondent / public pages), mounted at top level. */
export const surveysPublicRoutes = null;
