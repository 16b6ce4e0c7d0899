// Importance–performance grid (Martilla & James 1977): the cuts the API chose (the means) split
// it into four quadrants; points are numbered as the table below names them.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../lib/format';
import type { TIpaReport } from './api';

export const QUADRANT_KEY: Record<string, string> = {
  'concentrate here': 'concentrate',
  'keep up the good work': 'keepUp',
  'low priority': 'lowPriority',
  'possible overkill': 'overkill',
};
export const QUADRANT_COLOR: Record<string, string> = {
  concentrate: 'var(--mantine-color-red-7)',
  keepUp: 'var(--mantine-color-teal-8)',
  lowPriority: 'var(--mantine-color-gray-6)',
  overkill: 'var(--mantine-color-orange-7)',
};

export function IpaChart({ data }: { data: TIpaReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const points = data.attributes.map((a, i) => ({
    no: i + 1,
    importance: a.importance,
    performance: a.performance,
    q: QUADRANT_KEY[a.quadrant] ?? 'lowPriority',
  }));
  const axis = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
  return (
    <div role="img" aria-label={t('analytics.ipa.chartLabel')}>
      <Text size="xs" c="dimmed">
        ↑ {t('analytics.ipa.performanceAxis')}
      </Text>
      <div style={{ width: '100%', height: 300 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="4 4" stroke="var(--mantine-color-gray-3)" />
            <XAxis
              type="number"
              dataKey="importance"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => f.num(v, 1)}
              tick={axis}
            />
            <YAxis
              type="number"
              dataKey="performance"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => f.num(v, 1)}
              tick={axis}
              width={44}
            />
            {data.importanceCut !== null && (
              <ReferenceLine x={data.importanceCut} stroke="var(--mantine-color-gray-6)" />
            )}
            {data.performanceCut !== null && (
              <ReferenceLine y={data.performanceCut} stroke="var(--mantine-color-gray-6)" />
            )}
            <Tooltip
              cursor={false}
              formatter={(v) => (typeof v === 'number' ? f.num(v, 2) : String(v))}
              labelFormatter={() => ''}
            />
            {Object.keys(QUADRANT_COLOR).map((q) => {
              const rows = points.filter((p) => p.q === q);
              return rows.length ? (
                <Scatter
                  key={q}
                  name={t(`analytics.ipa.quadrant.${q}`)}
                  data={rows}
                  fill={QUADRANT_COLOR[q]}
                  isAnimationActive={false}
                >
                  <LabelList dataKey="no" position="top" fontSize={12} />
                </Scatter>
              ) : null;
            })}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed" ta="right">
        {t(`analytics.ipa.importanceAxis.${data.importance ?? 'stated'}`)} →
      </Text>
    </div>
  );
}
