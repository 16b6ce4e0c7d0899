// Strategy workspace: title and tabs (triangle, value model, needs -> attributes, orientation).
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../../ui/PageLoader';

export const TABS = ['triangle', 'value', 'needs', 'orientation'] as const;

export default function StrategyLayout() {
  const { t } = useTranslation();
  const loc = useLocation();
  const navigate = useNavigate();
  const tab = TABS.find((x) => loc.pathname.startsWith(`/strategy/${x}`)) ?? 'triangle';
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('strategy.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('strategy.subtitle')}
        </Text>
      </div>
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(`/strategy/${v}${loc.search}`)}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`strategy.tab.${k}`)}
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
