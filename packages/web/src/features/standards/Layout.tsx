// Standards section: title and one tab per view (catalogue, coverage = gap 2, attributes).
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../../ui/PageLoader';

export const TABS = ['catalogue', 'coverage', 'attributes'] as const;

export default function StandardsLayout() {
  const { t } = useTranslation();
  const loc = useLocation();
  const navigate = useNavigate();
  const tab = TABS.find((x) => loc.pathname.startsWith(`/standards/${x}`)) ?? 'catalogue';
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('standards.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('standards.subtitle')}
        </Text>
      </div>
      <Tabs value={tab} onChange={(v) => v && navigate(`/standards/${v}`)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'none' }}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} style={{ whiteSpace: 'nowrap' }}>
              {t(`standards.tab.${k}`)}
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
