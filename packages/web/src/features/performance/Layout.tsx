// Performance section: title and tabs (unit scorecard, staff scorecard, recognition board,
// compliments, rules for admins).
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isAdmin, useSession } from '../../auth/session';
import { PageLoader } from '../../ui/PageLoader';

const TABS = ['units', 'staff', 'board', 'compliments', 'rules'] as const;

export default function PerformanceLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const loc = useLocation();
  const navigate = useNavigate();
  const tabs = TABS.filter((x) => x !== 'rules' || isAdmin(user));
  const tab = tabs.find((x) => loc.pathname.startsWith(`/performance/${x}`)) ?? 'units';
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('performance.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('performance.subtitle')}
        </Text>
      </div>
      <Tabs value={tab} onChange={(v) => v && navigate(`/performance/${v}`)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`performance.tab.${k}`)}
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
