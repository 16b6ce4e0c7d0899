// Branch league table of the SERVQUAL overall gap (best first, as the API ranks it). Each unit
// opens the same report filtered to that unit.
import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useFormat } from '../../lib/format';
import { useLeague } from './api';
import { drillLink } from './drill';
import { ExportButton } from './ExportButton';
import { filtersToSearch, type TFilters } from './filters';
import { ReportError } from './State';

export function League({ filters }: { filters: TFilters }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useLeague(filters);
  // A server without the league route yet answers 404: the report stays useful without it.
  if (q.isPending || (q.isError && q.error instanceof ApiError && q.error.status === 404)) {
    return null;
  }
  if (q.isError) return <ReportError error={q.error} />;
  const units = q.data.units;
  if (units.length < 2) return null;
  const g = (v: number | null) => f.fixed(v, 2);
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="sq-league">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="sq-league">
          {t('analytics.league.title')}
        </Title>
        <ExportButton
          name="servqual-league"
          header={() => [
            t('analytics.league.rank'),
            t('analytics.filter.unit'),
            t('analytics.col.n'),
            t('analytics.servqual.overallGap'),
            t('analytics.servqual.weightedGap'),
            t('analytics.col.ciLow'),
            t('analytics.col.ciHigh'),
          ]}
          rows={() =>
            units.map((u) => [
              u.rank,
              u.unitName,
              u.n,
              u.gap,
              u.weightedGap,
              u.ci95?.[0] ?? null,
              u.ci95?.[1] ?? null,
            ])
          }
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('analytics.league.help')}
      </Text>
      <Table.ScrollContainer minWidth={360}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.league.rank')}</Table.Th>
              <Table.Th>{t('analytics.filter.unit')}</Table.Th>
              <Table.Th ta="right">{t('analytics.servqual.overallGap')}</Table.Th>
              <Table.Th ta="right" visibleFrom="sm">
                {t('analytics.col.ci')}
              </Table.Th>
              <Table.Th ta="right">{t('analytics.col.n')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.map((u) => (
              <Table.Tr key={u.unitId}>
                <Table.Td>{f.int(u.rank)}</Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/analytics/servqual${filtersToSearch({ ...filters, unit: u.unitId })}`}
                    size="sm"
                  >
                    {u.unitName}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {g(u.gap)}
                </Table.Td>
                <Table.Td ta="right" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {u.ci95 ? `${g(u.ci95[0])} … ${g(u.ci95[1])}` : '—'}
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor
                    component={Link}
                    to={drillLink(filters, {
                      metric: 'servqual',
                      atUnit: u.unitId,
                      report: 'servqual',
                    })}
                    size="sm"
                    data-testid={`league-drill-${u.rank}`}
                    aria-label={t('analytics.drill.unitLink', { n: f.int(u.n), unit: u.unitName })}
                  >
                    {f.int(u.n)}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
