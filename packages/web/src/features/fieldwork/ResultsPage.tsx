// Scores per own unit (with 95 % interval and critical-failure rate), competitors apart, and
// compliance per service standard and item (gap 3 evidence).
import { Alert, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { int, pct } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useSummary } from './api';

export default function ResultsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useSummary();
  if (q.isLoading || !q.data) return <PageLoader />;
  const s = q.data;
  return (
    <Stack gap="md">
      {s.overdueActions > 0 && (
        <Alert color="orange">{t('fieldwork.overdueN', { n: s.overdueActions })}</Alert>
      )}
      <Title order={3} size="h4">
        {t('fieldwork.unitsTitle')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fieldwork.col.unit')}</Table.Th>
              <Table.Th ta="right">{t('fieldwork.col.visits')}</Table.Th>
              <Table.Th ta="right">{t('fieldwork.col.mean')}</Table.Th>
              <Table.Th ta="right">{t('fieldwork.col.final')}</Table.Th>
              <Table.Th>{t('fieldwork.col.ci')}</Table.Th>
              <Table.Th ta="right">{t('fieldwork.col.critRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.units.map((u) => (
              <Table.Tr key={u.unit}>
                <Table.Td>{u.unit}</Table.Td>
                <Table.Td ta="right">{int(u.visits, lang)}</Table.Td>
                <Table.Td ta="right">{pct(u.meanScore, lang)}</Table.Td>
                <Table.Td ta="right">{pct(u.meanFinalScore, lang)}</Table.Td>
                <Table.Td>
                  {u.ci95
                    ? `${pct(Math.max(0, u.ci95[0]), lang)} – ${pct(Math.min(1, u.ci95[1]), lang)}`
                    : '—'}
                </Table.Td>
                <Table.Td ta="right">{pct(u.criticalFailRate, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {s.competitors.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('fieldwork.competitorsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('fieldwork.competitorsHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {s.competitors.map((c) => (
              <Paper key={c.unit} withBorder p="sm" radius="md">
                <Text fw={600}>{c.unit}</Text>
                <Text size="sm">
                  {t('fieldwork.visitsN', { n: c.visits })} · {pct(c.meanFinalScore, lang)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        </>
      )}
      <Title order={3} size="h4">
        {t('fieldwork.standardsTitle')}
      </Title>
      <Stack gap={6}>
        {s.standards.map((x) => (
          <div key={x.standardId}>
            <Text size="sm">
              {x.code ? `${x.code} · ` : ''}
              {x.name} — {pct(x.compliance, lang)} ({t('fieldwork.metOf', { met: x.met, n: x.n })})
            </Text>
            <Progress
              value={(x.compliance ?? 0) * 100}
              color={(x.compliance ?? 0) >= 0.8 ? 'teal' : 'orange'}
              aria-label={x.name ?? x.code ?? ''}
            />
          </div>
        ))}
      </Stack>
      <Title order={3} size="h4">
        {t('fieldwork.itemsTitle')}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Tbody>
            {s.items.map((x) => (
              <Table.Tr key={x.item}>
                <Table.Td>{x.label ?? x.item}</Table.Td>
                <Table.Td ta="right">{pct(x.compliance, lang)}</Table.Td>
                <Table.Td ta="right">{t('fieldwork.metOf', { met: x.met, n: x.n })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
