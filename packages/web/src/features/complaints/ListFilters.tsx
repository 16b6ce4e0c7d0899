// Filters of the case list. They live in the URL (shareable, the back button works): every
// control reads and writes one search parameter, named as the server's list query.
import {
  Button,
  Chip,
  Collapse,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitSelect } from '../../ui/UnitSelect';
import { useStaff } from './api';
import { SEVERITIES, useCategories } from './settings/api';

export const FILTER_KEYS = [
  'open',
  'status',
  'severity',
  'unitId',
  'assigneeId',
  'categoryId',
  'form',
  'channel',
  'due',
  'from',
  'to',
  'q',
  'sort',
  'dir',
] as const;
const STATUSES = [
  'received',
  'acknowledged',
  'assessed',
  'investigating',
  'responded',
  'reopened',
  'closed',
  'rejected',
] as const;
const FORMS = ['complaint', 'unexpressed', 'avoidable', 'trivial'] as const;
const CHANNELS = ['web', 'counter', 'phone', 'email', 'survey', 'retention'] as const;

interface Props {
  params: URLSearchParams;
  /** sets (or, with '' / null, removes) parameters; resets the page */
  set: (changes: Record<string, string | null>) => void;
  canAct: boolean;
}

export function ListFilters({ params, set, canAct }: Props) {
  const { t } = useTranslation();
  const cats = useCategories();
  const staff = useStaff(canAct);
  const get = (k: string) => params.get(k) ?? '';
  const more = FILTER_KEYS.some(
    (k) => !['open', 'due', 'q', 'sort', 'dir'].includes(k) && params.has(k),
  );
  const [open, setOpen] = useState(more);
  // the search box writes to the URL after a pause, not on every key
  const [q, setQ] = useState(get('q'));
  useEffect(() => setQ(params.get('q') ?? ''), [params]);
  useEffect(() => {
    const id = setTimeout(() => {
      if (q.trim() !== (params.get('q') ?? '')) set({ q: q.trim() || null });
    }, 350);
    return () => clearTimeout(id);
  }, [q, params, set]);
  const select = (k: string) => (v: string | null) => set({ [k]: v || null });
  const due = get('due');

  return (
    <>
      <Group wrap="wrap" align="end">
        <SegmentedControl
          aria-label={t('complaints.list.filter')}
          value={get('open') || 'all'}
          onChange={(v) => set({ open: v === 'all' ? null : v })}
          data={[
            { value: 'true', label: t('complaints.list.open') },
            { value: 'false', label: t('complaints.list.finished') },
            { value: 'all', label: t('complaints.list.all') },
          ]}
        />
        <Group gap="xs" role="group" aria-label={t('complaints.list.dueFilter')}>
          <Chip
            color="red"
            checked={due === 'overdue'}
            onChange={(on) => set({ due: on ? 'overdue' : null })}
          >
            {t('complaints.list.overdue')}
          </Chip>
          <Chip checked={due === 'today'} onChange={(on) => set({ due: on ? 'today' : null })}>
            {t('complaints.list.dueToday')}
          </Chip>
        </Group>
        <TextInput
          label={t('complaints.list.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {t(open ? 'complaints.list.lessFilters' : 'complaints.list.moreFilters')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Select
            label={t('complaints.field.status')}
            clearable
            value={get('status') || null}
            onChange={select('status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))}
          />
          <Select
            label={t('complaints.field.severity')}
            clearable
            value={get('severity') || null}
            onChange={select('severity')}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))}
          />
          <UnitSelect
            label={t('complaints.field.unit')}
            clearable
            value={get('unitId') || null}
            onChange={select('unitId')}
          />
          {canAct && (
            <Select
              label={t('complaints.list.assignee')}
              clearable
              searchable
              value={get('assigneeId') || null}
              onChange={select('assigneeId')}
              data={[
                { value: 'none', label: t('complaints.list.unassigned') },
                ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
          )}
          <Select
            label={t('complaints.field.categoryId')}
            clearable
            searchable
            value={get('categoryId') || null}
            onChange={select('categoryId')}
            data={(cats.data ?? [])
              .filter((c) => c.tree === 'category')
              .map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            label={t('complaints.field.form')}
            clearable
            value={get('form') || null}
            onChange={select('form')}
            data={FORMS.map((f) => ({ value: f, label: t(`complaints.form.${f}`) }))}
          />
          <Select
            label={t('complaints.field.channel')}
            clearable
            value={get('channel') || null}
            onChange={select('channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))}
          />
          <Group grow gap="xs" wrap="nowrap">
            <TextInput
              type="date"
              label={t('complaints.list.from')}
              value={get('from')}
              onChange={(e) => set({ from: e.currentTarget.value || null })}
            />
            <TextInput
              type="date"
              label={t('complaints.list.to')}
              value={get('to')}
              onChange={(e) => set({ to: e.currentTarget.value || null })}
            />
          </Group>
        </SimpleGrid>
      </Collapse>
    </>
  );
}
