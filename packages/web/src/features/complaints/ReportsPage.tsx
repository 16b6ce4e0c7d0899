// SLA compliance per target and severity (met on time / decided), from the SLA module, and the
// post-closure satisfaction (the customers' "how did we handle it" ratings) from the reports.
import { Anchor, Card, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { pct as formatPct, score } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useCompliance } from './api';

const ORDER = ['critical', 'high', 'medium', 'low'];

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const pct = (x: number | null) => formatPct(x, i18n.language, 1);
  const q = useCompliance();
  const rep = useQuery({
    queryKey: ['complaints', 'reports'],
    queryFn: () =>
      api.get<{
        satisfaction: { n: number; mean: number | null; satisfiedShare: number | null };
      }>('/api/complaints/reports'),
  });
  const sat = rep.data?.satisfaction;
  if (q.isLoading || !q.data) return <PageLoader />;
  const totals = q.data.figures.filter((f) => f.severity === null);
  return (
    <Stack>
      <Anchor component={Link} to="/complaints" size="sm">
        ← {t('complaints.list.title')}
      </Anchor>
      <Title order={1} size="h2">
        {t('complaints.reports.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {totals.map((f) => (
          <Card key={f.target} withBorder>
            <Text fw={600}>{t(`complaints.sla.target.${f.target}`)}</Text>
            <Text size="xl" fw={700}>
              {pct(f.compliance)}
            </Text>
            <Progress
              value={(f.compliance ?? 0) * 100}
              color={(f.compliance ?? 1) >= 0.9 ? 'teal' : 'orange'}
              aria-label={t('complaints.reports.compliance')}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t('complaints.reports.summary', {
                met: f.met,
                late: f.metLate + f.breachedOpen,
                pending: f.pending + f.paused,
              })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {sat && (
        <Card withBorder component="section" aria-labelledby="sat-h">
          <Text fw={600} id="sat-h">
            {t('complaints.reports.satisfaction')}
          </Text>
          <Text size="xl" fw={700}>
            {score(sat.mean, 5, i18n.language)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('complaints.reports.satisfactionSummary', {
              n: sat.n,
              share: pct(sat.satisfiedShare),
            })}
          </Text>
        </Card>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('complaints.reports.target')}</Table.Th>
              <Table.Th>{t('complaints.field.severity')}</Table.Th>
              <Table.Th>{t('complaints.reports.total')}</Table.Th>
              <Table.Th>{t('complaints.reports.met')}</Table.Th>
              <Table.Th>{t('complaints.reports.late')}</Table.Th>
              <Table.Th>{t('complaints.reports.overdue')}</Table.Th>
              <Table.Th>{t('complaints.reports.compliance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.figures
              .filter((f) => f.severity !== null)
              .sort(
                (a, b) =>
                  a.target.localeCompare(b.target) ||
                  ORDER.indexOf(a.severity ?? '') - ORDER.indexOf(b.severity ?? ''),
              )
              .map((f) => (
                <Table.Tr key={`${f.target}-${f.severity}`}>
                  <Table.Td>{t(`complaints.sla.target.${f.target}`)}</Table.Td>
                  <Table.Td>{t(`complaints.severity.${f.severity}`)}</Table.Td>
                  <Table.Td>{f.total}</Table.Td>
                  <Table.Td>{f.met}</Table.Td>
                  <Table.Td>{f.metLate}</Table.Td>
                  <Table.Td>{f.breachedOpen}</Table.Td>
                  <Table.Td>{pct(f.compliance)}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
