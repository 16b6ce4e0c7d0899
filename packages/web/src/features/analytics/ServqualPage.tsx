// SERVQUAL gap report (gap 5): expectation vs perception per dimension (paired bars), every item
// worst gap first with its 95 % interval, the weighted gap and each dimension's alpha.
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Anchor,
  Badge,
  Box,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { type TServqualItem, useServqual } from './api';
import { drillLink } from './drill';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { IntervalBar, scaleOf } from './IntervalBar';
import { League } from './League';
import { excludesZero, hasServqual, servqualCsvRows, worstFirst } from './model';
import { PdfButton } from './PdfButton';
import { pdfHref } from './pdf';
import { Empty, PageLoader, ReportError } from './State';
import { useReport } from './useReport';

export default function ServqualPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys, detail, labels } = useReport('servqual');
  const q = useServqual(filters);
  const dim = (d: string) => t(`analytics.dimension.${d}`, { defaultValue: d });
  const g = (v: number | null | undefined) => f.fixed(v, 2);

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && (detail.isPending || q.isPending))) {
    body = <PageLoader />;
  } else if (surveys.isError || detail.isError || q.isError) {
    body = <ReportError error={surveys.error ?? detail.error ?? q.error} />;
  } else if (!filters.survey) {
    body = <Empty title={t('analytics.empty.noSurvey')} />;
  } else if (!hasServqual(labels)) {
    body = (
      <Empty title={t('analytics.servqual.noQuestions')}>
        {t('analytics.servqual.noQuestionsHelp')}
      </Empty>
    );
  } else if (!q.data || q.data.n === 0) {
    body = (
      <Empty title={t('analytics.empty.noAnswers')}>{t('analytics.empty.noAnswersHelp')}</Empty>
    );
  } else {
    const data = q.data;
    const items = worstFirst(data.items);
    const scale = scaleOf(items);
    const itemText = (n: string) => labels.items.get(n) || t('analytics.servqual.itemN', { n });
    const interval = (it: TServqualItem) => (
      <Group gap={6} wrap="nowrap">
        <IntervalBar
          gap={it.gap}
          ci={it.ci95}
          {...scale}
          label={t('analytics.servqual.ciLabel', {
            gap: g(it.gap),
            lo: g(it.ci95?.[0]),
            hi: g(it.ci95?.[1]),
          })}
        />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {it.ci95 ? `${g(it.ci95[0])} … ${g(it.ci95[1])}` : '—'}
        </Text>
      </Group>
    );
    const chart = data.dimensions.map((d) => ({
      name: dim(d.dimension),
      expectation: d.expectation,
      perception: d.perception,
    }));
    const csvName = `servqual-${detail.data?.slug ?? 'survey'}`;
    const nLink = (it: TServqualItem) => (
      <Anchor
        component={Link}
        to={drillLink(filters, { metric: 'servqual', item: Number(it.item), report: 'servqual' })}
        size="xs"
        data-testid={`sq-drill-${it.item}`}
        aria-label={t('analytics.drill.itemLink', { n: f.int(it.n), item: it.item })}
      >
        {t('analytics.nAnswers', { n: f.int(it.n) })}
      </Anchor>
    );
    body = (
      <Stack gap="md">
        <Group justify="flex-end">
          <PdfButton href={(l) => pdfHref.servqual(filters, l)} fallbackName="servqual.pdf" />
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Card withBorder p={{ base: 'xs', sm: 'md' }}>
            <Text size="sm" c="dimmed">
              {t('analytics.servqual.respondents')}
            </Text>
            <Text size="xl" fw={700} data-testid="sq-n">
              {f.int(data.n)}
            </Text>
          </Card>
          <Card withBorder p={{ base: 'xs', sm: 'md' }}>
            <Text size="sm" c="dimmed">
              {t('analytics.servqual.overallGap')}
            </Text>
            <Text size="xl" fw={700} data-testid="sq-overall">
              {g(data.overall.gap)}
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t('analytics.servqual.overallGapHelp')}
            </Text>
          </Card>
          <Card withBorder p={{ base: 'xs', sm: 'md' }}>
            <Text size="sm" c="dimmed">
              {t('analytics.servqual.weightedGap')}
            </Text>
            <Text size="xl" fw={700} data-testid="sq-weighted">
              {g(data.overall.weightedGap)}
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {data.overall.weightedGap === null
                ? t('analytics.servqual.noWeights')
                : t('analytics.servqual.weightedGapHelp')}
            </Text>
          </Card>
        </SimpleGrid>

        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="sq-dims">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="sq-dims">
              {t('analytics.servqual.byDimension')}
            </Title>
            <ExportButton
              name={`${csvName}-dimensions`}
              header={() => [
                t('analytics.col.dimension'),
                t('analytics.col.expectation'),
                t('analytics.col.perception'),
                t('analytics.col.gap'),
                t('analytics.col.weight'),
                t('analytics.col.alpha'),
              ]}
              rows={() =>
                data.dimensions.map((d) => [
                  dim(d.dimension),
                  d.expectation,
                  d.perception,
                  d.gap,
                  d.weight,
                  d.alphaPerception,
                ])
              }
            />
          </Group>
          <BarChart
            h={260}
            data={chart}
            dataKey="name"
            orientation="vertical"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            yAxisProps={{ width: 110 }}
            xAxisProps={{
              domain: [1, 7],
              ticks: [1, 2, 3, 4, 5, 6, 7],
              tickFormatter: (v: number) => f.int(v),
            }}
            valueFormatter={(v) => f.fixed(v, 2)}
            series={[
              { name: 'expectation', label: t('analytics.col.expectation'), color: 'gray.5' },
              { name: 'perception', label: t('analytics.col.perception'), color: 'teal.8' },
            ]}
          />
          <Table.ScrollContainer minWidth={480} mt="sm">
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.col.dimension')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.gap')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.expectation')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.perception')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.weight')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.alpha')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.dimensions.map((d) => (
                  <Table.Tr key={d.dimension}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={drillLink(filters, {
                          metric: 'servqual',
                          dimension: d.dimension as 'empathy',
                          report: 'servqual',
                        })}
                        size="sm"
                      >
                        {dim(d.dimension)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right" fw={600} data-testid={`sq-gap-${d.dimension}`}>
                      {g(d.gap)}
                    </Table.Td>
                    <Table.Td ta="right">{g(d.expectation)}</Table.Td>
                    <Table.Td ta="right">{g(d.perception)}</Table.Td>
                    <Table.Td ta="right">{f.pct(d.weight, 1)}</Table.Td>
                    <Table.Td ta="right">{g(d.alphaPerception)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt={4}>
            {t('analytics.servqual.alphaHelp')}
          </Text>
        </Paper>

        <League filters={filters} />

        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="sq-items">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="sq-items">
              {t('analytics.servqual.byItem')}
            </Title>
            <ExportButton
              name={`${csvName}-items`}
              header={() => [
                t('analytics.col.itemNo'),
                t('analytics.col.dimension'),
                t('analytics.col.item'),
                t('analytics.col.n'),
                t('analytics.col.expectation'),
                t('analytics.col.perception'),
                t('analytics.col.gap'),
                t('analytics.col.ciLow'),
                t('analytics.col.ciHigh'),
              ]}
              rows={() => servqualCsvRows(data, labels, dim)}
            />
          </Group>
          <Text size="xs" c="dimmed" mb="xs">
            {t('analytics.servqual.itemsHelp')}
          </Text>
          <Stack gap={0} hiddenFrom="sm">
            {items.map((it) => (
              <Box
                key={it.item}
                py={6}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Text size="sm">{itemText(it.item)}</Text>
                <Text size="xs" c="dimmed">
                  {dim(it.dimension)} · {nLink(it)}
                </Text>
                <Group gap="xs" mt={2} wrap="wrap">
                  <Text size="xs">
                    {t('analytics.col.expectationShort')} {g(it.expectation)} ·{' '}
                    {t('analytics.col.perceptionShort')} {g(it.perception)}
                  </Text>
                  <Text size="sm" fw={700}>
                    {g(it.gap)}
                  </Text>
                  {interval(it)}
                </Group>
              </Box>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={640} visibleFrom="sm">
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.col.item')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.expectation')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.perception')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.gap')}</Table.Th>
                  <Table.Th>{t('analytics.col.ci')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((it) => (
                  <Table.Tr key={it.item}>
                    <Table.Td maw={360}>
                      <Text size="sm">{itemText(it.item)}</Text>
                      <Text size="xs" c="dimmed">
                        {dim(it.dimension)} · {nLink(it)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{g(it.expectation)}</Table.Td>
                    <Table.Td ta="right">{g(it.perception)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {g(it.gap)}
                      {excludesZero(it.ci95) && (it.gap ?? 0) < 0 && (
                        <Badge ml={6} size="xs" color="red" variant="light">
                          {t('analytics.servqual.shortfall')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{interval(it)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.servqual.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.servqual.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}
