// `fidelia analyze nps` and `fidelia analyze csat`: one score column, optional --group.
import { csat, npsFromCounts, type TCsat, type TNps } from '@fidelia/stats';
import { CliError } from '../errors';
import { cellNumber, dataRows, openInput, requireColumn } from './input';
import { ci, type TReport } from './output';

async function readScores(
  path: string,
  column: string,
  rule: { min: number; max: number; integer: boolean },
  group?: string,
): Promise<{ name: string; all: number[]; groups: Map<string, number[]> }> {
  const input = await openInput(path);
  const col = requireColumn(input, column);
  const gcol = group === undefined ? -1 : requireColumn(input, group);
  const all: number[] = [];
  const groups = new Map<string, number[]>();
  let rows = 0;
  for await (const row of dataRows(input)) {
    rows++;
    const s = cellNumber(input, row, col, rule);
    if (s === null) continue;
    all.push(s);
    if (gcol >= 0) {
      const g = (row.values[gcol] ?? '').trim();
      const list = groups.get(g) ?? [];
      list.push(s);
      groups.set(g, list);
    }
  }
  if (rows === 0) throw new CliError(`${input.name}: no data rows`);
  if (all.length === 0) throw new CliError(`${input.name}: column ${column}: only missing values`);
  return { name: input.name, all, groups };
}

function npsOf(scores: readonly number[]): TNps {
  let p = 0;
  let pa = 0;
  let d = 0;
  for (const s of scores) {
    if (s >= 9) p++;
    else if (s >= 7) pa++;
    else d++;
  }
  return npsFromCounts(p, pa, d);
}

const npsJson = (r: TNps) => ({
  n: r.n,
  promoters: r.promoters,
  passives: r.passives,
  detractors: r.detractors,
  nps: r.nps,
  ci95: r.ci95,
});

export async function analyzeNps(
  path: string,
  opts: { group?: string; column?: string },
): Promise<TReport> {
  const { all, groups } = await readScores(
    path,
    opts.column ?? 'score',
    { min: 0, max: 10, integer: true },
    opts.group,
  );
  const total = npsOf(all);
  const byGroup = [...groups.entries()].map(([group, s]) => ({ group, ...npsJson(npsOf(s)) }));
  const json: Record<string, unknown> = npsJson(total);
  if (opts.group !== undefined) json.groups = byGroup;
  const row = (label: string, r: ReturnType<typeof npsJson>) => [
    label,
    r.n,
    r.promoters,
    r.passives,
    r.detractors,
    r.nps,
    ...ci(r.ci95),
  ];
  return {
    json,
    tables: [
      {
        name: 'NPS',
        columns: [
          'group',
          'n',
          'promoters',
          'passives',
          'detractors',
          'NPS',
          'ci95 low',
          'ci95 high',
        ],
        rows: [row('(all)', npsJson(total)), ...byGroup.map((g) => row(g.group, g))],
      },
    ],
  };
}

export async function analyzeCsat(
  path: string,
  opts: { group?: string; column?: string; scale: number; top: number },
): Promise<TReport> {
  if (
    !(Number.isInteger(opts.scale) && opts.scale >= 2) ||
    !(Number.isInteger(opts.top) && opts.top >= 1 && opts.top < opts.scale)
  ) {
    throw new CliError(
      '--scale must be an integer ≥ 2 and --top an integer between 1 and scale − 1',
    );
  }
  const { all, groups } = await readScores(
    path,
    opts.column ?? 'score',
    { min: 1, max: opts.scale, integer: true },
    opts.group,
  );
  const shape = (r: TCsat) => ({
    n: r.n,
    satisfied: r.satisfied,
    csat: r.csat,
    ci95: r.ci95,
    mean: r.mean,
  });
  const distribution = Array.from(
    { length: opts.scale },
    (_, i) => all.filter((s) => s === i + 1).length,
  );
  const byGroup = [...groups.entries()].map(([group, s]) => ({
    group,
    ...shape(csat(s, opts.scale, opts.top)),
  }));
  const total = shape(csat(all, opts.scale, opts.top));
  const json: Record<string, unknown> = {
    scale: opts.scale,
    top: opts.top,
    ...total,
    distribution,
  };
  if (opts.group !== undefined) json.groups = byGroup;
  const row = (label: string, r: ReturnType<typeof shape>) => [
    label,
    r.n,
    r.satisfied,
    r.csat,
    ...ci(r.ci95),
    r.mean,
  ];
  return {
    json,
    tables: [
      {
        name: `CSAT (top ${opts.top} of 1–${opts.scale})`,
        columns: ['group', 'n', 'satisfied', 'CSAT', 'ci95 low', 'ci95 high', 'mean'],
        rows: [row('(all)', total), ...byGroup.map((g) => row(g.group, g))],
      },
      {
        name: 'CSAT distribution',
        columns: ['score', 'count'],
        rows: distribution.map((c, i) => [i + 1, c]),
      },
    ],
  };
}
