// Monthly trend of one scorecard metric (chart library only in this lazy page chunk). Months
// below the metric's minimum sample are drawn as gaps, never as a point.
import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { TScorecard } from './api';

const KEYS = ['nps', 'csat', 'mystery', 'compliments'] as const;
type TKey = (typeof KEYS)[number];

export function TrendPanel({ card }: { card: TScorecard }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const keys = KEYS.filter((k) => k !== 'mystery' || card.fieldwork.available);
  // Opens on the first metric with a month that reaches its minimum sample.
  const [key, setKey] = useState<TKey>(
    () =>
      keys.find(
        (k) => k !== 'compliments' && card.trend.some((p) => p[k].enough && p[k].value !== null),
      ) ?? 'compliments',
  );
  const show = (v: number | null | undefined) =>
    key === 'nps' ? fmt.num(v, 0) : key === 'compliments' ? fmt.int(v) : fmt.pct(v);
  const rows = card.trend.map((p) => {
    const m = key === 'compliments' ? null : p[key];
    return {
      month: fmt.month(`${p.month}-01`),
      value: key === 'compliments' ? p.compliments : m?.enough ? m.value : null,
    };
  });
  const shown = rows.filter((r) => r.value !== null).length;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('performance.trend.metric')}
        value={key}
        onChange={(v) => setKey(v as TKey)}
        data={keys.map((k) => ({ value: k, label: t(`performance.trend.${k}`) }))}
        size="xs"
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      <LineChart
        h={240}
        data={rows}
        dataKey="month"
        connectNulls={false}
        curveType="linear"
        valueFormatter={(v) => show(v)}
        yAxisProps={{ width: 48, allowDecimals: key !== 'compliments' }}
        dotProps={{ r: 3 }}
        series={[{ name: 'value', label: t(`performance.trend.${key}`), color: 'teal.8' }]}
      />
      {shown === 0 && (
        <Text size="xs" c="dimmed">
          {t('performance.trend.empty')}
        </Text>
      )}
      {key !== 'compliments' && (
        <Text size="xs" c="dimmed">
          {t('performance.trend.gaps')}
        </Text>
      )}
    </Stack>
  );
}
