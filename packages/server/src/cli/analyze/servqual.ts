// `fidelia analyze servqual`: streams the file through ServqualAccumulator (O(items) memory).
// Reads the contract layout (respondent_id,E1..E22,P1..P22[,W_<dimension>]) and the survey's
// wide export (response_id, sq_e.e<k>, sq_p.p<k>, weights.<dimension>; a battery with fewer
// than 22 items leaves the missing items blank).
import { SERVQUAL_DIMENSIONS, ServqualAccumulator, type TServqual } from '@fidelia/stats';
import { servqualJson } from '../../modules/analytics/reports';
import { CliError } from '../errors';
import {
  cellNumber,
  forEachRow,
  isSurveyExport,
  openInput,
  requireColumn,
  type TInput,
} from './input';
import { ci, type TReport } from './output';
import { servqualFastPath } from './servqual-fast';

const LIKERT = { min: 1, max: 7 };
const POINTS = { min: 0, max: 100 };
const WEIGHT_COLUMNS = SERVQUAL_DIMENSIONS.map((d) => `W_${d}`);

/** Hot path: a single digit 1–7 (the vast majority of cells); undefined → full parser. */
function likert(values: readonly string[], col: number): number | undefined {
  const raw = values[col];
  if (raw === undefined || raw.length !== 1) return undefined;
  const d = raw.charCodeAt(0) - 48;
  return d >= 1 && d <= 7 ? d : undefined;
}

export async function analyzeServqual(path: string): Promise<TReport> {
  const input = await openInput(path);
  const exported = isSurveyExport(input) && input.columns.has('sq_e.e1'.toLowerCase());
  const layout = exported
    ? {
        e: (i: number) => input.columns.get(`sq_e.e${i + 1}`) ?? -1,
        p: (i: number) => input.columns.get(`sq_p.p${i + 1}`) ?? -1,
        weights: SERVQUAL_DIMENSIONS.map((d) => `weights.${d}`),
      }
    : {
        e: (i: number) => requireColumn(input, `E${i + 1}`),
        p: (i: number) => requireColumn(input, `P${i + 1}`),
        weights: WEIGHT_COLUMNS,
      };
  if (!exported) requireColumn(input, 'respondent_id');
  const eCols = Array.from({ length: 22 }, (_, i) => layout.e(i));
  const pCols = Array.from({ length: 22 }, (_, i) => layout.p(i));
  const present = layout.weights.filter((w) => input.columns.has(w.toLowerCase()));
  if (present.length > 0 && present.length < 5) {
    throw new CliError(
      `${input.name}: row 1: weight columns must be all of ${layout.weights.join(',')} or none`,
    );
  }
  const wCols = present.length === 5 ? layout.weights.map((w) => requireColumn(input, w)) : null;
  let acc = new ServqualAccumulator();
  let valid = 0;
  const fast = await servqualFastPath(
    path,
    input,
    { e: eCols, p: pCols, w: wCols },
    { likert: LIKERT, points: POINTS },
    {
      row(e, p, w) {
        for (let i = 0; i < 22; i++) if (!Number.isNaN(e[i]) && !Number.isNaN(p[i])) valid++;
        acc.push(e, p, w);
      },
    },
  );
  if (fast !== 'ok') {
    // Quoted fields or Windows-1252: the general reader (fresh accumulator, same results).
    acc = new ServqualAccumulator();
    valid = 0;
    const generic = fast === 'quoted' ? await openInput(path) : input;
    await genericRows(generic, acc, eCols, pCols, wCols, (n) => {
      valid += n;
    });
  }
  const r = acc.result();
  if (r.n === 0) throw new CliError(`${input.name}: no data rows`);
  if (valid === 0) {
    throw new CliError(
      `${input.name}: no respondent has both E and P for any item (only missing values)`,
    );
  }
  return { json: contractJson(r), tables: tables(r) };
}

async function genericRows(
  input: TInput,
  acc: ServqualAccumulator,
  eCols: number[],
  pCols: number[],
  wCols: number[] | null,
  addValid: (n: number) => void,
): Promise<void> {
  const e = new Array<number | null>(22);
  const p = new Array<number | null>(22);
  const w = new Array<number | null>(5);
  await forEachRow(input, (row) => {
    let valid = 0;
    for (let i = 0; i < 22; i++) {
      e[i] =
        likert(row.values, eCols[i] as number) ??
        cellNumber(input, row, eCols[i] as number, LIKERT);
      p[i] =
        likert(row.values, pCols[i] as number) ??
        cellNumber(input, row, pCols[i] as number, LIKERT);
      if (e[i] !== null && p[i] !== null) valid++;
    }
    addValid(valid);
    let weights: (number | null)[] | null = null;
    if (wCols) {
      for (let j = 0; j < 5; j++) w[j] = cellNumber(input, row, wCols[j] as number, POINTS);
      weights = w;
    }
    acc.push(e, p, weights);
  });
}

/** Exactly the published JSON shape (extras such as alpha intervals go to the tables only). */
const contractJson = (r: TServqual): unknown => servqualJson(r);

function tables(r: TServqual): TReport['tables'] {
  return [
    {
      name: `SERVQUAL items (n = ${r.n})`,
      columns: ['item', 'dimension', 'n', 'E', 'P', 'gap', 'ci95 low', 'ci95 high'],
      rows: r.items.map((i) => [
        i.item,
        i.dimension,
        i.n,
        i.expectation,
        i.perception,
        i.gap,
        ...ci(i.ci95),
      ]),
    },
    {
      name: 'SERVQUAL dimensions',
      columns: [
        'dimension',
        'E',
        'P (SERVPERF)',
        'gap',
        'weight',
        'alpha P',
        'alpha low',
        'alpha high',
      ],
      rows: r.dimensions.map((d) => [
        d.dimension,
        d.expectation,
        d.perception,
        d.gap,
        d.weight,
        d.alphaPerception,
        ...ci(d.alphaPerceptionCi95),
      ]),
    },
    {
      name: 'SERVQUAL overall',
      columns: ['measure', 'value'],
      rows: [
        ['gap', r.overall.gap],
        ['weighted gap', r.overall.weightedGap],
        ['SERVPERF', r.overall.servperf],
      ],
    },
  ];
}
