// Better/Worse diagram (Berger et al. 1993): x = |Worse| (how much its absence dissatisfies),
// y = Better (how much its presence satisfies), split at 0.5 into the four classic quadrants.
// Points carry a number that the table beside it names: attribute wordings are too long to
// print inside a phone-sized chart. Plain recharts: Mantine's scatter cannot label points.

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
import type { TKanoCategory } from './api';
import { KANO_ORDER } from './model';

export interface TKanoPoint {
  no: number;
  name: string;
  better: number;
  worse: number;
  category: TKanoCategory | null;
}

const COLOR: Record<TKanoCategory, string> = {
  M: 'var(--mantine-color-red-7)',
  O: 'var(--mantine-color-blue-7)',
  A: 'var(--mantine-color-teal-8)',
  I: 'var(--mantine-color-gray-6)',
  R: 'var(--mantine-color-orange-7)',
  Q: 'var(--mantine-color-grape-7)',
};

export function KanoChart({ points }: { points: TKanoPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const axis = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
  const corner = (x: number, y: number, key: string, anchor: 'start' | 'end') => (
    <ReferenceLine
      segment={[
        { x, y },
        { x, y },
      ]}
      stroke="none"
      label={{
        value: t(`analytics.kano.quadrant.${key}`),
        position: anchor === 'start' ? 'right' : 'left',
        fontSize: 11,
        fill: 'var(--mantine-color-gray-7)',
      }}
    />
  );
  return (
    <div role="img" aria-label={t('analytics.kano.chartLabel')}>
      {/* Axis titles as text: rotated labels inside the plot collide with the ticks on a phone. */}
      <Text size="xs" c="dimmed">
        ↑ {t('analytics.kano.betterAxis')}
      </Text>
      <div style={{ width: '100%', height: 320 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="4 4" stroke="var(--mantine-color-gray-3)" />
            <XAxis
              type="number"
              dataKey="worse"
              domain={[0, 1]}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tickFormatter={(v: number) => f.fixed(v, 2)}
              tick={axis}
            />
            <YAxis
              type="number"
              dataKey="better"
              domain={[0, 1]}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tickFormatter={(v: number) => f.fixed(v, 2)}
              tick={axis}
              width={44}
            />
            <ReferenceLine x={0.5} stroke="var(--mantine-color-gray-5)" />
            <ReferenceLine y={0.5} stroke="var(--mantine-color-gray-5)" />
            {corner(0.02, 0.96, 'A', 'start')}
            {corner(0.98, 0.96, 'O', 'end')}
            {corner(0.02, 0.04, 'I', 'start')}
            {corner(0.98, 0.04, 'M', 'end')}
            <Tooltip
              cursor={false}
              formatter={(v) => (typeof v === 'number' ? f.fixed(v, 2) : String(v))}
              labelFormatter={() => ''}
            />
            {KANO_ORDER.map((c) => {
              const data = points.filter((p) => p.category === c);
              return data.length ? (
                <Scatter
                  key={c}
                  name={t(`analytics.kano.cat.${c}`)}
                  data={data}
                  fill={COLOR[c]}
                  isAnimationActive={false}
                >
                  <LabelList
                    dataKey="no"
                    position="top"
                    fontSize={12}
                    fill="var(--mantine-color-black)"
                  />
                </Scatter>
              ) : null;
            })}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed" ta="right">
        {t('analytics.kano.worseAxis')} →
      </Text>
    </div>
  );
}

export { COLOR as KANO_CSS_COLORS };
