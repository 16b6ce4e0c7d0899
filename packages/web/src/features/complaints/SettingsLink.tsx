// The complaints list header's link to the settings page, shown to owners/admins only.
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isAdmin, useSession } from '../../auth/session';

export function SettingsLink() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!isAdmin(user)) return null;
  return (
    <Button component={Link} to="/complaints/settings" variant="default">
      {t('complaintsSettings.link')}
    </Button>
  );
}
