// Perceived value (issue 11): from the perceived-value survey's answers under the
// report filters — value for money ("what I get is worth the price", 1..points) with its 95 %
// interval and the answers per score, each benefit's rating with its interval, the same by the
// customers' class by use, and the org's value models of this survey: each benefit's money value
// against the price paid (the models are edited in the strategy workspace, linked from here).
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { type TValue, type TValueStat, useValue } from './api';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { hasValue, valueBenefitLabels } from './model';
import { Empty, PageLoader, ReportError, SampleNote } from './State';
import { useReport } from './useReport';

export default function ValuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys, detail } = useReport('perceived_value');
  const ok = hasValue(detail.data?.definition);
  const q = useValue(filters, ok);
  const names = useMemo(
    () => valueBenefitLabels(detail.data?.definition, f.lang),
    [detail.data, f.lang],
  );
  const slug = detail.data?.slug ?? 'encuesta';

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && detail.isPending)) body = <PageLoader />;
  else if (surveys.isError || detail.isError)
    body = <ReportError error={surveys.error ?? detail.error} />;
  else if (!filters.survey) body = <Empty title={t('analytics.empty.noSurvey')} />;
  else if (!ok)
    body = (
      <Empty title={t('analytics.value.noQuestions')}>{t('analytics.value.noQuestionsHelp')}</Empty>
    );
  else if (q.isPending) body = <PageLoader />;
  else if (q.isError) body = <ReportError error={q.error} />;
  else if (q.data.n === 0)
    body = (
      <Empty title={t('analytics.empty.noAnswers')}>{t('analytics.empty.noAnswersHelp')}</Empty>
    );
  else body = <Report d={q.data} names={names} slug={slug} />;

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.value.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.value.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}

function Report({ d, names, slug }: { d: TValue; names: Map<string, string>; slug: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const few = t('analytics.value.tooFew');
  const score = (s: TValueStat) => (s.mean === null ? few : f.score(s.mean, d.points, 1));
  const ci = (s: TValueStat) => (s.ci95 ? `${f.num(s.ci95[0], 1)} – ${f.num(s.ci95[1], 1)}` : '—');
  const money = (v: number | null, cur = d.currency) => (v === null ? few : f.money(v, cur, 0));
  const benefitName = (key: string, kind: string | null) =>
    names.get(key) ?? (kind ? t(`analytics.value.kind.${kind}`) : key);
  const classLabel = (u: string) =>
    u === 'none' ? t('analytics.value.noClass') : t(`useClass.${u}`, { defaultValue: u });
  const vfm = d.valueForMoney;

  return (
    <Stack gap="md">
      <SampleNote sample={d.sample} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('analytics.value.vfm')}
          </Text>
          <Text size="xl" fw={700}>
            {score(vfm)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.value.ciN', { ci: ci(vfm), n: f.int(vfm.n) })}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('analytics.value.wtp')}
          </Text>
          <Text size="xl" fw={700}>
            {money(d.wtp.mean)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.value.nAnswers', { n: f.int(d.wtp.n) })}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('analytics.value.respondents')}
          </Text>
          <Text size="xl" fw={700}>
            {f.int(d.n)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('analytics.value.minN', { min: d.minN })}
          </Text>
        </Paper>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="pv-dist">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="pv-dist">
              {t('analytics.value.distribution')}
            </Title>
            <ExportButton
              name={`valor-por-precio-${slug}`}
              header={() => [t('analytics.value.score'), t('analytics.value.answers')]}
              rows={() => vfm.distribution.map((x) => [x.score, x.count])}
            />
          </Group>
          <Text size="xs" c="dimmed" mb="xs">
            {t('analytics.value.distributionHelp', { points: d.points })}
          </Text>
          <BarChart
            h={220}
            data={vfm.distribution.map((x) => ({ score: String(x.score), count: x.count }))}
            dataKey="score"
            valueFormatter={(v) => f.int(v)}
            series={[{ name: 'count', label: t('analytics.value.answers'), color: 'teal.7' }]}
          />
        </Paper>

        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="pv-ben">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="pv-ben">
              {t('analytics.value.benefits')}
            </Title>
            <ExportButton
              name={`beneficios-${slug}`}
              header={() => [
                t('analytics.value.benefit'),
                t('analytics.value.mean'),
                t('analytics.value.ciLow'),
                t('analytics.value.ciHigh'),
                t('analytics.col.n'),
              ]}
              rows={() =>
                [
                  { key: '', kind: null, ...vfm, label: t('analytics.value.vfm') },
                  ...d.benefits.map((b) => ({ ...b, label: benefitName(b.key, b.kind) })),
                ].map((b) => [b.label, b.mean, b.ci95?.[0] ?? null, b.ci95?.[1] ?? null, b.n])
              }
            />
          </Group>
          <BarChart
            h={Math.max(150, d.benefits.length * 40 + 50)}
            data={d.benefits.map((b) => ({
              // the short kind on the axis (the table below carries the full wording)
              name: b.kind ? t(`analytics.value.kind.${b.kind}`) : benefitName(b.key, b.kind),
              mean: b.mean ?? 0,
            }))}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 100 }}
            xAxisProps={{ domain: [0, d.points] }}
            valueFormatter={(v) => f.num(v, 1)}
            series={[{ name: 'mean', label: t('analytics.value.mean'), color: 'blue.7' }]}
          />
          <Table.ScrollContainer minWidth={340} mt="xs">
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.value.benefit')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.value.mean')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.value.ci')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.col.n')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.benefits.map((b) => (
                  <Table.Tr key={b.tag}>
                    <Table.Td>{benefitName(b.key, b.kind)}</Table.Td>
                    <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {score(b)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {ci(b)}
                    </Table.Td>
                    <Table.Td ta="right">{f.int(b.n)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="pv-seg">
        <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="pv-seg">
            {t('analytics.value.bySegment')}
          </Title>
          <ExportButton
            name={`valor-por-segmento-${slug}`}
            header={() => [
              t('analytics.value.segment'),
              t('analytics.col.n'),
              t('analytics.value.vfm'),
              ...d.benefits.map((b) => benefitName(b.key, b.kind)),
              t('analytics.value.wtp'),
            ]}
            rows={() =>
              d.segments.map((s) => [
                classLabel(s.useClass),
                s.n,
                s.valueForMoney.mean,
                ...s.benefits.map((b) => b.mean),
                s.wtp.mean,
              ])
            }
          />
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t('analytics.value.bySegmentHelp', { min: d.minN })}
        </Text>
        <Table.ScrollContainer minWidth={Math.max(320, 260 + d.benefits.length * 110)}>
          <Table verticalSpacing={4} aria-label={t('analytics.value.bySegment')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.value.segment')}</Table.Th>
                <Table.Th ta="right">{t('analytics.col.n')}</Table.Th>
                <Table.Th ta="right">{t('analytics.value.vfm')}</Table.Th>
                {d.benefits.map((b) => (
                  <Table.Th key={b.tag} ta="right">
                    {benefitName(b.key, b.kind)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('analytics.value.wtp')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.segments.map((s) => (
                <Table.Tr key={s.useClass}>
                  <Table.Td>{classLabel(s.useClass)}</Table.Td>
                  <Table.Td ta="right">{f.int(s.n)}</Table.Td>
                  <Table.Td
                    ta="right"
                    fw={600}
                    c={s.valueForMoney.mean === null ? 'dimmed' : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {score(s.valueForMoney)}
                  </Table.Td>
                  {s.benefits.map((b) => (
                    <Table.Td
                      key={b.tag}
                      ta="right"
                      c={b.mean === null ? 'dimmed' : undefined}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {score(b)}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" c={s.wtp.mean === null ? 'dimmed' : undefined}>
                    {money(s.wtp.mean)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="pv-models">
        <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="pv-models">
            {t('analytics.value.models')}
          </Title>
          <ExportButton
            name={`modelos-de-valor-${slug}`}
            disabled={d.models.length === 0}
            header={() => [
              t('analytics.value.segment'),
              t('analytics.value.benefit'),
              t('analytics.value.kindCol'),
              t('analytics.value.moneyValue'),
              t('analytics.value.rating'),
              t('analytics.value.pricePaid'),
            ]}
            rows={() =>
              d.models.flatMap((m) =>
                m.benefits.map((b) => [
                  m.segment,
                  b.name,
                  t(`analytics.value.kind.${b.kind}`),
                  b.moneyValue,
                  b.rating,
                  m.pricePaid,
                ]),
              )
            }
          />
        </Group>
        <Text size="xs" c="dimmed" mb="sm">
          {t('analytics.value.modelsHelp')}{' '}
          <Anchor component={Link} to="/strategy/value" size="xs">
            {t('analytics.value.editModels')}
          </Anchor>
        </Text>
        {d.models.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('analytics.value.noModels')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {d.models.map((m) => (
              <Paper key={m.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" wrap="wrap" gap={4} mb={4}>
                  <Text fw={700}>{m.segment}</Text>
                  <Badge
                    variant="light"
                    color={m.perceivedValue >= 0 ? 'teal' : 'red'}
                    style={{ textTransform: 'none' }}
                  >
                    {t('analytics.value.perceived', {
                      v: `${m.perceivedValue >= 0 ? '+' : ''}${f.money(m.perceivedValue, m.currency, 0)}`,
                    })}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" mb="xs">
                  {t('analytics.value.modelLine', {
                    total: f.money(m.totalBenefits, m.currency, 0),
                    price: f.money(m.pricePaid, m.currency, 0),
                    ratio: m.valueRatio === null ? '—' : f.num(m.valueRatio, 2),
                  })}
                </Text>
                <BarChart
                  h={Math.max(120, (m.benefits.length + 1) * 34 + 30)}
                  data={[
                    ...m.benefits.map((b) => ({ name: b.name, value: b.moneyValue, price: 0 })),
                    { name: t('analytics.value.pricePaid'), value: 0, price: m.pricePaid },
                  ]}
                  dataKey="name"
                  type="stacked"
                  orientation="vertical"
                  yAxisProps={{ width: 170 }}
                  valueFormatter={(v) => f.money(v, m.currency, 0)}
                  series={[
                    { name: 'value', label: t('analytics.value.moneyValue'), color: 'teal.6' },
                    { name: 'price', label: t('analytics.value.pricePaid'), color: 'gray.6' },
                  ]}
                />
                <Text size="sm" mt="xs">
                  {t('analytics.value.modelVfm', {
                    v: score(m.valueForMoney),
                    n: f.int(m.valueForMoney.n),
                  })}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Paper>
    </Stack>
  );
}
