// Case list: filters in the URL (ListFilters), "past due" one click, columns for customer,
// assignee and due time, sortable headers, pages of 50, saved views (per user, on the server),
// CSV/XLSX of the filtered list, the SLA badge of each case; cards on a phone.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download, withQuery } from '../../api/client';
import { useSession } from '../../auth/session';
import { date, dateTime, int } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { canActOnCases, type TCaseRow, useBadges, useCases } from './api';
import { FILTER_KEYS, ListFilters } from './ListFilters';
import { SavedViews } from './SavedViews';
import { SettingsLink } from './SettingsLink';
import { SlaBadge } from './SlaBadge';

const SEVERITY_COLOR = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' } as const;
const PAGE = 50;
const SORTS = ['received', 'due', 'severity', 'status', 'reference'] as const;
type TSort = (typeof SORTS)[number];

/** The list's filters from the URL, plus the user's zone when dates matter. */
function queryOf(params: URLSearchParams): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) q[k] = v;
  }
  if (q.due === 'today' || q.from || q.to) q.tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return q;
}

export default function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canAct = canActOnCases(useSession().user?.role);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = queryOf(params);
  const cases = useCases({ ...query, offset: String((page - 1) * PAGE), limit: String(PAGE) });
  const items = cases.data?.items ?? [];
  const badges = useBadges(items.map((c) => c.id));
  const phone = useMediaQuery('(max-width: 40em)');
  const set = useCallback(
    (changes: Record<string, string | null>) =>
      setParams((p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        if (!('page' in changes)) n.delete('page');
        return n;
      }),
    [setParams],
  );
  const when = (iso: string | null) => dateTime(iso, i18n.language);
  const late = (c: TCaseRow) => c.dueAt !== null && new Date(c.dueAt).getTime() < Date.now();
  const badge = (c: TCaseRow) => <SlaBadge status={badges.data?.get(c.id)?.status} />;
  const sort = (SORTS as readonly string[]).includes(query.sort ?? '')
    ? (query.sort as TSort)
    : 'received';
  const dir = query.dir === 'asc' ? 'asc' : 'desc';
  const exportAs = (ext: 'csv' | 'xlsx') => {
    const lang = i18n.language === 'en' ? 'en' : 'es';
    download(withQuery(`/api/complaints/list.${ext}`, { ...query, lang }), `list.${ext}`).catch(
      notifyError,
    );
  };

  const th = (key: TSort, label: string) => (
    <Table.Th aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton
        fw={600}
        fz="sm"
        onClick={() => set({ sort: key, dir: sort === key && dir === 'desc' ? 'asc' : 'desc' })}
      >
        {label} {sort === key ? (dir === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
  const customer = (c: TCaseRow) => c.customerName ?? c.contactName ?? '—';
  const total = cases.data?.total ?? 0;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('complaints.list.title')}
        </Title>
        <Group gap="xs">
          <SettingsLink />
          <Button component={Link} to="/complaints/reports" variant="default">
            {t('complaints.reports.title')}
          </Button>
          <Button component={Link} to="/complaints/new">
            {t('complaints.list.new')}
          </Button>
        </Group>
      </Group>
      <ListFilters params={params} set={set} canAct={canAct} />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <SavedViews query={query} apply={(q) => setParams(new URLSearchParams(q))} />
        <Group gap="xs">
          {phone && (
            <Select
              aria-label={t('complaints.list.sortBy')}
              w={170}
              value={`${sort}:${dir}`}
              allowDeselect={false}
              onChange={(v) => {
                const [s, d] = (v ?? 'received:desc').split(':');
                set({ sort: s ?? null, dir: d ?? null });
              }}
              data={SORTS.flatMap((s) =>
                (['desc', 'asc'] as const).map((d) => ({
                  value: `${s}:${d}`,
                  label: `${t(`complaints.list.sort.${s}`)} ${d === 'asc' ? '▲' : '▼'}`,
                })),
              )}
            />
          )}
          <Button variant="default" size="sm" onClick={() => exportAs('csv')}>
            CSV
          </Button>
          <Button variant="default" size="sm" onClick={() => exportAs('xlsx')}>
            XLSX
          </Button>
        </Group>
      </Group>
      {cases.isLoading ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('complaints.list.empty')}</Text>
      ) : phone ? (
        <Stack gap="xs">
          {items.map((c) => (
            <Card key={c.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/complaints/${c.id}`} fw={600}>
                  {c.reference}
                </Anchor>
                {badge(c)}
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {c.subject}
              </Text>
              <Text size="xs" c="dimmed">
                {customer(c)} · {c.assigneeName ?? t('complaints.list.unassigned')}
              </Text>
              <Group gap="xs" mt={4}>
                <Badge size="sm" variant="light">
                  {t(`complaints.status.${c.status}`)}
                </Badge>
                <Badge size="sm" variant="light" color={SEVERITY_COLOR[c.severity]}>
                  {t(`complaints.severity.${c.severity}`)}
                </Badge>
                <Text size="xs" c={late(c) ? 'red' : 'dimmed'} fw={late(c) ? 600 : undefined}>
                  {t('complaints.list.dueAt', { when: when(c.dueAt) })}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {th('reference', t('complaints.field.reference'))}
                <Table.Th>{t('complaints.field.subject')}</Table.Th>
                <Table.Th>{t('complaints.list.customer')}</Table.Th>
                {th('status', t('complaints.field.status'))}
                {th('severity', t('complaints.field.severity'))}
                <Table.Th>{t('complaints.list.assignee')}</Table.Th>
                {th('received', t('complaints.field.received'))}
                {th('due', t('complaints.list.due'))}
                <Table.Th>{t('complaints.sla.title')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/complaints/${c.id}`}>
                      {c.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere', minWidth: 180 }}>
                    {c.subject}
                  </Table.Td>
                  <Table.Td>
                    {c.customerId ? (
                      <Anchor component={Link} to={`/customers/${c.customerId}`}>
                        {customer(c)}
                      </Anchor>
                    ) : (
                      customer(c)
                    )}
                  </Table.Td>
                  <Table.Td>{t(`complaints.status.${c.status}`)}</Table.Td>
                  <Table.Td style={{ minWidth: 100 }}>
                    <Badge variant="light" color={SEVERITY_COLOR[c.severity]}>
                      {t(`complaints.severity.${c.severity}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.assigneeName ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {date(c.receivedAt, i18n.language)}
                  </Table.Td>
                  <Table.Td
                    c={late(c) ? 'red' : undefined}
                    fw={late(c) ? 600 : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {when(c.dueAt)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 130 }}>{badge(c)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE && (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('complaints.list.total', { n: int(total, i18n.language) })}
          </Text>
          <Pagination
            total={Math.ceil(total / PAGE)}
            value={page}
            onChange={(p) => set({ page: String(p) })}
            size="sm"
          />
        </Group>
      )}
    </Stack>
  );
}
