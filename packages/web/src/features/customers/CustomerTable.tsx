import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCustomer, TOrgUnit } from '../../api/types';
import { unitName } from '../../ui/units';

function StatusBadge({ c }: { c: TCustomer }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={c.status === 'active' ? 'teal' : 'gray'}
      style={{ flexShrink: 0 }}
    >
      {t(`status.${c.status}`)}
    </Badge>
  );
}

/** Table on wide screens, one card per customer on phones (a 6-column table is unreadable at 375 px). */
export function CustomerTable({ rows, units }: { rows: TCustomer[]; units: TOrgUnit[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Table striped highlightOnHover visibleFrom="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customers.name')}</Table.Th>
            <Table.Th>{t('customers.email')}</Table.Th>
            <Table.Th>{t('customers.kind')}</Table.Th>
            <Table.Th>{t('customers.tier')}</Table.Th>
            <Table.Th>{t('customers.status')}</Table.Th>
            <Table.Th>{t('customers.unit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/customers/${c.id}`}>
                  {c.name}
                </Anchor>
                {c.externalId && (
                  <Text size="xs" c="dimmed">
                    {c.externalId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{c.email}</Table.Td>
              <Table.Td>{t(`kind.${c.kind}`)}</Table.Td>
              <Table.Td>{c.tier ?? '—'}</Table.Td>
              <Table.Td>
                <StatusBadge c={c} />
              </Table.Td>
              <Table.Td>{unitName(units, c.unitId)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((c) => (
          <Paper key={c.id} withBorder p="sm" radius="md" component="li">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/customers/${c.id}`} fw={600}>
                {c.name}
              </Anchor>
              <StatusBadge c={c} />
            </Group>
            <Text size="sm">{c.email}</Text>
            <Text size="xs" c="dimmed">
              {[c.externalId, t(`kind.${c.kind}`), c.tier, unitName(units, c.unitId)]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
