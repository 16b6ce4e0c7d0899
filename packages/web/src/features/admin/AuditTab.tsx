import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TAuditEntry, TPage } from '../../api/types';
import { dateTime } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';

export function AuditTab() {
  const { t, i18n } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get<TPage<TAuditEntry>>('/api/audit', { cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <Text c="red.8">{q.error.message}</Text>;
  const rows = q.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <Text>{t('admin.audit.empty')}</Text>;
  return (
    <Stack>
      <Table.ScrollContainer minWidth={700}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.audit.at')}</Table.Th>
              <Table.Th>{t('admin.audit.actor')}</Table.Th>
              <Table.Th>{t('admin.audit.action')}</Table.Th>
              <Table.Th>{t('admin.audit.entity')}</Table.Th>
              <Table.Th>{t('admin.audit.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{dateTime(r.at, i18n.language)}</Table.Td>
                <Table.Td>{r.actorEmail ?? '—'}</Table.Td>
                <Table.Td>{r.action}</Table.Td>
                <Table.Td>
                  {r.entity}
                  {r.entityId ? ` ${r.entityId.slice(0, 8)}` : ''}
                </Table.Td>
                <Table.Td>
                  {r.changes ? (
                    <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                      {JSON.stringify(r.changes).slice(0, 300)}
                    </Code>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {q.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('customers.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
