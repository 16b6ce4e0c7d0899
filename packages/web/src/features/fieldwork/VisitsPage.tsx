// Staff list of visits (audits, mystery visits, competitor outlets) with score and flags.
import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { date, pct } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useVisits } from './api';

export const STATUS_COLOR: Record<string, string> = {
  scheduled: 'gray',
  submitted: 'blue',
  approved: 'teal',
  rejected: 'red',
};

export default function VisitsPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const q = useVisits(kind ? { kind } : {});
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('fieldwork.visitsHelp')}
        </Text>
        <Select
          label={t('fieldwork.kindLabel')}
          placeholder={t('fieldwork.allKinds')}
          clearable
          value={kind}
          onChange={setKind}
          data={['audit', 'mystery', 'competitor'].map((k) => ({
            value: k,
            label: t(`fieldwork.kind.${k}`),
          }))}
          w={220}
        />
      </Group>
      {q.isLoading ? (
        <PageLoader />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fieldwork.col.where')}</Table.Th>
                <Table.Th>{t('fieldwork.col.kind')}</Table.Th>
                <Table.Th>{t('fieldwork.col.date')}</Table.Th>
                <Table.Th>{t('fieldwork.col.status')}</Table.Th>
                <Table.Th ta="right">{t('fieldwork.col.final')}</Table.Th>
                <Table.Th>{t('fieldwork.col.flags')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(q.data?.items ?? []).map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Link to={`/fieldwork/visits/${v.id}`}>{v.unitName ?? v.competitorName}</Link>
                  </Table.Td>
                  <Table.Td>{t(`fieldwork.kind.${v.kind}`)}</Table.Td>
                  <Table.Td>{date(v.visitedAt ?? v.windowFrom, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[v.status]} variant="light">
                      {t(`fieldwork.status.${v.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {v.criticalFailed.length > 0 ? (
                      <Text c="red" fw={600} span>
                        {pct(v.finalScore, i18n.language)}
                      </Text>
                    ) : (
                      pct(v.finalScore, i18n.language)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {v.flags.map((f) => (
                        <Badge key={f.code} color="orange" variant="outline" size="xs">
                          {t(`fieldwork.flag.${f.code}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
