// `fidelia analyze trend`: a score by period — the mean (Welch t-test between consecutive
// periods, x̄-chart limits) or a top-box / NPS-style proportion (two-proportion z-test, p-chart).
import { meanTrend, proportionTrend } from '@fidelia/stats';
import { CliError } from '../errors';
import { cellNumber, dataRows, openInput, requireColumn } from './input';
import { ci, type TReport } from './output';

export interface TTrendOptions {
  period: string;
  column: string;
  measure: string;
  min: number;
  max: number;
  top: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function analyzeTrend(path: string, o: TTrendOptions): Promise<TReport> {
  if (o.measure !== 'mean' && o.measure !== 'top-box')
    throw new CliError(`--measure must be mean or top-box (got ${o.measure})`);
  if (!(o.max > o.min)) throw new CliError('--max must be greater than --min');
  const input = await openInput(path);
  const pcol = requireColumn(input, o.period);
  const col = requireColumn(input, o.column);
  const byPeriod = new Map<string, number[]>();
  let rows = 0;
  for await (const row of dataRows(input)) {
    rows++;
    const v = cellNumber(input, row, col, { min: o.min, max: o.max });
    if (v === null) continue;
    const p = (row.values[pcol] ?? '').trim();
    if (p === '')
      throw new CliError(`${input.name}: row ${row.line}, column ${o.period}: blank period`);
    const list = byPeriod.get(p) ?? [];
    list.push(v);
    byPeriod.set(p, list);
  }
  if (rows === 0) throw new CliError(`${input.name}: no data rows`);
  if (byPeriod.size === 0)
    throw new CliError(`${input.name}: column ${o.column}: only missing values`);
  const periods = [...byPeriod.keys()].sort(byText);
  if (o.measure === 'mean') {
    const t = meanTrend(periods.map((p) => ({ period: p, values: byPeriod.get(p) ?? [] })));
    return {
      json: { measure: 'mean', column: o.column, ...t },
      tables: [
        {
          name: `Trend of mean ${o.column}`,
          columns: [
            'period',
            'n',
            'mean',
            'ci low',
            'ci high',
            'LCL',
            'UCL',
            'signal',
            'change',
            'p',
          ],
          rows: t.periods.map((p) => [
            p.period,
            p.n,
            p.mean,
            ...ci(p.ci95),
            p.lcl,
            p.ucl,
            p.outOfControl ? 'out of control' : '',
            p.change?.difference ?? null,
            p.change?.p ?? null,
          ]),
        },
      ],
    };
  }
  const threshold = o.max - o.top + 1;
  const t = proportionTrend(
    periods.map((p) => {
      const v = byPeriod.get(p) ?? [];
      return { period: p, n: v.length, successes: v.filter((x) => x >= threshold).length };
    }),
  );
  return {
    json: { measure: 'top-box', column: o.column, threshold, ...t },
    tables: [
      {
        name: `Trend of ${o.column} ≥ ${threshold}`,
        columns: ['period', 'n', 'share', 'LCL', 'UCL', 'signal', 'change', 'p'],
        rows: t.periods.map((p) => [
          p.period,
          p.n,
          p.proportion,
          p.lcl,
          p.ucl,
          p.outOfControl ? 'out of control' : '',
          p.change?.difference ?? null,
          p.change?.p ?? null,
        ]),
      },
    ],
  };
}
