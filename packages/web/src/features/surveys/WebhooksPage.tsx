// Outgoing survey webhooks (admins): list, create, edit, delete; the signing secret is shown
// once (on creation or rotation); recent deliveries with status and attempts; "send test event";
// "retry now" on a failed delivery. A private/loopback address refused by the server's SSRF
// guard (WEBHOOK_ALLOW_PRIVATE off) is shown under the address field.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { isAdmin, useSession } from '../../auth/session';
import { dateTime } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import {
  type TDelivery,
  type TWebhookInput,
  type TWebhookItem,
  useSurveys,
  useWebhookMutations,
  useWebhooks,
  WEBHOOK_EVENTS,
} from './api';
import { validHookUrl } from './outreach';

/** i18n key of an event name (i18next splits keys on dots) */
const eventKey = (e: string) => e.split('.').pop() ?? e;

const BLANK: TWebhookInput = {
  url: '',
  surveyId: null,
  description: '',
  events: ['survey.response.completed'],
  active: true,
};

function HookForm({
  initial,
  editing,
  onDone,
}: {
  initial: TWebhookInput;
  editing: string | null;
  onDone: (created?: TWebhookItem) => void;
}) {
  const { t } = useTranslation();
  const surveys = useSurveys();
  const m = useWebhookMutations();
  const [v, setV] = useState<TWebhookInput>(initial);
  const [touched, setTouched] = useState(false);
  // the server's refusal of an address (e.g. a private IP), shown under the field
  const [serverUrlError, setServerUrlError] = useState('');
  const urlError =
    touched && !validHookUrl(v.url) ? t('surveys.hooks.urlInvalid') : serverUrlError || undefined;
  const onError = (e: unknown) => {
    const field = e instanceof ApiError ? (e.details as { field?: string } | null)?.field : null;
    if (field === 'url' && e instanceof Error) setServerUrlError(e.message);
    else notifyError(e);
  };
  const save = () => {
    setTouched(true);
    if (!validHookUrl(v.url) || v.events.length === 0) return;
    const body = { ...v, url: v.url.trim(), description: v.description.trim() };
    if (editing) {
      m.update.mutate({ id: editing, ...body }, { onSuccess: () => onDone(), onError });
    } else {
      const { active: _a, ...create } = body;
      m.create.mutate(create, { onSuccess: (h) => onDone(h), onError });
    }
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label={editing ? t('surveys.hooks.edit') : t('surveys.hooks.new')}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {editing ? t('surveys.hooks.edit') : t('surveys.hooks.new')}
          </Title>
          <TextInput
            label={t('surveys.hooks.url')}
            description={t('surveys.hooks.urlHelp')}
            placeholder="https://"
            type="url"
            required
            value={v.url}
            error={urlError}
            onBlur={() => setTouched(true)}
            onChange={(e) => {
              setServerUrlError('');
              setV({ ...v, url: e.currentTarget.value });
            }}
          />
          <TextInput
            label={t('surveys.hooks.description')}
            value={v.description}
            maxLength={200}
            onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
          />
          <Select
            label={t('surveys.hooks.survey')}
            data={[
              { value: '', label: t('surveys.hooks.allSurveys') },
              ...(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={v.surveyId ?? ''}
            allowDeselect={false}
            onChange={(x) => setV({ ...v, surveyId: x ? x : null })}
            maw={420}
          />
          <Checkbox.Group
            label={t('surveys.hooks.events')}
            value={v.events}
            onChange={(events) => setV({ ...v, events })}
            error={touched && v.events.length === 0 ? t('surveys.hooks.eventsRequired') : undefined}
          >
            <Stack gap={4} mt={4}>
              {WEBHOOK_EVENTS.map((e) => (
                <Checkbox
                  key={e}
                  value={e}
                  label={`${t(`surveys.hooks.event.${eventKey(e)}`)} (${e})`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          {editing ? (
            <Switch
              label={t('surveys.hooks.active')}
              checked={v.active ?? true}
              onChange={(e) => setV({ ...v, active: e.currentTarget.checked })}
            />
          ) : null}
          <Group gap="xs">
            <Button type="submit" loading={m.create.isPending || m.update.isPending}>
              {editing ? t('surveys.hooks.save') : t('surveys.hooks.create')}
            </Button>
            <Button variant="default" onClick={() => onDone()}>
              {t('surveys.hooks.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Recent deliveries, refreshed every few seconds while one is still pending. */
function useLiveDeliveries(hookId: string) {
  return useQuery({
    queryKey: ['survey-webhooks', hookId, 'deliveries'],
    queryFn: () =>
      api
        .get<{ items: TDelivery[] }>(`/api/survey-webhooks/${hookId}/deliveries`)
        .then((r) => r.items),
    refetchInterval: (q) =>
      (q.state.data ?? []).some((x) => x.status === 'pending') ? 3000 : false,
  });
}

/** "Retry now": one new attempt for a failed delivery (idempotent on the server). */
function RetryButton({ hookId, d }: { hookId: string; d: TDelivery }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const retry = useMutation({
    mutationFn: () =>
      api.post<TDelivery & { queued: boolean }>(
        `/api/survey-webhooks/${hookId}/deliveries/${d.id}/retry`,
        {},
      ),
    onSuccess: () => {
      notifyOk(t('surveys.hooks.retryQueued'));
      void qc.invalidateQueries({ queryKey: ['survey-webhooks', hookId, 'deliveries'] });
    },
    onError: notifyError,
  });
  return (
    <Button
      size="compact-xs"
      variant="light"
      mt={4}
      loading={retry.isPending}
      onClick={() => retry.mutate()}
      aria-label={t('surveys.hooks.retryLabel', {
        when: dateTime(d.createdAt, i18n.language),
      })}
    >
      {t('surveys.hooks.retry')}
    </Button>
  );
}

function Deliveries({ hookId }: { hookId: string }) {
  const { t, i18n } = useTranslation();
  const d = useLiveDeliveries(hookId);
  if (d.isLoading) return <Text size="sm">…</Text>;
  const items = d.data ?? [];
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        {t('surveys.hooks.noDeliveries')}
      </Text>
    );
  const color = { delivered: 'teal', pending: 'orange', failed: 'red' } as const;
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table verticalSpacing={4} aria-label={t('surveys.hooks.deliveriesTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.hooks.when')}</Table.Th>
            <Table.Th>{t('surveys.hooks.status')}</Table.Th>
            <Table.Th ta="right">{t('surveys.hooks.attempts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>
                <Text size="sm">{dateTime(x.createdAt, i18n.language)}</Text>
                <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {x.event}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} c={color[x.status]}>
                  {t(`surveys.hooks.st.${x.status}`)}
                  {x.lastStatus ? ` · HTTP ${x.lastStatus}` : ''}
                </Text>
                {x.lastError && x.status !== 'delivered' ? (
                  <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                    {x.lastError}
                  </Text>
                ) : null}
                {x.status === 'failed' && x.responseId ? (
                  <RetryButton hookId={hookId} d={x} />
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{x.attempts}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SecretOnce({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('surveys.hooks.secretTitle')} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('surveys.hooks.secretHelp')}</Text>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Group gap="xs">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="xs" onClick={copy}>
                {copied ? t('surveys.dist.copied') : t('surveys.hooks.copySecret')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onClose}>
            {t('surveys.hooks.secretDone')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function HookCard({
  h,
  surveyName,
  onEdit,
  onSecret,
}: {
  h: TWebhookItem;
  surveyName: string;
  onEdit: () => void;
  onSecret: (s: string) => void;
}) {
  const { t } = useTranslation();
  const m = useWebhookMutations();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [testResult, setTestResult] = useState('');
  const test = () =>
    m.test.mutate(h.id, {
      onSuccess: (r) => {
        const msg = r.ok
          ? t('surveys.hooks.testOk', { status: r.status ?? '' })
          : t('surveys.hooks.testFailed', { error: r.error ?? '' });
        setTestResult(msg);
        setShowDeliveries(true);
        if (r.ok) notifyOk(msg);
      },
      onError: notifyError,
    });
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={h.url}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
              {h.url}
            </Text>
            {h.description ? <Text size="sm">{h.description}</Text> : null}
            <Text size="xs" c="dimmed">
              {surveyName} ·{' '}
              {h.events.map((e) => t(`surveys.hooks.event.${eventKey(e)}`)).join(', ')}
            </Text>
          </Stack>
          <Badge color={h.active ? 'teal' : 'gray'} variant="light">
            {h.active ? t('surveys.hooks.on') : t('surveys.hooks.off')}
          </Badge>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button size="xs" variant="light" onClick={test} loading={m.test.isPending}>
            {t('surveys.hooks.test')}
          </Button>
          <Button size="xs" variant="default" onClick={onEdit}>
            {t('surveys.hooks.editBtn')}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={m.rotate.isPending}
            onClick={() =>
              m.rotate.mutate(h.id, {
                onSuccess: (r) => r.secret && onSecret(r.secret),
                onError: notifyError,
              })
            }
          >
            {t('surveys.hooks.rotate')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            aria-expanded={showDeliveries}
            onClick={() => setShowDeliveries((x) => !x)}
          >
            {showDeliveries ? t('surveys.hooks.hideDeliveries') : t('surveys.hooks.deliveries')}
          </Button>
          {confirmDelete ? (
            <Group gap={4}>
              <Text size="sm">{t('surveys.hooks.confirmDelete')}</Text>
              <Button
                size="xs"
                color="red"
                loading={m.remove.isPending}
                onClick={() =>
                  m.remove.mutate(h.id, {
                    onSuccess: () => notifyOk(t('surveys.hooks.deleted')),
                    onError: notifyError,
                  })
                }
              >
                {t('surveys.hooks.yesDelete')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>
                {t('surveys.hooks.cancel')}
              </Button>
            </Group>
          ) : (
            <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
              {t('surveys.hooks.delete')}
            </Button>
          )}
        </Group>
        {testResult ? (
          <Text size="sm" role="status">
            {testResult}
          </Text>
        ) : null}
        {showDeliveries ? <Deliveries hookId={h.id} /> : null}
      </Stack>
    </Paper>
  );
}

export default function WebhooksPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const hooks = useWebhooks();
  const surveys = useSurveys();
  const [form, setForm] = useState<{ id: string | null; v: TWebhookInput } | null>(null);
  const [secret, setSecret] = useState('');
  if (!isAdmin(user)) return <Alert color="yellow">{t('surveys.hooks.adminsOnly')}</Alert>;
  if (hooks.isLoading) return <PageLoader />;
  const names = new Map((surveys.data ?? []).map((s) => [s.id, s.name]));
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/surveys" size="sm">
          ← {t('surveys.list.title')}
        </Anchor>
        <Title order={1} size="h2">
          {t('surveys.hooks.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('surveys.hooks.help')}
        </Text>
      </div>
      {secret ? <SecretOnce secret={secret} onClose={() => setSecret('')} /> : null}
      {form ? (
        <HookForm
          key={form.id ?? 'new'}
          initial={form.v}
          editing={form.id}
          onDone={(created) => {
            setForm(null);
            if (created?.secret) setSecret(created.secret);
            if (created) notifyOk(t('surveys.hooks.created'));
          }}
        />
      ) : (
        <Group>
          <Button onClick={() => setForm({ id: null, v: BLANK })}>{t('surveys.hooks.add')}</Button>
        </Group>
      )}
      {(hooks.data ?? []).length === 0 ? (
        <Text c="dimmed">{t('surveys.hooks.empty')}</Text>
      ) : (
        (hooks.data ?? []).map((h) => (
          <HookCard
            key={h.id}
            h={h}
            surveyName={
              h.surveyId
                ? (names.get(h.surveyId) ?? t('surveys.hooks.oneSurvey'))
                : t('surveys.hooks.allSurveys')
            }
            onSecret={setSecret}
            onEdit={() =>
              setForm({
                id: h.id,
                v: {
                  url: h.url,
                  surveyId: h.surveyId,
                  description: h.description ?? '',
                  events: h.events,
                  active: h.active,
                },
              })
            }
          />
        ))
      )}
    </Stack>
  );
}
