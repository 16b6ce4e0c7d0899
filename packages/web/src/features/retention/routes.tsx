// Routes of the retention feature, mounted by App.tsx inside the authenticated shell.
import { Route } from 'react-router';
import { ComingSoon } from '../../ui/ComingSoon';

export const retentionRoutes = (
  <Route path="/retention/*" element={<ComingSoon module="retention" />} />
);
