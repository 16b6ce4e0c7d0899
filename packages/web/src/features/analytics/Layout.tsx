// Analytics section: title and one tab per report. Switching tabs keeps the period, unit and
// channel of the link (the survey is per report: a SERVQUAL survey is not an NPS survey).
import { Group, Stack, Tabs, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../../ui/PageLoader';
import { DigestToggle } from './DigestToggle';
import { filtersToSearch, parseFilters } from './filters';

export const TABS = [
  'overview',
  'servqual',
  'nps',
  'kano',
  'value',
  'priorities',
  'comments',
  'complaints',
  'internal',
] as const;

export default function AnalyticsLayout() {
  const { t } = useTranslation();
  const loc = useLocation();
  const navigate = useNavigate();
  // The drill-down list keeps the tab of the report it came from lit.
  const from = new URLSearchParams(loc.search).get('report');
  const drilled = loc.pathname.startsWith('/analytics/responses')
    ? TABS.find((x) => x === from)
    : undefined;
  const tab = drilled ?? TABS.find((x) => loc.pathname.startsWith(`/analytics/${x}`)) ?? 'overview';
  const go = (v: string | null) => {
    if (!v) return;
    const { survey: _drop, ...keep } = parseFilters(new URLSearchParams(loc.search));
    navigate(`/analytics/${v}${filtersToSearch(keep)}`);
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="start" wrap="wrap" gap="xs">
        <Title order={1} size="h2">
          {t('analytics.title')}
        </Title>
        {/* the weekly e-mail carries the overview's figures: switched on where they are shown */}
        {tab === 'overview' && <DigestToggle />}
      </Group>
      <Tabs value={tab} onChange={go} keepMounted={false}>
        {/* One scrollable row on a phone instead of three rows of tabs. */}
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'none' }}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} style={{ whiteSpace: 'nowrap' }}>
              {t(`analytics.tab.${k}`)}
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
