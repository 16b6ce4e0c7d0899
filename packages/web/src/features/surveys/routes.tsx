// Routes of the surveys feature, mounted by App.tsx inside the authenticated shell.
import { useEffect } from 'react';
import { Route } from 'react-router';
import { ComingSoon } from '../../ui/ComingSoon';

export const surveysRoutes = <Route path="/surveys/*" element={<ComingSoon module="surveys" />} />;

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
