// `fidelia analyze gap1 --customers FILE --managers FILE`: SERVQUAL gap 1, managers' predictions
// of customers' expectations (M1…M22) against the customers' expectations (E1…E22).
import { gap1, type TGap1 } from '@fidelia/stats';
import { CliError } from '../errors';
import { cellNumber, dataRows, openInput, type TInput } from './input';
import { ci, type TReport } from './output';

const LIKERT = { min: 1, max: 7 };
const ITEMS = Array.from({ length: 22 }, (_, i) => i + 1);

/**
 * Column of item k: `E5` (the SERVQUAL layout) or the survey export's `sq_e.e5`, so that an
 * exported customer file works without renaming.
 */
function itemColumn(input: TInput, letter: 'E' | 'M', k: number): number {
  const names = letter === 'E' ? [`E${k}`, `sq_e.e${k}`] : [`M${k}`];
  for (const n of names) {
    const i = input.columns.get(n.toLowerCase());
    if (i !== undefined) return i;
  }
  const header = input.file.header;
  throw new CliError(
    `${input.name}: row 1: missing column "${letter}${k}" (header: ${header.slice(0, 8).join(',')}${header.length > 8 ? ',…' : ''})`,
  );
}

async function readItems(path: string, letter: 'E' | 'M'): Promise<(number | null)[][]> {
  const input = await openInput(path);
  const cols = ITEMS.map((k) => itemColumn(input, letter, k));
  const rows: (number | null)[][] = [];
  for await (const row of dataRows(input)) {
    rows.push(cols.map((c) => cellNumber(input, row, c, LIKERT)));
  }
  if (rows.length === 0) throw new CliError(`${input.name}: no data rows`);
  return rows;
}

export async function analyzeGap1(customers: string, managers: string): Promise<TReport> {
  const r = gap1(await readItems(customers, 'E'), await readItems(managers, 'M'));
  return { json: r, tables: tables(r) };
}

function tables(r: TGap1): TReport['tables'] {
  return [
    {
      name: `Gap 1 items (customers = ${r.customers}, managers = ${r.managers})`,
      columns: ['item', 'dimension', 'n E', 'n M', 'E', 'M', 'gap M − E', 'ci95 low', 'ci95 high'],
      rows: r.items.map((i) => [
        i.item,
        i.dimension,
        i.nCustomers,
        i.nManagers,
        i.expectation,
        i.prediction,
        i.gap,
        ...ci(i.ci95),
      ]),
    },
    {
      name: 'Gap 1 dimensions',
      columns: ['dimension', 'E', 'M', 'gap M − E'],
      rows: [
        ...r.dimensions.map((d) => [d.dimension, d.expectation, d.prediction, d.gap]),
        ['overall', null, null, r.overall.gap],
      ],
    },
  ];
}
