// A metric per period with its control limits (the API computes them: x̄-chart for NPS, p-chart
// for CSAT) and the centre line. Out-of-control periods get a red dot.
import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { useTranslation } from 'react-i18next';
import type { TTrendReport } from './api';

interface Props {
  data: TTrendReport;
  label: (period: string) => string;
  show: (v: number | null | undefined) => string;
}

export function TrendChart({ data, label, show }: Props) {
  const { t } = useTranslation();
  // Limits of a period with few answers can pass the scale's ends (NPS ±100, a share 0–1); drawn
  // at the end of the scale they keep the rest of the chart readable.
  const [lo, hi] = data.metric === 'nps' ? [-100, 100] : [0, 1];
  const clamp = (v: number | null) => (v === null ? null : Math.min(hi, Math.max(lo, v)));
  const rows = data.periods.map((p) => ({
    period: label(p.period),
    value: p.value,
    ucl: clamp(p.ucl),
    lcl: clamp(p.lcl),
    out: p.outOfControl,
  }));
  return (
    <LineChart
      h={260}
      data={rows}
      dataKey="period"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      connectNulls={false}
      curveType="linear"
      valueFormatter={(v) => show(v)}
      yAxisProps={{ width: 48, domain: [lo, hi] }}
      referenceLines={
        data.centre === null
          ? []
          : [{ y: data.centre, color: 'gray.6', label: t('analytics.trend.centre') }]
      }
      dotProps={{ r: 3 }}
      lineProps={(s) =>
        s.name === 'value'
          ? {
              dot: (p: { cx?: number; cy?: number; index?: number }) => (
                <circle
                  key={p.index}
                  cx={p.cx}
                  cy={p.cy}
                  r={rows[p.index ?? 0]?.out ? 6 : 3}
                  fill={
                    rows[p.index ?? 0]?.out
                      ? 'var(--mantine-color-red-7)'
                      : 'var(--mantine-color-teal-8)'
                  }
                />
              ),
            }
          : { dot: false }
      }
      series={[
        { name: 'value', label: t('analytics.trend.value'), color: 'teal.8' },
        { name: 'ucl', label: t('analytics.trend.ucl'), color: 'orange.6', strokeDasharray: '4 4' },
        { name: 'lcl', label: t('analytics.trend.lcl'), color: 'orange.6', strokeDasharray: '4 4' },
      ]}
    />
  );
}
