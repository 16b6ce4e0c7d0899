import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download } from '../../api/client';
import type { TCustomerFilters } from '../../api/types';
import { canWrite, useSession } from '../../auth/session';
import { int } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { unitName, useOrgUnits, useSelectedUnit } from '../../ui/units';
import { filterQuery, KINDS, pick, SORTS, STATUSES, TIERS, useCustomerList } from './api';
import { CustomerTable } from './CustomerTable';
import { SegmentBar } from './SegmentBar';

export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [unitId] = useSelectedUnit();
  const units = useOrgUnits();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [tier, setTier] = useState<string | null>(null);
  const [sort, setSort] = useState<string>('name');
  const [segmentId, setSegmentId] = useState('');

  const filters: TCustomerFilters = {
    q: debouncedQ.trim() || undefined,
    kind: pick(KINDS, kind),
    status: pick(STATUSES, status),
    tier: pick(TIERS, tier),
    unitId: unitId || undefined,
    sort: pick(SORTS, sort),
  };
  const list = useCustomerList({ ...filters, segmentId: segmentId || undefined });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  const exportAs = (format: 'csv' | 'xlsx') =>
    download(
      `/api/customers/export?${new URLSearchParams({ format, ...filterQuery(filters) })}`,
      `customers.${format}`,
    ).catch(notifyError);

  const opts = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('customers.title')}
        </Title>
        <Group gap="xs" wrap="wrap">
          {canWrite(user) && (
            <>
              <Button component={Link} to="/customers/new">
                {t('customers.new')}
              </Button>
              <Button component={Link} to="/customers/import" variant="default">
                {t('customers.import')}
              </Button>
            </>
          )}
          <Button variant="default" onClick={() => void exportAs('csv')}>
            {t('customers.exportCsv')}
          </Button>
          <Button variant="default" onClick={() => void exportAs('xlsx')}>
            {t('customers.exportXlsx')}
          </Button>
        </Group>
      </Group>

      <Group gap="xs" align="flex-end" wrap="wrap" role="search">
        <TextInput
          label={t('customers.search')}
          placeholder={t('customers.searchPlaceholder')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('customers.kind')}
          data={opts('kind', KINDS)}
          value={kind}
          onChange={setKind}
          clearable
          placeholder={t('common.any')}
          w={{ base: '47%', sm: 150 }}
        />
        <Select
          label={t('customers.status')}
          data={opts('status', STATUSES)}
          value={status}
          onChange={setStatus}
          clearable
          placeholder={t('common.any')}
          w={{ base: '47%', sm: 150 }}
        />
        <Select
          label={t('customers.tier')}
          data={opts('tier', TIERS)}
          value={tier}
          onChange={setTier}
          clearable
          placeholder={t('common.any')}
          w={{ base: '47%', sm: 120 }}
        />
        <Select
          label={t('customers.sort')}
          data={opts('sort', SORTS)}
          value={sort}
          onChange={(v) => setSort(v ?? 'name')}
          allowDeselect={false}
          w={{ base: '47%', sm: 190 }}
        />
      </Group>

      <SegmentBar
        filters={filters}
        segmentId={segmentId}
        canSave={canWrite(user)}
        onPick={(s) => {
          setSegmentId(s?.id ?? '');
          if (s) {
            setQ(s.filters.q ?? '');
            setKind(s.filters.kind ?? null);
            setStatus(s.filters.status ?? null);
            setTier(s.filters.tier ?? null);
          }
        }}
      />

      {unitId && (
        <Text size="sm" c="dimmed">
          {t('customers.unitFilter', { unit: unitName(units.data, unitId) })}
        </Text>
      )}

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <Text c="red.8" role="alert">
          {list.error.message}
        </Text>
      ) : rows.length === 0 ? (
        <Text>{t('customers.empty')}</Text>
      ) : (
        <>
          {total !== undefined && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('customers.count', {
                shown: int(rows.length, i18n.language),
                total: int(total, i18n.language),
              })}
            </Text>
          )}
          <CustomerTable rows={rows} units={units.data ?? []} />
          {list.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('customers.loadMore')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
