// Corrective actions opened by failed items: owner, due date, done, verified.
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { date } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { type TCorrectiveAction, useActions } from './api';

const COLOR: Record<string, string> = { open: 'orange', done: 'blue', verified: 'teal' };

export function ActionsTable({ items }: { items: TCorrectiveAction[] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const move = useMutation({
    mutationFn: (a: { id: string; status: 'done' | 'verified' }) =>
      api.patch(`/api/fieldwork/actions/${a.id}`, { status: a.status }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['fieldwork'] }),
    onError: notifyError,
  });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fieldwork.col.action')}</Table.Th>
            <Table.Th>{t('fieldwork.col.unit')}</Table.Th>
            <Table.Th>{t('fieldwork.col.owner')}</Table.Th>
            <Table.Th>{t('fieldwork.col.due')}</Table.Th>
            <Table.Th>{t('fieldwork.col.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Link to={`/fieldwork/visits/${a.visitId}`}>{a.title}</Link>
                {a.critical && (
                  <Badge color="red" size="xs" variant="light" ml={6}>
                    {t('fieldwork.critical')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{a.unitName}</Table.Td>
              <Table.Td>
                {a.ownerName ?? (
                  <Text c="dimmed" span>
                    {t('fieldwork.noOwner')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text c={a.overdue ? 'red' : undefined} fw={a.overdue ? 600 : undefined} span>
                  {date(a.dueDate, i18n.language)}
                  {a.overdue ? ` · ${t('fieldwork.overdue')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={COLOR[a.status]} variant="light">
                  {t(`fieldwork.actionStatus.${a.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {a.status === 'open' && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => move.mutate({ id: a.id, status: 'done' })}
                  >
                    {t('fieldwork.markDone')}
                  </Button>
                )}
                {a.status === 'done' && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => move.mutate({ id: a.id, status: 'verified' })}
                  >
                    {t('fieldwork.verify')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function ActionsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('all');
  const q = useActions(filter === 'overdue');
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('fieldwork.actionsHelp')}
        </Text>
        <SegmentedControl
          aria-label={t('fieldwork.actionsFilter')}
          value={filter}
          onChange={setFilter}
          data={[
            { value: 'all', label: t('fieldwork.allActions') },
            { value: 'overdue', label: t('fieldwork.overdueOnly') },
          ]}
        />
      </Group>
      {q.isLoading ? <PageLoader /> : <ActionsTable items={q.data?.items ?? []} />}
    </Stack>
  );
}
