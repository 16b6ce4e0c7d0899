// Complaints report (issue 11): volume and its trend, Pareto of root causes (bars and the
// cumulative line), categories, units, channels and forms of dissatisfaction, SLA compliance per
// target, post-closure ratings, reopen rate and defection — for the period and unit of the URL.
// Every chart's data downloads as CSV and XLSX, in words.
import { BarChart, CompositeChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Card,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../lib/format';
import { type TComplaintPeriod, type TComplaintsAnalytics, useComplaintsReport } from './api';
import type { TCell } from './csv';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { filtersToSearch, parseFilters, type TFilters } from './filters';
import { PdfButton } from './PdfButton';
import { pdfHref } from './pdf';
import { Empty, PageLoader, ReportError } from './State';

const PERIODS: TComplaintPeriod[] = ['week', 'month'];

interface SectionProps {
  id: string;
  title: string;
  help?: string;
  exportName: string;
  header: () => string[];
  rows: () => TCell[][];
  empty: boolean;
  children: React.ReactNode;
  extra?: React.ReactNode;
}

function Section({
  id,
  title,
  help,
  exportName,
  header,
  rows,
  empty,
  children,
  extra,
}: SectionProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Group gap="xs" wrap="wrap">
          {extra}
          <ExportButton name={exportName} header={header} rows={rows} disabled={empty} />
        </Group>
      </Group>
      {help && (
        <Text size="xs" c="dimmed" mb="xs">
          {help}
        </Text>
      )}
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('analytics.complaints.noneInSection')}
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}

function Bars({ data, label }: { data: { name: string; count: number }[]; label: string }) {
  const f = useFormat();
  return (
    <BarChart
      h={Math.max(120, data.length * 32 + 40)}
      data={data}
      dataKey="name"
      orientation="vertical"
      yAxisProps={{ width: 140 }}
      valueFormatter={(v) => f.int(v)}
      series={[{ name: 'count', label, color: 'teal.8' }]}
    />
  );
}

export default function ComplaintsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const set = useCallback(
    (c: Partial<TFilters>) =>
      setParams(new URLSearchParams(filtersToSearch({ ...filters, ...c }).slice(1)), {
        replace: true,
      }),
    [filters, setParams],
  );
  const [period, setPeriod] = useState<TComplaintPeriod>('month');
  const q = useComplaintsReport(filters, period);

  let body: React.ReactNode;
  if (q.isPending) body = <PageLoader />;
  else if (q.isError) body = <ReportError error={q.error} />;
  else if (q.data.total === 0)
    body = (
      <Empty title={t('analytics.complaints.empty')}>{t('analytics.complaints.emptyHelp')}</Empty>
    );
  else
    body = (
      <Stack gap="md">
        <Group justify="flex-end">
          <PdfButton
            href={(l) => pdfHref.complaints(filters, l, period)}
            fallbackName="complaints-report.pdf"
          />
        </Group>
        <Report d={q.data} period={period} setPeriod={setPeriod} />
      </Stack>
    );

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.complaints.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.complaints.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} withChannel={false} />
      {body}
    </Stack>
  );
}

function Report({
  d,
  period,
  setPeriod,
}: {
  d: TComplaintsAnalytics;
  period: TComplaintPeriod;
  setPeriod: (p: TComplaintPeriod) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t('analytics.complaints.none');
  const word = (k: string) => (k === '—' ? none : k);
  const cases = t('analytics.complaints.cases');
  const periodLabel = (p: string) => (/^\d{4}-\d{2}$/.test(p) ? f.month(`${p}-01`) : f.date(p));
  const trend = d.trend.map((x) => ({ name: periodLabel(x.period), count: x.count }));
  // Bars are numbered (cause names are long; the table below names each number).
  const pareto = d.pareto.map((x, i) => ({
    name: f.int(i + 1),
    count: x.count,
    cumulative: x.cumulative * 100,
  }));
  const lists = {
    category: d.byCategory.map((x) => ({ name: word(x.key), count: x.count })),
    unit: d.byUnit.map((x) => ({ name: word(x.key), count: x.count })),
    channel: d.byChannel.map((x) => ({
      name: t(`analytics.complaints.channel.${x.key}`),
      count: x.count,
    })),
    form: d.byForm.map((x) => ({ name: t(`analytics.complaints.form.${x.key}`), count: x.count })),
  };
  const countRows = (xs: { name: string; count: number }[]) => () =>
    xs.map((x) => [x.name, x.count, d.total ? x.count / d.total : null] as TCell[]);
  const countHeader = (first: string) => () => [first, cases, t('analytics.complaints.share')];
  const slaShown = d.sla.filter((x) => x.total > 0);
  const hours = (v: number | null) =>
    v === null ? '—' : t('analytics.complaints.hours', { h: f.num(v, 1) });

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('analytics.complaints.received')}
          </Text>
          <Text size="xl" fw={700} data-testid="complaints-total">
            {f.int(d.total)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.complaints.openNow', { n: f.int(d.open) })}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('analytics.complaints.rating')}
          </Text>
          <Text size="xl" fw={700}>
            {f.score(d.satisfaction.mean, 5)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.complaints.ratingHelp', {
              share: f.pct(d.satisfaction.satisfiedShare, 0),
              n: f.int(d.satisfaction.n),
            })}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('analytics.complaints.reopen')}
          </Text>
          <Text size="xl" fw={700}>
            {f.pct(d.reopen.rate, 1)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.complaints.reopenHelp', {
              n: f.int(d.reopen.reopened),
              of: f.int(d.reopen.everClosed),
            })}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('analytics.complaints.defection')}
          </Text>
          <Text size="xl" fw={700}>
            {f.int(d.defection.lostWithComplaints)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.complaints.defectionHelp', {
              n: f.int(d.defection.unresolvedOrBadlyHandled),
              share: f.pct(d.defection.share, 0),
            })}
          </Text>
        </Card>
      </SimpleGrid>

      <Section
        id="cx-trend"
        title={t('analytics.complaints.trend')}
        exportName={`reclamaciones-${period}`}
        empty={trend.length === 0}
        header={() => [t('analytics.trend.period'), cases]}
        rows={() => d.trend.map((x) => [periodLabel(x.period), x.count])}
        extra={
          <SegmentedControl
            size="xs"
            aria-label={t('analytics.trend.period')}
            value={period}
            onChange={(v) => setPeriod(v as TComplaintPeriod)}
            data={PERIODS.map((p) => ({ value: p, label: t(`analytics.trend.by.${p}`) }))}
          />
        }
      >
        <BarChart
          h={240}
          data={trend}
          dataKey="name"
          valueFormatter={(v) => f.int(v)}
          yAxisProps={{ width: 36, allowDecimals: false }}
          series={[{ name: 'count', label: cases, color: 'teal.8' }]}
        />
      </Section>

      <Section
        id="cx-pareto"
        title={t('analytics.complaints.pareto')}
        help={t('analytics.complaints.paretoHelp')}
        exportName="reclamaciones-pareto-causas"
        empty={pareto.length === 0}
        header={() => [
          t('analytics.complaints.cause'),
          cases,
          t('analytics.complaints.share'),
          t('analytics.complaints.cumulative'),
        ]}
        rows={() => d.pareto.map((x) => [x.cause, x.count, x.share, x.cumulative])}
      >
        <CompositeChart
          h={280}
          data={pareto}
          dataKey="name"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          withRightYAxis
          xAxisProps={{ interval: 0 }}
          yAxisProps={{ width: 36, allowDecimals: false }}
          rightYAxisProps={{ width: 48, domain: [0, 100] }}
          valueFormatter={(v) => f.num(v, 0)}
          referenceLines={[
            { y: 80, yAxisId: 'right', color: 'gray.6', label: t('analytics.complaints.eighty') },
          ]}
          series={[
            { name: 'count', label: cases, color: 'teal.8', type: 'bar' },
            {
              name: 'cumulative',
              label: t('analytics.complaints.cumulativePct'),
              color: 'orange.7',
              type: 'line',
              yAxisId: 'right',
            },
          ]}
        />
        <Table.ScrollContainer minWidth={300} mt="xs">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('analytics.complaints.cause')}</Table.Th>
                <Table.Th ta="right">{cases}</Table.Th>
                <Table.Th ta="right" visibleFrom="sm">
                  {t('analytics.complaints.share')}
                </Table.Th>
                <Table.Th ta="right">{t('analytics.complaints.cumulative')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.pareto.map((x, i) => (
                <Table.Tr key={x.cause}>
                  <Table.Td>{f.int(i + 1)}</Table.Td>
                  <Table.Td>{x.cause}</Table.Td>
                  <Table.Td ta="right">{f.int(x.count)}</Table.Td>
                  <Table.Td ta="right" visibleFrom="sm">
                    {f.pct(x.share, 0)}
                  </Table.Td>
                  <Table.Td ta="right">{f.pct(x.cumulative, 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section
        id="cx-sla"
        title={t('analytics.complaints.sla')}
        help={t('analytics.complaints.slaHelp')}
        exportName="reclamaciones-sla"
        empty={slaShown.length === 0}
        header={() => [
          t('analytics.complaints.target'),
          t('analytics.complaints.onTime'),
          t('analytics.complaints.late'),
          t('analytics.complaints.overdue'),
          t('analytics.complaints.pending'),
          t('analytics.complaints.compliance'),
        ]}
        rows={() =>
          slaShown.map((x) => [
            t(`analytics.complaints.targetName.${x.target}`),
            x.met,
            x.metLate,
            x.breachedOpen,
            x.pending + x.paused,
            x.compliance,
          ])
        }
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {slaShown.map((x) => (
            <div key={x.target}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {t(`analytics.complaints.targetName.${x.target}`)}
                </Text>
                <Text size="sm" fw={700}>
                  {f.pct(x.compliance, 0)}
                </Text>
              </Group>
              <Progress
                value={(x.compliance ?? 0) * 100}
                color={(x.compliance ?? 1) >= 0.9 ? 'teal.8' : 'orange.7'}
                aria-label={t(`analytics.complaints.targetName.${x.target}`)}
              />
              <Text size="xs" c="dimmed" mt={4}>
                {t('analytics.complaints.slaLine', {
                  met: f.int(x.met),
                  late: f.int(x.metLate + x.breachedOpen),
                  pending: f.int(x.pending + x.paused),
                })}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('analytics.complaints.times', {
            first: hours(d.firstResponseHours.median),
            resolution: hours(d.resolutionHours.median),
          })}
        </Text>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(['category', 'unit', 'channel', 'form'] as const).map((k) => (
          <Section
            key={k}
            id={`cx-${k}`}
            title={t(`analytics.complaints.by.${k}`)}
            help={k === 'form' ? t('analytics.complaints.formHelp') : undefined}
            exportName={`reclamaciones-por-${k}`}
            empty={lists[k].length === 0}
            header={countHeader(t(`analytics.complaints.col.${k}`))}
            rows={countRows(lists[k])}
          >
            <Bars data={lists[k]} label={cases} />
          </Section>
        ))}
      </SimpleGrid>

      <Section
        id="cx-ratings"
        title={t('analytics.complaints.ratings')}
        help={t('analytics.complaints.ratingsHelp')}
        exportName="reclamaciones-valoraciones"
        empty={d.satisfaction.n === 0}
        header={() => [t('analytics.complaints.stars'), t('analytics.complaints.answers')]}
        rows={() => d.satisfaction.distribution.map((x) => [x.rating, x.count])}
      >
        <BarChart
          h={200}
          data={d.satisfaction.distribution.map((x) => ({
            name: t('analytics.complaints.starsN', { n: x.rating }),
            count: x.count,
          }))}
          dataKey="name"
          valueFormatter={(v) => f.int(v)}
          yAxisProps={{ width: 36, allowDecimals: false }}
          series={[{ name: 'count', label: t('analytics.complaints.answers'), color: 'teal.8' }]}
        />
      </Section>
    </Stack>
  );
}
