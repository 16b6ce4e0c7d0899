// Complaints settings (owner/admin): business-hours calendars, SLA policies, category trees,
// assignment and unit managers, the public form's link/QR/embed code. Other roles get the not-found page (the server answers 403).
import { Anchor, Group, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isAdmin, useSession } from '../../auth/session';
import { ComingSoon } from '../../ui/ComingSoon';
import { AssignmentTab } from './settings/AssignmentTab';
import { CalendarsTab } from './settings/CalendarsTab';
import { CategoriesTab } from './settings/CategoriesTab';
import { PoliciesTab } from './settings/PoliciesTab';
import { PublicFormTab } from './settings/PublicFormTab';

const TABS = ['calendars', 'policies', 'categories', 'assignment', 'publicForm'] as const;

export default function SettingsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const params = useParams();
  const navigate = useNavigate();
  if (!isAdmin(user)) return <ComingSoon module="notFound" />;
  const tab = TABS.find((x) => x === params['*']) ?? 'calendars';
  return (
    <>
      <Group justify="space-between" wrap="wrap" mb="md">
        <Title order={1} size="h2">
          {t('complaintsSettings.title')}
        </Title>
        <Anchor component={Link} to="/complaints" size="sm">
          {t('complaintsSettings.back')}
        </Anchor>
      </Group>
      <Tabs
        value={tab}
        onChange={(v) => navigate(`/complaints/settings/${v ?? 'calendars'}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`complaintsSettings.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="calendars">
          <CalendarsTab />
        </Tabs.Panel>
        <Tabs.Panel value="policies">
          <PoliciesTab />
        </Tabs.Panel>
        <Tabs.Panel value="categories">
          <CategoriesTab />
        </Tabs.Panel>
        <Tabs.Panel value="assignment">
          <AssignmentTab />
        </Tabs.Panel>
        <Tabs.Panel value="publicForm">
          <PublicFormTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
