// Retention section: header with the current model run, a refit button and tabs.
import { Alert, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { date } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { useOverview, useRuns } from './api';

export const TABS = ['best', 'at-risk', 'tiers', 'cohorts', 'data'] as const;

export default function RetentionLayout() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const loc = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const overview = useOverview();
  const runs = useRuns();
  const [busy, setBusy] = useState(false);
  const tab = TABS.find((x) => loc.pathname.startsWith(`/retention/${x}`)) ?? 'best';
  const run = overview.data?.run ?? null;
  const latest = runs.data?.items[0];
  const pending = latest && (latest.status === 'queued' || latest.status === 'running');
  // When a queued/running refit finishes, the lists and the overview show the new scores.
  const lastState = useRef<string | null>(null);
  useEffect(() => {
    const state = latest ? `${latest.id}:${latest.status}` : null;
    if (lastState.current && state !== lastState.current && !pending) {
      void qc.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'retention' && q.queryKey[1] !== 'runs',
      });
    }
    lastState.current = state;
  }, [latest, pending, qc]);

  const refit = async () => {
    setBusy(true);
    try {
      await api.post('/api/retention/model/refit', {});
      notifyOk(t('retention.refitQueued'));
      await qc.invalidateQueries({ queryKey: ['retention'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('retention.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {run
              ? t('retention.modelInfo', {
                  version: run.version,
                  date: date(run.calibrationEnd, i18n.language),
                  customers: run.customers,
                })
              : t('retention.noModel')}
          </Text>
        </div>
        {canWrite(user) && (
          <Button onClick={() => void refit()} loading={busy || Boolean(pending)}>
            {t('retention.refit')}
          </Button>
        )}
      </Group>
      {latest?.status === 'failed' && (
        <Alert color="orange" role="alert" title={t('retention.lastRunFailed')}>
          {t(`retention.error.${latest.error ?? 'unknown'}`, {
            defaultValue: latest.error ?? '',
          })}
          {latest.warnings.length > 0 && (
            <Text size="xs" mt={4}>
              {latest.warnings.join(' · ')}
            </Text>
          )}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => v && navigate(`/retention/${v}`)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`retention.tab.${k}`)}
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
