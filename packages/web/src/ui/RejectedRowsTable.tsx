// The rejected rows of an import and why (row, column, value, reason), shared by every import
// screen; each screen fetches its own rows and passes its own texts and reason wording.
import type { TImportRejection } from '@fidelia/contracts';
import { Table, Text, Title } from '@mantine/core';
import { useFormat } from '../lib/format';

export interface TRejectedTexts {
  title: string;
  /** "first {shown} of {total}" and "all {total}", already translated. */
  first: (shown: string, total: string) => string;
  all: (total: string) => string;
  row: string;
  column: string;
  value: string;
  reason: string;
}

export function RejectedRowsTable({
  data,
  texts,
  reason,
  minWidth,
}: {
  data: { items: TImportRejection[]; total: number };
  texts: TRejectedTexts;
  reason: (code: string) => string;
  minWidth: number;
}) {
  const f = useFormat();
  return (
    <div>
      <Title order={3} size="h5" mt="md" mb={4}>
        {texts.title}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {data.total > data.items.length
          ? texts.first(f.int(data.items.length), f.int(data.total))
          : texts.all(f.int(data.total))}
      </Text>
      <Table.ScrollContainer minWidth={minWidth} mah={420}>
        <Table striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{texts.row}</Table.Th>
              <Table.Th>{texts.column}</Table.Th>
              <Table.Th>{texts.value}</Table.Th>
              <Table.Th>{texts.reason}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((r) => (
              <Table.Tr key={`${r.row}-${r.column}-${r.reason}`}>
                <Table.Td ta="right">{f.int(r.row)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.column || '—'}</Table.Td>
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
