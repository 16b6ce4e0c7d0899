// Corrective actions opened by failed items: owner, due date, done, verified.
import { Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { date } from '../../lib/format';
import { DayInput, LocaleDates } from '../../ui/DateField';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { type TCorrectiveAction, useActions } from './api';
import { BUILDERS } from './ChecklistsPage';
import { usePeople } from './ScheduleForm';

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
  const { user } = useSession();
  const canEdit = BUILDERS.includes(user?.role ?? '');
  const people = usePeople(canEdit);
  const staff = (people.data ?? [])
    .filter((p) => p.role !== 'shopper')
    .map((p) => ({ value: p.id, label: p.name }));
  const patch = useMutation({
    mutationFn: (a: { id: string; ownerId?: string | null; dueDate?: string }) => {
      const { id, ...body } = a;
      return api.patch(`/api/fieldwork/actions/${id}`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['fieldwork'] }),
    onError: notifyError,
  });
  return (
    <LocaleDates>
      <Table.ScrollContainer minWidth={canEdit ? 860 : 640}>
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
                  {canEdit && a.status !== 'verified' ? (
                    <Select
                      aria-label={t('fieldwork.ownerFor', { title: a.title })}
                      placeholder={t('fieldwork.noOwner')}
                      size="xs"
                      searchable
                      clearable
                      w={190}
                      value={a.ownerId}
                      data={
                        a.ownerId && !staff.some((p) => p.value === a.ownerId)
                          ? [...staff, { value: a.ownerId, label: a.ownerName ?? '' }]
                          : staff
                      }
                      onChange={(v) => patch.mutate({ id: a.id, ownerId: v })}
                    />
                  ) : (
                    (a.ownerName ?? (
                      <Text c="dimmed" span>
                        {t('fieldwork.noOwner')}
                      </Text>
                    ))
                  )}
                </Table.Td>
                <Table.Td>
                  {canEdit && a.status !== 'verified' ? (
                    <Stack gap={2}>
                      <DayInput
                        aria-label={t('fieldwork.dueFor', { title: a.title })}
                        size="xs"
                        w={150}
                        clearable={false}
                        value={a.dueDate}
                        onChange={(v) =>
                          v && v !== a.dueDate && patch.mutate({ id: a.id, dueDate: v })
                        }
                        error={a.overdue ? t('fieldwork.overdue') : undefined}
                      />
                    </Stack>
                  ) : (
                    <Text
                      size="sm"
                      c={a.overdue ? 'red' : undefined}
                      fw={a.overdue ? 600 : undefined}
                      span
                    >
                      {date(a.dueDate, i18n.language)}
                      {a.overdue ? ` · ${t('fieldwork.overdue')}` : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge
                    color={COLOR[a.status]}
                    variant="light"
                    styles={{
                      root: { maxWidth: 'none', flexShrink: 0 },
                      label: { overflow: 'visible' },
                    }}
                  >
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
    </LocaleDates>
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
