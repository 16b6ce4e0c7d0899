import { Notifications } from '@mantine/notifications';

// Its own lazy chunk (main.tsx): the toast container, its transitions and drag handling are not
// needed to paint the first screen. notifications.show() only writes to a store, which the host
// renders as soon as it mounts, so a toast raised before that is not lost.
export default function NotificationsHost() {
  return <Notifications position="top-right" />;
}
