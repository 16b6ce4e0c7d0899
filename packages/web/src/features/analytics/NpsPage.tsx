// NPS and CSAT: the headline with its interval and the promoter/passive/detractor split, the
// trend per week/month/quarter with control limits and the significance of each change, and a
// breakdown by unit, channel, month, language or segment.
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Anchor,
  Badge,
  Card,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { useOrgUnits } from '../../ui/units';
import {
  type TNpsGroupBy,
  type TTrendMetric,
  type TTrendPeriod,
  useCsat,
  useNps,
  useTrend,
} from './api';
import { drillLink, type TDrill } from './drill';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import type { TFilters } from './filters';
import { hasCsat, hasNps } from './model';
import { PdfButton } from './PdfButton';
import { pdfHref } from './pdf';
import { Empty, PageLoader, ReportError } from './State';
import { TrendChart } from './TrendChart';
import { useReport } from './useReport';

const GROUPS: TNpsGroupBy[] = [
  'unit',
  'channel',
  'month',
  'language',
  'segment',
  'classification',
  'tier',
];
const PERIODS: TTrendPeriod[] = ['week', 'month', 'quarter'];
const BUCKET = { promoters: 'promoter', passives: 'passive', detractors: 'detractor' } as const;

export default function NpsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys, detail, labels } = useReport('nps_relational');
  const withNps = hasNps(labels);
  const withCsat = hasCsat(labels);
  const [metricPick, setMetric] = useState<TTrendMetric>('nps');
  const metric: TTrendMetric = withNps && (metricPick === 'nps' || !withCsat) ? 'nps' : 'csat';
  const [period, setPeriod] = useState<TTrendPeriod>('month');
  const [groupBy, setGroupBy] = useState<TNpsGroupBy>('unit');
  const ready = Boolean(detail.data) && (withNps || withCsat);
  const nps = useNps(filters, groupBy, ready && metric === 'nps');
  const csat = useCsat(filters, groupBy, ready && metric === 'csat');
  const trend = useTrend(filters, metric, period, ready);
  const head = metric === 'nps' ? nps : csat;
  const units = useOrgUnits();
  const drill = (d: Omit<TDrill, 'metric' | 'report'>, c: Partial<TFilters> = {}) =>
    drillLink({ ...filters, ...c }, { metric, report: 'nps', ...d });
  /** The drill-down of a breakdown row, where the group names a filter the list can apply. */
  const groupDrill = (g: string): string | null => {
    if (groupBy === 'unit') {
      const same = (units.data ?? []).filter((u) => u.name === g);
      return same.length === 1 && same[0] ? drill({ atUnit: same[0].id }) : null;
    }
    if (groupBy === 'channel' && g) return drill({}, { channel: g });
    if (groupBy === 'language' && (g === 'es' || g === 'en')) return drill({}, { language: g });
    if (groupBy === 'month' && /^\d{4}-\d{2}$/.test(g))
      return drill({ periodKind: 'month', periodKey: g });
    return null;
  };

  const show = (v: number | null | undefined) => (metric === 'nps' ? f.num(v, 1) : f.pct(v, 1));
  const diff = (v: number) => {
    const s = metric === 'nps' ? f.num(v, 1) : f.num(v * 100, 1);
    return v > 0 ? `+${s}` : s;
  };
  const groupLabel = (g: string) => {
    if (groupBy === 'channel') return t(`surveys.channels.${g}`, { defaultValue: g });
    if (groupBy === 'language') return t(`analytics.language.${g}`, { defaultValue: g });
    if (groupBy === 'month' && /^\d{4}-\d{2}$/.test(g)) return f.month(`${g}-01`);
    if (groupBy === 'segment' && g) return t(`analytics.segment.${g}`, { defaultValue: g });
    if (groupBy === 'classification' && g) return t(`useClass.${g}`, { defaultValue: g });
    if (groupBy === 'tier' && g) return t(`analytics.tier.${g}`, { defaultValue: g });
    return g || t('analytics.nps.noGroup');
  };
  const periodLabel = (p: string) => {
    if (/^\d{4}-\d{2}$/.test(p)) return f.month(`${p}-01`);
    const q = /^(\d{4})-Q(\d)$/.exec(p);
    if (q) return t('analytics.trend.quarterLabel', { q: q[2], y: q[1] });
    return f.date(p);
  };

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && detail.isPending)) body = <PageLoader />;
  else if (surveys.isError || detail.isError)
    body = <ReportError error={surveys.error ?? detail.error} />;
  else if (!filters.survey) body = <Empty title={t('analytics.empty.noSurvey')} />;
  else if (!withNps && !withCsat)
    body = (
      <Empty title={t('analytics.nps.noQuestions')}>{t('analytics.nps.noQuestionsHelp')}</Empty>
    );
  else if (head.isPending) body = <PageLoader />;
  else if (head.isError) body = <ReportError error={head.error} />;
  else if (head.data.n === 0)
    body = (
      <Empty title={t('analytics.empty.noAnswers')}>{t('analytics.empty.noAnswersHelp')}</Empty>
    );
  else {
    const d = head.data;
    const value = 'nps' in d ? d.nps : d.csat;
    const groups = (d.groups ?? []).map((g) => ({
      group: g.group,
      name: groupLabel(g.group),
      n: g.n,
      value: 'nps' in g ? g.nps : g.csat,
      ci95: g.ci95,
    }));
    body = (
      <Stack gap="md">
        <Group justify="flex-end">
          <PdfButton
            href={(l) => pdfHref.nps(filters, l, { metric, period, groupBy })}
            fallbackName={`${metric}.pdf`}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t(`analytics.nps.metric.${metric}`)}
            </Text>
            <Text size="xl" fw={700} data-testid="nps-value">
              {show(value)}
            </Text>
            <Text size="xs" c="dimmed">
              {d.ci95
                ? t('analytics.overview.interval', { lo: show(d.ci95[0]), hi: show(d.ci95[1]) })
                : t('analytics.overview.noInterval')}
              {' · '}
              {t('analytics.nAnswers', { n: f.int(d.n) })}
            </Text>
          </Card>
          <Card withBorder>
            {'promoters' in d ? (
              <>
                <Text size="sm" c="dimmed" mb={6}>
                  {t('analytics.nps.split')}
                </Text>
                <Progress.Root size="xl" aria-hidden>
                  <Progress.Section value={(d.promoters / d.n) * 100} color="teal.8" />
                  <Progress.Section value={(d.passives / d.n) * 100} color="gray.4" />
                  <Progress.Section value={(d.detractors / d.n) * 100} color="red.7" />
                </Progress.Root>
                <Group gap="md" mt={6} wrap="wrap">
                  {(['promoters', 'passives', 'detractors'] as const).map((k) => (
                    <Text size="xs" key={k}>
                      {t(`analytics.nps.${k}`)}: <b>{f.pct(d[k] / d.n, 0)}</b> (
                      <Anchor
                        component={Link}
                        size="xs"
                        to={drill({ bucket: BUCKET[k] })}
                        data-testid={`nps-drill-${BUCKET[k]}`}
                        aria-label={t('analytics.drill.bucketLink', {
                          bucket: t(`analytics.nps.${k}`),
                        })}
                      >
                        {f.int(d[k])}
                      </Anchor>
                      )
                    </Text>
                  ))}
                </Group>
              </>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  {t('analytics.nps.csatMean')}
                </Text>
                <Text size="xl" fw={700}>
                  {f.score(d.mean, d.scale)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('analytics.nps.csatHelp', { top: d.top, scale: d.scale })}
                </Text>
                <Group gap="sm" mt={4} wrap="wrap">
                  {(['satisfied', 'neutral', 'dissatisfied'] as const).map((b) => (
                    <Anchor key={b} component={Link} size="xs" to={drill({ bucket: b })}>
                      {t(`analytics.drill.bucket.${b}`)}
                    </Anchor>
                  ))}
                </Group>
              </>
            )}
          </Card>
        </SimpleGrid>

        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="nps-trend">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="nps-trend">
              {t('analytics.trend.title')}
            </Title>
            <Group gap="xs" wrap="wrap">
              <SegmentedControl
                size="xs"
                aria-label={t('analytics.trend.period')}
                value={period}
                onChange={(v) => setPeriod(v as TTrendPeriod)}
                data={PERIODS.map((p) => ({ value: p, label: t(`analytics.trend.by.${p}`) }))}
              />
              <ExportButton
                name={`${metric}-trend-${period}`}
                disabled={!trend.data?.periods.length}
                header={() => [
                  t('analytics.trend.period'),
                  t('analytics.col.n'),
                  t(`analytics.nps.metric.${metric}`),
                  t('analytics.col.ciLow'),
                  t('analytics.col.ciHigh'),
                  t('analytics.trend.lcl'),
                  t('analytics.trend.ucl'),
                  t('analytics.trend.outOfControl'),
                  t('analytics.trend.changeCol'),
                  t('analytics.trend.pValue'),
                ]}
                rows={() =>
                  (trend.data?.periods ?? []).map((p) => [
                    p.period,
                    p.n,
                    p.value,
                    p.ci95?.[0] ?? null,
                    p.ci95?.[1] ?? null,
                    p.lcl,
                    p.ucl,
                    p.outOfControl ? t('analytics.yes') : t('analytics.no'),
                    p.change?.difference ?? null,
                    p.change?.p ?? null,
                  ])
                }
              />
            </Group>
          </Group>
          {trend.isPending ? (
            <PageLoader />
          ) : trend.isError ? (
            <ReportError error={trend.error} />
          ) : trend.data.periods.length < 2 ? (
            <Text size="sm" c="dimmed">
              {t('analytics.trend.tooFew')}
            </Text>
          ) : (
            <>
              <TrendChart data={trend.data} label={periodLabel} show={show} />
              <Text size="xs" c="dimmed" mt={4}>
                {t('analytics.trend.help')}
              </Text>
              <Group gap="xs" mt="xs" wrap="wrap" aria-label={t('analytics.drill.periodLinks')}>
                <Text size="xs" c="dimmed">
                  {t('analytics.drill.periodLinks')}:
                </Text>
                {trend.data.periods
                  .filter((p) => p.n > 0)
                  .map((p) => (
                    <Anchor
                      key={p.period}
                      component={Link}
                      size="xs"
                      to={drill({ periodKind: period, periodKey: p.period })}
                    >
                      {periodLabel(p.period)} ({f.int(p.n)})
                    </Anchor>
                  ))}
              </Group>
              <Stack gap={2} mt="xs">
                {trend.data.periods
                  .filter((p) => p.outOfControl || p.change?.significant)
                  .map((p) => (
                    <Text size="sm" key={p.period}>
                      <b>{periodLabel(p.period)}</b>: {show(p.value)}
                      {p.outOfControl && (
                        <Badge ml={6} size="xs" color="red" variant="light">
                          {t('analytics.trend.outOfControl')}
                        </Badge>
                      )}
                      {p.change?.significant && (
                        <Text span size="sm" c={p.change.difference > 0 ? 'teal.9' : 'red.8'}>
                          {' '}
                          {t('analytics.trend.changed', { d: diff(p.change.difference) })}
                        </Text>
                      )}
                    </Text>
                  ))}
              </Stack>
            </>
          )}
        </Paper>

        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="nps-groups">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="nps-groups">
              {t('analytics.nps.breakdown')}
            </Title>
            <Group gap="xs" wrap="wrap" align="end">
              <Select
                size="xs"
                aria-label={t('analytics.nps.groupBy')}
                data={GROUPS.map((g) => ({ value: g, label: t(`analytics.nps.by.${g}`) }))}
                value={groupBy}
                onChange={(v) => v && setGroupBy(v as TNpsGroupBy)}
                allowDeselect={false}
                w={160}
              />
              <ExportButton
                name={`${metric}-by-${groupBy}`}
                disabled={!groups.length}
                header={() => [
                  t(`analytics.nps.by.${groupBy}`),
                  t('analytics.col.n'),
                  t(`analytics.nps.metric.${metric}`),
                  t('analytics.col.ciLow'),
                  t('analytics.col.ciHigh'),
                ]}
                rows={() =>
                  groups.map((g) => [
                    g.name,
                    g.n,
                    g.value,
                    g.ci95?.[0] ?? null,
                    g.ci95?.[1] ?? null,
                  ])
                }
              />
            </Group>
          </Group>
          {groups.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('analytics.nps.noGroups')}
            </Text>
          ) : (
            <>
              <BarChart
                h={Math.max(160, groups.length * 34 + 40)}
                data={groups}
                dataKey="name"
                orientation="vertical"
                yAxisProps={{ width: 130 }}
                valueFormatter={(v) => show(v)}
                series={[
                  { name: 'value', label: t(`analytics.nps.metric.${metric}`), color: 'teal.8' },
                ]}
                getBarColor={(v) => (v < 0 ? 'red.7' : 'teal.8')}
              />
              <Table.ScrollContainer minWidth={300} mt="xs">
                <Table verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t(`analytics.nps.by.${groupBy}`)}</Table.Th>
                      <Table.Th ta="right">{t(`analytics.nps.metric.${metric}`)}</Table.Th>
                      <Table.Th ta="right" visibleFrom="xs">
                        {t('analytics.col.ci')}
                      </Table.Th>
                      <Table.Th ta="right">{t('analytics.col.n')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {groups.map((g) => (
                      <Table.Tr key={g.group}>
                        <Table.Td>{g.name}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          {show(g.value)}
                        </Table.Td>
                        <Table.Td ta="right" visibleFrom="xs" style={{ whiteSpace: 'nowrap' }}>
                          {g.ci95 ? `${show(g.ci95[0])} … ${show(g.ci95[1])}` : '—'}
                        </Table.Td>
                        <Table.Td ta="right">
                          {groupDrill(g.group) ? (
                            <Anchor
                              component={Link}
                              size="sm"
                              to={groupDrill(g.group) as string}
                              aria-label={t('analytics.drill.unitLink', {
                                n: f.int(g.n),
                                unit: g.name,
                              })}
                            >
                              {f.int(g.n)}
                            </Anchor>
                          ) : (
                            f.int(g.n)
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end" wrap="wrap">
        <div>
          <Title order={2} size="h3">
            {t('analytics.nps.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('analytics.nps.intro')}
          </Text>
        </div>
        {withNps && withCsat && (
          <SegmentedControl
            aria-label={t('analytics.nps.metricPick')}
            value={metric}
            onChange={(v) => setMetric(v as TTrendMetric)}
            data={[
              { value: 'nps', label: t('analytics.nps.metric.nps') },
              { value: 'csat', label: t('analytics.nps.metric.csat') },
            ]}
          />
        )}
      </Group>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}
