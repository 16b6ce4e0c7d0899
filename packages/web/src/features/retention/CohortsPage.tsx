// Cohort retention by first-purchase month: a line chart (simple SVG, no chart library) and the
// same numbers as a table (the accessible form of the chart).
import { Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { month, pct } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { type TCohortRow, useCohorts } from './api';

const PALETTE = [
  '#0b7285',
  '#1971c2',
  '#7048e8',
  '#c2255c',
  '#e8590c',
  '#2b8a3e',
  '#5c940d',
  '#862e9c',
];

function Chart({ rows, months, label }: { rows: TCohortRow[]; months: number; label: string }) {
  const { t, i18n } = useTranslation();
  const W = 720;
  const H = 300;
  const pad = { l: 48, r: 12, t: 12, b: 36 };
  const maxK = months - 1;
  // Month 0 is 100 % by definition; the chart starts at month 1 so the curves use the height.
  const series = rows.slice(-8);
  const top = Math.max(
    0.05,
    ...series.flatMap((r) => r.retention.slice(1).filter((v): v is number => v !== null)),
  );
  const step = top > 0.5 ? 0.2 : 0.1;
  const yMax = Math.min(1, Math.ceil(top / step - 1e-9) * step);
  const x = (k: number) => pad.l + ((k - 1) / Math.max(1, maxK - 1)) * (W - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - v / yMax) * (H - pad.t - pad.b);
  const ticks = Array.from({ length: Math.round(yMax / step) + 1 }, (_, i) => i * step);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label}>
        <title>{label}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} stroke="#dee2e6" />
            <text x={pad.l - 6} y={y(v) + 4} fontSize="11" textAnchor="end" fill="#495057">
              {pct(v, i18n.language)}
            </text>
          </g>
        ))}
        {Array.from({ length: maxK }, (_, i) => i + 1).map((k) => (
          <text
            key={k}
            x={x(k)}
            y={H - pad.b + 16}
            fontSize="11"
            textAnchor="middle"
            fill="#495057"
          >
            {k}
          </text>
        ))}
        <text x={(W + pad.l) / 2} y={H - 4} fontSize="11" textAnchor="middle" fill="#495057">
          {t('retention.monthsSinceFirst')}
        </text>
        {series.map((r, i) => {
          const pts = r.retention
            .map((v, k) => (k >= 1 && v !== null ? `${x(k)},${y(v)}` : null))
            .filter(Boolean)
            .join(' ');
          return (
            <polyline
              key={r.cohort}
              points={pts}
              fill="none"
              stroke={PALETTE[i % PALETTE.length]}
              strokeWidth={2}
            />
          );
        })}
      </svg>
      <figcaption>
        <Group gap="sm" wrap="wrap">
          {series.map((r, i) => (
            <Group key={r.cohort} gap={4} wrap="nowrap">
              <svg width="14" height="4" aria-hidden>
                <rect width="14" height="4" fill={PALETTE[i % PALETTE.length]} />
              </svg>
              <Text size="xs">{month(`${r.cohort}-01`, i18n.language)}</Text>
            </Group>
          ))}
        </Group>
      </figcaption>
    </figure>
  );
}

export default function CohortsPage() {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState('12');
  const q = useCohorts(Number(months));
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <Text c="red.8">{q.error.message}</Text>;
  const rows = q.data.items;
  const n = Number(months);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('retention.cohortsHelp')}
          {q.data.partialMonth
            ? ` ${t('retention.partialMonth', { month: month(`${q.data.partialMonth}-01`, i18n.language) })}`
            : ''}
        </Text>
        <SegmentedControl
          aria-label={t('retention.monthsShown')}
          value={months}
          onChange={setMonths}
          data={['6', '12', '24'].map((v) => ({
            value: v,
            label: t('retention.monthsN', { n: v }),
          }))}
        />
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('retention.noTransactions')}</Text>
      ) : (
        <>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('retention.cohortChart')}
            </Title>
            <Chart rows={rows} months={n} label={t('retention.cohortChartLabel')} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('retention.cohortTable')}
            </Title>
            <Table.ScrollContainer minWidth={120 + n * 56}>
              <Table verticalSpacing={2} fz="xs" withColumnBorders>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('retention.cohort')}</Table.Th>
                    <Table.Th ta="right">{t('retention.size')}</Table.Th>
                    {Array.from({ length: n }, (_, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: month offsets are the identity
                      <Table.Th key={k} ta="right">
                        {t('retention.monthK', { k })}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.cohort}>
                      <Table.Th scope="row">{month(`${r.cohort}-01`, i18n.language)}</Table.Th>
                      <Table.Td ta="right">{r.size}</Table.Td>
                      {r.retention.map((v, k) => (
                        <Table.Td
                          // biome-ignore lint/suspicious/noArrayIndexKey: month offsets are the identity
                          key={k}
                          ta="right"
                          style={{
                            background:
                              v === null
                                ? undefined
                                : `rgba(11, 114, 133, ${Math.min(0.85, v * 1.6)})`,
                            color: v !== null && v > 0.35 ? 'white' : undefined,
                          }}
                        >
                          {v === null ? '' : pct(v, i18n.language)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
    </Stack>
  );
}
