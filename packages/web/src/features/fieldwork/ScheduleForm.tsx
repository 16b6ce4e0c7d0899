// Schedule and assign a visit (client-made id, so a retried send creates nothing twice), and
// reassign a scheduled one. Managers only (the API refuses others).
import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DayInput, LocaleDates } from '../../ui/DateField';
import { notifyError, notifyOk } from '../../ui/notify';
import { UnitSelect } from '../../ui/UnitSelect';
import { useChecklists } from './api';

export interface TPerson {
  id: string;
  name: string;
  role: string;
  unitId: string | null;
}

export const usePeople = (enabled = true) =>
  useQuery({
    queryKey: ['fieldwork', 'people'],
    queryFn: () => api.get<{ items: TPerson[] }>('/api/fieldwork/people').then((r) => r.items),
    enabled,
  });

export function personOptions(people: TPerson[], kind: string, t: (k: string) => string) {
  return people
    .filter((p) => kind !== 'audit' || p.role !== 'shopper')
    .map((p) => ({
      value: p.id,
      label: p.role === 'shopper' ? `${p.name} · ${t('fieldwork.schedule.shopper')}` : p.name,
    }));
}

export function ScheduleForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lists = useChecklists();
  const people = usePeople();
  const [kind, setKind] = useState<string>('mystery');
  const [checklistId, setChecklistId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [competitor, setCompetitor] = useState('');
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [id, setId] = useState(() => crypto.randomUUID());
  const tx = (k: string) => t(`fieldwork.schedule.${k}`);
  const go = useMutation({
    mutationFn: () =>
      api.post('/api/fieldwork/visits', {
        visits: [
          {
            id,
            checklistId,
            kind,
            ...(kind === 'competitor' ? { competitorName: competitor.trim() } : { unitId }),
            assigneeId: assigneeId || null,
            windowFrom: from || null,
            windowTo: to || null,
          },
        ],
      }),
    onSuccess: () => {
      notifyOk(tx('done'));
      qc.invalidateQueries({ queryKey: ['fieldwork'] });
      setId(crypto.randomUUID());
      setUnitId(null);
      setCompetitor('');
      onDone?.();
    },
    onError: notifyError,
  });
  const ready =
    !!checklistId &&
    (kind === 'competitor' ? competitor.trim() !== '' : !!unitId) &&
    (!from || !to || from <= to);
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {tx('title')}
        </Title>
        <LocaleDates>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <Select
              label={t('fieldwork.kindLabel')}
              allowDeselect={false}
              value={kind}
              onChange={(v) => {
                setKind(v ?? 'mystery');
                setAssigneeId(null);
              }}
              data={['audit', 'mystery', 'competitor'].map((k) => ({
                value: k,
                label: t(`fieldwork.kind.${k}`),
              }))}
            />
            <Select
              label={tx('checklist')}
              value={checklistId}
              onChange={setChecklistId}
              data={(lists.data?.items ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.id, label: c.name }))}
            />
            {kind === 'competitor' ? (
              <TextInput
                label={tx('competitor')}
                value={competitor}
                onChange={(e) => setCompetitor(e.currentTarget.value)}
              />
            ) : (
              <UnitSelect label={tx('unit')} value={unitId} onChange={setUnitId} />
            )}
            <Select
              label={tx('assignee')}
              placeholder={tx('unassigned')}
              clearable
              searchable
              value={assigneeId}
              onChange={setAssigneeId}
              data={personOptions(people.data ?? [], kind, t)}
            />
            <DayInput label={tx('from')} value={from} onChange={setFrom} clearable />
            <DayInput label={tx('to')} value={to} onChange={setTo} clearable />
          </SimpleGrid>
        </LocaleDates>
        <Group>
          <Button onClick={() => go.mutate()} disabled={!ready} loading={go.isPending}>
            {tx('submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
