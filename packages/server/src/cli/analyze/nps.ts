// `fidelia analyze nps` and `fidelia analyze csat`: one score column, optional --group. The
// survey's wide export is read as is: without a `score` column, `nps` (resp. `csat`) is used.
// Groups are listed by name (see analytics/reports.ts), as the API lists them.
import { csatReport, npsCounts, npsReport } from '../../modules/analytics/reports';
import { CliError } from '../errors';
import { cellNumber, dataRows, openInput, requireColumn } from './input';
import { ci, type TReport } from './output';

async function readScores(
  path: string,
  column: string,
  rule: { min: number; max: number; integer: boolean },
  group: string | undefined,
  fallback: string,
): Promise<{ name: string; all: number[]; groups: Map<string, number[]> }> {
  const input = await openInput(path);
  const col = requireColumn(
    input,
    column === 'score' && !input.columns.has('score') && input.columns.has(fallback)
      ? fallback
      : column,
  );
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

export async function analyzeNps(
  path: string,
  opts: { group?: string; column?: string },
): Promise<TReport> {
  const { all, groups } = await readScores(
    path,
    opts.column ?? 'score',
    { min: 0, max: 10, integer: true },
    opts.group,
    'nps',
  );
  const json = npsReport(
    npsCounts(all),
    opts.group === undefined
      ? undefined
      : new Map([...groups].map(([g, s]) => [g, npsCounts(s)] as const)),
  );
  const total = json;
  const byGroup = json.groups ?? [];
  const row = (label: string, r: typeof json) => [
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
        rows: [row('(all)', total), ...byGroup.map((g) => row(g.group, g))],
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
    'csat',
  );
  const json = csatReport(all, opts.scale, opts.top, opts.group === undefined ? undefined : groups);
  const total = json;
  const distribution = json.distribution;
  const byGroup = json.groups ?? [];
  const row = (label: string, r: (typeof byGroup)[number] | typeof json) => [
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
