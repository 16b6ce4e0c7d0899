// The action plan: actions accepted from the diagnostic's ranked list, with owner, due date and
// status, tracked to closure; beside each closed one, its dimension's gap 5 when accepted and
// with the answers after closing.
import { Badge, Card, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { DayInput } from '../../ui/DateField';
import { notifyError } from '../../ui/notify';
import { type TAction, useActions, useOwners, usePatchAction } from './api';
import { DiagnosticNav } from './Nav';

const STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
const COLOR = { open: 'blue', in_progress: 'yellow', done: 'teal', dropped: 'gray' } as const;

export default function ActionsPage() {
  const { t } = useTranslation();
  const list = useActions();
  const { user } = useSession();
  const writer = canWrite(user);
  const owners = useOwners(writer);
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('diagnostic.actions.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('diagnostic.actions.intro')}
        </Text>
      </div>
      <DiagnosticNav />
      {list.isLoading && <Loader />}
      {list.data?.items.length === 0 && <Text>{t('diagnostic.actions.empty')}</Text>}
      {list.data?.items.map((a) => (
        <ActionCard key={a.id} a={a} writer={writer} owners={owners.data?.items ?? []} />
      ))}
    </Stack>
  );
}

function ActionCard({
  a,
  writer,
  owners,
}: {
  a: TAction;
  writer: boolean;
  owners: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const patch = usePatchAction();
  const overdue = a.dueOn && !a.closedAt && a.dueOn < new Date().toISOString().slice(0, 10);
  const change = (b: Record<string, unknown>) =>
    patch.mutate({ id: a.id, ...b }, { onError: notifyError });
  return (
    <Card withBorder data-action={a.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600} size="sm">
            {a.title}
          </Text>
          <Text size="xs" c="dimmed">
            {t('diagnostic.gapN', { n: a.gap })}
            {a.dimension ? ` · ${t(`diagnostic.dims.${a.dimension}`)}` : ''}
            {a.unitName ? ` · ${a.unitName}` : ''} · {t('diagnostic.col.priority')}{' '}
            {f.fixed(a.score, 2)}
          </Text>
          {a.detail && <Text size="sm">{a.detail}</Text>}
        </div>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Badge color={COLOR[a.status]} variant="light">
            {t(`diagnostic.actions.status.${a.status}`)}
          </Badge>
          {overdue && (
            <Badge color="red" variant="filled" size="sm">
              {t('diagnostic.actions.overdue')}
            </Badge>
          )}
        </Stack>
      </Group>
      {a.closedAt && a.dimension && (
        <Text size="sm" mt="xs">
          {t('diagnostic.col.after')}: <b>{f.fixed(a.baselineGap, 2)}</b> →{' '}
          <b>{a.after && a.after.n > 0 ? f.fixed(a.after.gap, 2) : '—'}</b>{' '}
          <Text span size="xs" c="dimmed">
            {a.after && a.after.n > 0
              ? t('diagnostic.actions.afterHelp', { n: f.int(a.after.n) })
              : t('diagnostic.actions.noAfter')}
          </Text>
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
        <Select
          size="xs"
          label={t('diagnostic.actions.owner')}
          data={
            owners.length
              ? owners.map((o) => ({ value: o.id, label: o.name }))
              : a.ownerId
                ? [{ value: a.ownerId, label: a.ownerName ?? '' }]
                : []
          }
          value={a.ownerId}
          onChange={(v) => change({ ownerId: v })}
          disabled={!writer}
          clearable
        />
        <DayInput
          size="xs"
          label={t('diagnostic.actions.due')}
          value={a.dueOn ?? ''}
          onChange={(v) => change({ dueOn: v || null })}
          disabled={!writer}
        />
        <Select
          size="xs"
          label={t('diagnostic.actions.changeStatus')}
          data={STATUSES.map((s) => ({ value: s, label: t(`diagnostic.actions.status.${s}`) }))}
          value={a.status}
          onChange={(v) => v && change({ status: v })}
          allowDeselect={false}
          disabled={!writer}
        />
      </SimpleGrid>
    </Card>
  );
}
