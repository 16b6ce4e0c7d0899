// Drill-down: the responses behind a chart element (a SERVQUAL item or dimension, a league unit,
// an NPS bucket, a by-unit row, a trend point, the comments), with the report's filters. The
// selection and the filters live in the URL; pages come from the server (keyset, "Load more").
// A row opens the whole response in a drawer.
import type { TResponse } from '@fidelia/contracts';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../lib/format';
import { useOrgUnits } from '../../ui/units';
import { responseDetail } from '../surveys/answerDetail';
import { type TDrillItem, useDrill } from './api';
import { parseDrill, type TDrill } from './drill';
import { ReportFilters } from './Filters';
import { filtersToSearch, parseFilters, type TFilters } from './filters';
import { surveyLabels } from './model';
import { Empty, PageLoader, ReportError } from './State';
import { useSurveyDetail, useSurveyList } from './useReport';

const REPORT_PATH = { servqual: 'servqual', nps: 'nps', comments: 'comments' } as const;

export default function ResponsesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const drill = useMemo(() => parseDrill(params), [params]);
  const surveys = useSurveyList();
  const detail = useSurveyDetail(filters.survey);
  const labels = useMemo(() => surveyLabels(detail.data?.definition, f.lang), [detail.data, f]);
  const units = useOrgUnits();
  const q = useDrill(filters, drill);
  const [open, setOpen] = useState<TDrillItem | null>(null);
  // Changing a filter keeps the selection (the URL's drill keys stay).
  const set = useCallback(
    (c: Partial<TFilters>) => {
      const next = new URLSearchParams(filtersToSearch({ ...filters, ...c }).slice(1));
      for (const k of [
        'metric',
        'item',
        'dimension',
        'bucket',
        'atUnit',
        'periodKey',
        'periodKind',
        'question',
        'report',
      ]) {
        const v = params.get(k);
        if (v) next.set(k, v);
      }
      setParams(next, { replace: true });
    },
    [filters, params, setParams],
  );

  const dim = (d: string) => t(`analytics.dimension.${d}`, { defaultValue: d });
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? '';
  const itemText = (n: number) =>
    labels.items.get(String(n)) || t('analytics.servqual.itemN', { n });
  const period = (d: TDrill) => {
    const p = d.periodKey ?? '';
    if (/^\d{4}-\d{2}$/.test(p)) return f.month(`${p}-01`);
    const qq = /^(\d{4})-Q(\d)$/.exec(p);
    if (qq) return t('analytics.trend.quarterLabel', { q: qq[2], y: qq[1] });
    return t('analytics.drill.weekOf', { d: f.date(p) });
  };
  const what: string[] = [t(`analytics.drill.metric.${drill.metric}`)];
  if (drill.item) what.push(`${drill.item}. ${itemText(drill.item)}`);
  if (drill.dimension) what.push(dim(drill.dimension));
  if (drill.bucket) what.push(t(`analytics.drill.bucket.${drill.bucket}`));
  if (drill.atUnit) what.push(unitName(drill.atUnit) || t('analytics.drill.oneUnit'));
  if (drill.periodKey) what.push(period(drill));
  const report =
    drill.report ??
    (drill.metric === 'text' ? 'comments' : drill.metric === 'servqual' ? 'servqual' : 'nps');
  const back = `/analytics/${REPORT_PATH[report]}${filtersToSearch(filters)}`;

  const answerText = (a: TDrillItem['answers'][number]) => {
    const m = /^servqual:([EP]):(\d+)$/.exec(a.tag);
    if (m)
      return `${m[1] === 'E' ? t('analytics.col.expectationShort') : t('analytics.col.perceptionShort')} ${f.int(a.value)}`;
    return `${t(`analytics.drill.metric.${a.tag}`, { defaultValue: a.tag })} ${f.int(a.value)}`;
  };
  /** SERVQUAL answers grouped per item ("3: E 6 · P 4"), else the values */
  const answersOf = (r: TDrillItem) => {
    const byItem = new Map<string, string[]>();
    const rest: string[] = [];
    for (const a of r.answers) {
      const m = /^servqual:[EP]:(\d+)$/.exec(a.tag);
      if (m) byItem.set(m[1] as string, [...(byItem.get(m[1] as string) ?? []), answerText(a)]);
      else rest.push(answerText(a));
    }
    const items = [...byItem].map(
      ([k, v]) => (byItem.size > 1 || !drill.item ? `${k}: ` : '') + v.join(' · '),
    );
    return [...items, ...rest].join(' / ');
  };
  const channel = (c: string) => t(`surveys.channels.${c}`, { defaultValue: c });
  const customer = (r: TDrillItem) =>
    r.customer ? (
      <Anchor component={Link} to={`/customers/${r.customer.id}`} size="sm">
        {r.customer.name}
      </Anchor>
    ) : (
      <Text size="sm" c="dimmed">
        {t('analytics.drill.anonymous')}
      </Text>
    );

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && q.isPending)) body = <PageLoader />;
  else if (surveys.isError || q.isError) body = <ReportError error={surveys.error ?? q.error} />;
  else if (!filters.survey) body = <Empty title={t('analytics.empty.noSurvey')} />;
  else {
    const pages = q.data?.pages ?? [];
    const total = pages[0]?.total ?? 0;
    const rows = pages.flatMap((p) => p.items);
    body =
      total === 0 ? (
        <Empty title={t('analytics.drill.none')}>{t('analytics.empty.noAnswersHelp')}</Empty>
      ) : (
        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="drill-h">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="drill-h">
              <span data-testid="drill-total">
                {t('analytics.drill.count', { n: f.int(total), count: total })}
              </span>
            </Title>
            <Text size="xs" c="dimmed">
              {t('analytics.drill.shown', { n: f.int(rows.length), total: f.int(total) })}
            </Text>
          </Group>
          <Stack gap={0} hiddenFrom="sm">
            {rows.map((r) => (
              <Box
                key={r.responseId}
                py={8}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={600}>
                    {f.dateTime(r.at)}
                  </Text>
                  <Button size="compact-xs" variant="light" onClick={() => setOpen(r)}>
                    {t('analytics.drill.open')}
                  </Button>
                </Group>
                <Text size="xs" c="dimmed">
                  {[r.unitName, channel(r.channel)].filter(Boolean).join(' · ')}
                </Text>
                {r.answers.length > 0 && <Text size="sm">{answersOf(r)}</Text>}
                {r.comment && (
                  <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
                    «{r.comment}»
                  </Text>
                )}
                {customer(r)}
              </Box>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={720} visibleFrom="sm">
            <Table verticalSpacing={4} data-testid="drill-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.drill.col.date')}</Table.Th>
                  <Table.Th>{t('analytics.filter.unit')}</Table.Th>
                  <Table.Th>{t('analytics.filter.channel')}</Table.Th>
                  {drill.metric !== 'text' && (
                    <Table.Th>{t('analytics.drill.col.answers')}</Table.Th>
                  )}
                  <Table.Th>{t('analytics.drill.col.comment')}</Table.Th>
                  <Table.Th>{t('analytics.drill.col.customer')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('analytics.drill.open')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.responseId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(r.at)}</Table.Td>
                    <Table.Td>{r.unitName ?? '—'}</Table.Td>
                    <Table.Td>{channel(r.channel)}</Table.Td>
                    {drill.metric !== 'text' && (
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{answersOf(r) || '—'}</Table.Td>
                    )}
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={3}>
                        {r.comment ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{customer(r)}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="light" onClick={() => setOpen(r)}>
                        {t('analytics.drill.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {q.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button
                variant="default"
                size="xs"
                loading={q.isFetchingNextPage}
                onClick={() => q.fetchNextPage()}
              >
                {t('analytics.drill.more')}
              </Button>
            </Group>
          )}
        </Paper>
      );
  }

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to={back} size="sm">
          ← {t('analytics.drill.back', { report: t(`analytics.tab.${report}`) })}
        </Anchor>
        <Title order={2} size="h3" mt={4}>
          {t('analytics.drill.title')}
        </Title>
        <Group gap={6} mt={4} wrap="wrap">
          {what.map((w) => (
            <Badge
              key={w}
              variant="light"
              color="teal"
              size="lg"
              style={{ textTransform: 'none' }}
              maw="100%"
            >
              {w}
            </Badge>
          ))}
        </Group>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open ? f.dateTime(open.at) : ''}
      >
        {open && detail.data ? (
          <ResponseDetail surveyId={filters.survey} row={open} def={detail.data.definition} />
        ) : null}
      </Drawer>
    </Stack>
  );
}

function ResponseDetail({
  surveyId,
  row,
  def,
}: {
  surveyId: string;
  row: TDrillItem;
  def: NonNullable<ReturnType<typeof useSurveyDetail>['data']>['definition'];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = useQuery({
    queryKey: ['survey-response', surveyId, row.responseId],
    queryFn: () => api.get<TResponse>(`/api/surveys/${surveyId}/responses/${row.responseId}`),
  });
  if (r.isPending) return <PageLoader />;
  if (r.isError) return <ReportError error={r.error} />;
  const pages = responseDetail(def, r.data.answers, f.lang);
  return (
    <Stack gap="sm">
      <Text size="sm">
        {[row.unitName, t(`surveys.channels.${row.channel}`, { defaultValue: row.channel })]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {row.customer && (
        <Anchor component={Link} to={`/customers/${row.customer.id}`} size="sm">
          {row.customer.name}
        </Anchor>
      )}
      {pages.map((p) => (
        <Stack key={p.key} gap={6}>
          {p.title && (
            <Title order={3} size="h5">
              {p.title}
            </Title>
          )}
          {p.answers.map((a) => (
            <Paper key={a.key} withBorder p="xs">
              <Text size="sm" fw={600}>
                {a.title}
              </Text>
              {a.lines.map((l) => (
                <Group
                  key={`${l.label}|${l.value}`}
                  justify="space-between"
                  wrap="nowrap"
                  gap="sm"
                  align="flex-start"
                >
                  <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                    {l.label}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', textAlign: 'right' }}>
                    {l.value}
                  </Text>
                </Group>
              ))}
            </Paper>
          ))}
        </Stack>
      ))}
      <Anchor component={Link} to={`/surveys/${surveyId}/responses`} size="sm">
        {t('analytics.drill.allResponses')}
      </Anchor>
    </Stack>
  );
}
