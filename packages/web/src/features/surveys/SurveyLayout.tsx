// One survey: header (name, status, version, publish, open/close) and the tabs of its pages
// (builder, distribute, staff entry, responses) as nested routes.

import type { TSurveyDetail } from '@fidelia/contracts';
import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { canWrite, useSession } from '../../auth/session';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { useSurvey, useSurveyMutations } from './api';
import { STATUS_COLOR } from './status';

const TABS = ['build', 'distribute', 'entry', 'responses'] as const;

export interface TSurveyOutlet {
  survey: TSurveyDetail;
  /** the builder reports unsaved edits so publishing waits for a save */
  setDirty: (dirty: boolean) => void;
}
export const useSurveyOutlet = () => useOutletContext<TSurveyOutlet>();

export default function SurveyLayout() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSession();
  const q = useSurvey(id);
  const m = useSurveyMutations(id);
  const location = useLocation();
  const navigate = useNavigate();
  const [dirty, setDirty] = useState(false);
  const tab = TABS.find((x) => location.pathname.endsWith(`/${x}`)) ?? 'build';

  if (q.isLoading) return <PageLoader />;
  if (!q.data)
    return (
      <Alert color="red" title={t('surveys.detail.notFound')}>
        <Anchor component={Link} to="/surveys">
          {t('surveys.detail.back')}
        </Anchor>
      </Alert>
    );
  const s = q.data;
  const writer = canWrite(user);
  const publish = () =>
    m.publish.mutate(undefined, {
      onSuccess: (r) => notifyOk(t('surveys.detail.published', { version: r.publishedVersion })),
      onError: notifyError,
    });
  const setStatus = (status: 'open' | 'closed') =>
    m.patch.mutate({ status }, { onError: notifyError });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Anchor component={Link} to="/surveys" size="sm">
            ← {t('surveys.list.title')}
          </Anchor>
          <Title order={1} size="h2">
            {s.name}
          </Title>
          <Group gap={6} mt={4}>
            <Badge color={STATUS_COLOR[s.status]} variant="light">
              {t(`surveys.status.${s.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {s.publishedVersion
                ? t('surveys.detail.version', { version: s.publishedVersion })
                : t('surveys.detail.neverPublished')}
            </Text>
            {s.hasDraftChanges ? (
              <Badge color="orange" variant="outline">
                {t('surveys.list.draftChanges')}
              </Badge>
            ) : null}
          </Group>
        </div>
        {writer ? (
          <Group gap="xs">
            <Button
              onClick={publish}
              loading={m.publish.isPending}
              disabled={dirty || (!s.hasDraftChanges && s.publishedVersion !== null)}
              title={dirty ? t('surveys.detail.saveFirst') : undefined}
            >
              {s.publishedVersion
                ? t('surveys.detail.publishChanges')
                : t('surveys.detail.publish')}
            </Button>
            {s.status === 'open' ? (
              <Button variant="default" onClick={() => setStatus('closed')}>
                {t('surveys.detail.close')}
              </Button>
            ) : s.status === 'closed' ? (
              <Button variant="default" onClick={() => setStatus('open')}>
                {t('surveys.detail.reopen')}
              </Button>
            ) : null}
            {s.publishedVersion ? (
              <Button variant="default" component={Link} to={`/surveys/${id}/import`}>
                {t('responseImport.open')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <Tabs value={tab} onChange={(v) => v && navigate(`/surveys/${id}/${v}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`surveys.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Suspense fallback={<PageLoader />}>
        <Outlet context={{ survey: s, setDirty } satisfies TSurveyOutlet} />
      </Suspense>
    </Stack>
  );
}
