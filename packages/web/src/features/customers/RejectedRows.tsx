// The rejected rows of an import and why, on screen (the first 100; the CSV has them all).
import type { TImportRejection } from '@fidelia/contracts';
import { Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { int } from '../../lib/format';

export const SHOWN = 100;

/** "duplicate_external_id:2" → the reason key and its argument (the first row with that id). */
export function splitReason(reason: string): { code: string; arg: string } {
  const i = reason.indexOf(':');
  return i < 0 ? { code: reason, arg: '' } : { code: reason.slice(0, i), arg: reason.slice(i + 1) };
}

export function RejectedRows({ importId, runKey }: { importId: string; runKey: number }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['customer-import-rejections', importId, runKey],
    queryFn: () =>
      api.get<{ items: TImportRejection[]; total: number }>(
        `/api/customer-imports/${importId}/rejections`,
        { limit: SHOWN },
      ),
  });
  if (!q.data || q.data.total === 0) return null;
  const reason = (r: string) => {
    const { code, arg } = splitReason(r);
    return t(`import.reason.${code}`, { defaultValue: t('import.reason.other'), n: arg });
  };
  return (
    <div>
      <Title order={3} size="h5" mt="md" mb={4}>
        {t('import.rejectedTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {q.data.total > q.data.items.length
          ? t('import.rejectedFirst', {
              shown: int(q.data.items.length, i18n.language),
              total: int(q.data.total, i18n.language),
            })
          : t('import.rejectedAll', { total: int(q.data.total, i18n.language) })}
      </Text>
      <Table.ScrollContainer minWidth={520} mah={420}>
        <Table striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('import.rejRow')}</Table.Th>
              <Table.Th>{t('import.rejColumn')}</Table.Th>
              <Table.Th>{t('import.rejValue')}</Table.Th>
              <Table.Th>{t('import.rejReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((r) => (
              <Table.Tr key={`${r.row}-${r.column}-${r.reason}`}>
                <Table.Td ta="right">{int(r.row, i18n.language)}</Table.Td>
                <Table.Td>{r.column || '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.value || '—'}</Table.Td>
                <Table.Td>{reason(r.reason)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
