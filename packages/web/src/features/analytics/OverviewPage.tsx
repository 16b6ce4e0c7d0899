// Home overview, the landing page after login: the headline figures of the period against the
// period before it (a change is flagged only when it is significant), responses by channel,
// complaints past due and the best customers at risk. Each tile opens its report. No chart
// library here: the landing page stays light (bars are plain Mantine progress bars).
import { Anchor, Card, Group, List, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { type THeadline, type TOverviewReport, useOverview } from './api';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { filtersToSearch, lastDays, type TFilters, todayIso } from './filters';
import { PdfButton } from './PdfButton';
import { pdfHref } from './pdf';
import { PageLoader, ReportError } from './State';
import { useReport } from './useReport';

type TMetric = 'nps' | 'csat' | 'servqualGap';

function Headline({ metric, h, to }: { metric: TMetric; h: THeadline; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  // NPS in points (−100…100), CSAT as a share, the SERVQUAL gap on the 1–7 scale's difference.
  const show = (v: number | null | undefined) =>
    metric === 'nps' ? f.num(v, 1) : metric === 'csat' ? f.pct(v, 1) : f.fixed(v, 2);
  const diff = (v: number) => {
    const s =
      metric === 'nps' ? f.num(v, 1) : metric === 'csat' ? f.num(v * 100, 1) : f.fixed(v, 2);
    return v > 0 ? `+${s}` : s;
  };
  const c = h.change;
  return (
    <Card withBorder component={Link} to={to} className="fid-focus" data-testid={`tile-${metric}`}>
      <Text size="sm" c="dimmed">
        {t(`analytics.overview.${metric}`)}
      </Text>
      <Text size="xl" fw={700} data-testid={`tile-${metric}-value`}>
        {show(h.value)}
      </Text>
      <Text size="xs" c="dimmed">
        {h.n === 0
          ? t('analytics.overview.noAnswers')
          : `${
              h.ci95
                ? t('analytics.overview.interval', { lo: show(h.ci95[0]), hi: show(h.ci95[1]) })
                : t('analytics.overview.noInterval')
            } · ${t('analytics.nAnswers', { n: f.int(h.n) })}`}
      </Text>
      <Group gap={6} mt={6} wrap="wrap">
        {c === null ? (
          <Text size="xs" c="dimmed">
            {t('analytics.overview.noPrevious')}
          </Text>
        ) : c.significant ? (
          <Text size="sm" fw={600} c={c.difference > 0 ? 'teal.9' : 'red.8'}>
            {c.difference > 0 ? '▲ ' : '▼ '}
            {t('analytics.overview.significant', { d: diff(c.difference) })}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {t('analytics.overview.notSignificant', { d: diff(c.difference) })}
          </Text>
        )}
      </Group>
    </Card>
  );
}

function Channels({ data }: { data: TOverviewReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = [...data.responsesByChannel].sort((a, b) => b.n - a.n);
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <Card withBorder component="section" aria-labelledby="ov-channels">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Text fw={600} id="ov-channels">
          {t('analytics.overview.byChannel', { n: f.int(data.responses) })}
        </Text>
        <ExportButton
          name="responses-by-channel"
          disabled={!rows.length}
          header={() => [t('analytics.filter.channel'), t('analytics.col.n')]}
          rows={() => rows.map((r) => [t(`surveys.channels.${r.channel}`), r.n])}
        />
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('analytics.empty.noAnswers')}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((r) => (
            <div key={r.channel}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t(`surveys.channels.${r.channel}`)}</Text>
                <Text size="sm" fw={600}>
                  {f.int(r.n)}
                </Text>
              </Group>
              <Progress value={(r.n / max) * 100} size="sm" aria-hidden />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters: raw, set } = useReport('');
  // The overview always compares a period with the one before it: 30 days unless the link says.
  const filters: TFilters = useMemo(
    () => (raw.from || raw.to ? raw : { ...raw, ...lastDays(30, todayIso()) }),
    [raw],
  );
  const q = useOverview(filters);
  const keep = filtersToSearch({ ...filters, survey: '' });

  let body: React.ReactNode;
  if (q.isPending) body = <PageLoader />;
  else if (q.isError) body = <ReportError error={q.error} />;
  else {
    const d = q.data;
    body = (
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Text size="sm" c="dimmed">
            {t('analytics.overview.period', {
              from: f.date(d.period.from),
              to: f.date(d.period.to),
              pfrom: f.date(d.previousPeriod.from),
              pto: f.date(d.previousPeriod.to),
            })}
          </Text>
          <PdfButton href={(l) => pdfHref.overview(filters, l)} fallbackName="overview.pdf" />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Headline metric="nps" h={d.nps} to={`/analytics/nps${keep}`} />
          <Headline metric="csat" h={d.csat} to={`/analytics/nps${keep}`} />
          <Headline metric="servqualGap" h={d.servqualGap} to={`/analytics/servqual${keep}`} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Channels data={d} />
          <Card
            withBorder
            component={Link}
            to="/complaints?open=true&due=overdue"
            className="fid-focus"
          >
            <Text fw={600}>{t('analytics.overview.pastDue')}</Text>
            <Text size="xl" fw={700} c={d.complaintsPastDue > 0 ? 'red.8' : undefined}>
              {f.int(d.complaintsPastDue)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('analytics.overview.pastDueHelp')}
            </Text>
          </Card>
          <Card withBorder component="section" aria-labelledby="ov-risk">
            <Text fw={600} id="ov-risk">
              {t('analytics.overview.atRisk')}
            </Text>
            <Text size="xl" fw={700}>
              {f.int(d.atRiskBestCustomers.count)}
            </Text>
            {d.atRiskBestCustomers.top.length > 0 && (
              <List size="sm" spacing={2} mt={4}>
                {d.atRiskBestCustomers.top.slice(0, 5).map((c) => (
                  <List.Item key={c.customerId}>
                    <Anchor component={Link} to={`/customers/${c.customerId}`} size="sm">
                      {c.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
            <Anchor component={Link} to="/retention/at-risk" size="sm" mt={6} display="block">
              {t('analytics.overview.atRiskLink')}
            </Anchor>
          </Card>
          <Card withBorder component="section" aria-labelledby="ov-actions">
            <Text fw={600} id="ov-actions">
              {t('analytics.overview.overdueActions')}
            </Text>
            <Text size="xl" fw={700} c={d.overdueCorrectiveActions.count > 0 ? 'red.8' : undefined}>
              {f.int(d.overdueCorrectiveActions.count)}
            </Text>
            {d.overdueCorrectiveActions.top.length > 0 && (
              <List size="sm" spacing={2} mt={4}>
                {d.overdueCorrectiveActions.top.map((a) => (
                  <List.Item key={a.id}>
                    <Anchor component={Link} to={`/fieldwork/visits/${a.visitId}`} size="sm">
                      {a.title} · {a.unit}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
            <Anchor component={Link} to="/fieldwork/actions" size="sm" mt={6} display="block">
              {t('analytics.overview.overdueActionsLink')}
            </Anchor>
          </Card>
        </SimpleGrid>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <ReportFilters filters={filters} set={set} allowAll={false} />
      {body}
    </Stack>
  );
}
