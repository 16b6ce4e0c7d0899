// Fieldwork section for staff: tabs for results, visits, corrective actions and own assignments.
// Shoppers never see this layout (their only page is /fieldwork/my).
import { Stack, Tabs, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { PageLoader } from '../../ui/PageLoader';

export const TABS = ['results', 'visits', 'checklists', 'actions', 'import', 'my'] as const;
const MANAGER_TABS: readonly string[] = ['import'];

export default function FieldworkLayout() {
  const { t } = useTranslation();
  const loc = useLocation();
  const navigate = useNavigate();
  const { user } = useSession();
  const manager = ['owner', 'admin', 'analyst'].includes(user?.role ?? '');
  const tabs = TABS.filter((x) => manager || !MANAGER_TABS.includes(x));
  const tab = TABS.find((x) => loc.pathname.startsWith(`/fieldwork/${x}`)) ?? 'visits';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('fieldwork.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/fieldwork/${v === 'my' ? 'my-tab' : v}`)}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`fieldwork.tab.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </Stack>
  );
}
