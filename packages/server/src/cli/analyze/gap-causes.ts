// `fidelia analyze gap-causes --input FILE`: the staff questionnaire on the organisational causes
// of gaps 1–4. Header: respondent_id, optional role, then `<factor>:<n>` or `<factor>:<n>:r`.
import {
  GAP_CAUSE_FACTORS,
  gapCauses,
  isGapCauseFactor,
  type TGapCauseItem,
  type TGapCauses,
} from '@fidelia/stats';
import { CliError } from '../errors';
import { cellNumber, dataRows, openInput, requireColumn } from './input';
import { ci, type TReport } from './output';

const LIKERT = { min: 1, max: 7 };
const ITEM = /^([a-z_]+):(\d+)(:r)?$/i;

export async function analyzeGapCauses(path: string): Promise<TReport> {
  const input = await openInput(path);
  const id = requireColumn(input, 'respondent_id');
  const role = input.columns.get('role');
  const items: TGapCauseItem[] = [];
  const cols: number[] = [];
  const seen = new Map<string, string>();
  input.file.header.forEach((h, col) => {
    if (col === id || col === role) return;
    const at = `${input.name}: row 1, column ${h || col + 1}`;
    const m = ITEM.exec(h.trim());
    if (!m) throw new CliError(`${at}: expected <factor>:<n> or <factor>:<n>:r`);
    const factor = (m[1] as string).toLowerCase();
    if (!isGapCauseFactor(factor)) {
      throw new CliError(
        `${at}: unknown factor "${m[1]}" (factors: ${Object.keys(GAP_CAUSE_FACTORS).join(', ')})`,
      );
    }
    // teamwork:1 and teamwork:1:r would be the same item asked twice
    const key = `${factor}:${Number(m[2])}`;
    const first = seen.get(key);
    if (first !== undefined) throw new CliError(`${at}: item already in column ${first}`);
    seen.set(key, h);
    items.push({ factor, reverse: m[3] !== undefined });
    cols.push(col);
  });
  if (items.length === 0) throw new CliError(`${input.name}: row 1: no <factor>:<n> columns`);
  const rows: (number | null)[][] = [];
  for await (const row of dataRows(input)) {
    rows.push(cols.map((c) => cellNumber(input, row, c, LIKERT)));
  }
  if (rows.length === 0) throw new CliError(`${input.name}: no data rows`);
  const r = gapCauses(items, rows);
  if (r.n === 0) throw new CliError(`${input.name}: no respondent answered any item`);
  return { json: r, tables: tables(r) };
}

function tables(r: TGapCauses): TReport['tables'] {
  return [
    {
      name: `Gap causes: factors (n = ${r.n})`,
      columns: ['factor', 'gap', 'items', 'n', 'mean', 'sd', 'ci95 low', 'ci95 high', 'alpha'],
      rows: r.factors.map((f) => [
        f.factor,
        f.gap,
        f.items,
        f.n,
        f.mean,
        f.sd,
        ...ci(f.ci95),
        f.alpha,
      ]),
    },
    {
      name: 'Gap causes: gaps',
      columns: ['gap', 'score', 'weakest factor'],
      rows: r.gaps.map((g) => [g.gap, g.score, g.weakest]),
    },
  ];
}
