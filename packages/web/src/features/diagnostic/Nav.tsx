// The diagnostic's three pages as tabs (links, so each page has its own URL).
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const TABS = ['gaps', 'promises', 'actions'] as const;
const PATH = {
  gaps: '/diagnostic',
  promises: '/diagnostic/promises',
  actions: '/diagnostic/actions',
};

export function DiagnosticNav() {
  const { t } = useTranslation();
  const loc = useLocation();
  const nav = useNavigate();
  const active = TABS.find((k) => k !== 'gaps' && loc.pathname.startsWith(PATH[k])) ?? 'gaps';
  return (
    <Tabs value={active} onChange={(v) => v && nav(PATH[v as keyof typeof PATH])} mb="md">
      <Tabs.List>
        {TABS.map((k) => (
          <Tabs.Tab key={k} value={k}>
            {t(`diagnostic.tabs.${k}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
