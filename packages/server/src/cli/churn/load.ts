// Reading a churn file: one row per contract customer, a 0/1 (Yes/No) target column, any number
// of attribute columns. Numeric columns are those whose every non-blank cell is a number
// (decimal comma understood for semicolon files); the rest are categorical.

import type { TChurnFeature, TChurnRecord } from '@fidelia/stats';
import { parseNumber } from '../../lib/tabular/number';
import { dataRows, openInput, requireColumn } from '../analyze/input';
import { CliError } from '../errors';

export interface TChurnLoadOptions {
  /** Target column; required for fitting, absent for prediction files. */
  target?: string;
  /** Keep columns that are entirely blank (prediction: the model imputes them). */
  keepEmpty?: boolean;
  positive?: string;
  id?: string;
  exclude?: string;
  numeric?: string;
  categorical?: string;
}

export interface TChurnFile {
  name: string;
  features: TChurnFeature[];
  records: TChurnRecord[];
  ids: string[];
  /** 0/1 per record; −1 when the target is blank or absent (prediction files). */
  target: number[];
  positive: string | null;
}

const POSITIVE = ['yes', 'sí', 'si', '1', 'true', 'y', 's'];
const NEGATIVE = ['no', '0', 'false', 'n'];
const MAX_LEVELS = 100;

const list = (s?: string) =>
  (s ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);

export async function loadChurnFile(path: string, o: TChurnLoadOptions): Promise<TChurnFile> {
  const input = await openInput(path);
  const header = input.file.header;
  const targetCol = o.target === undefined ? -1 : requireColumn(input, o.target);
  const idCol = o.id
    ? requireColumn(input, o.id)
    : header.findIndex((h) => /^(customer_?)?id$/i.test(h.trim()));
  const excluded = new Set(list(o.exclude));
  for (const e of excluded)
    if (!input.columns.has(e))
      throw new CliError(`${input.name}: row 1: --exclude names no column "${e}"`);
  const forcedNum = new Set(list(o.numeric));
  const forcedCat = new Set(list(o.categorical));
  const cols = header
    .map((h, j) => ({ h, j }))
    .filter(({ h, j }) => j !== targetCol && j !== idCol && !excluded.has(h.toLowerCase()));
  const cells: string[][] = [];
  const lines: number[] = [];
  for await (const row of dataRows(input)) {
    cells.push(header.map((_, j) => (row.values[j] ?? '').trim()));
    lines.push(row.line);
  }
  if (cells.length === 0) throw new CliError(`${input.name}: no data rows`);
  const dec = { decimalComma: input.file.decimalComma };
  const features: TChurnFeature[] = [];
  for (const { h, j } of cols) {
    const key = h.toLowerCase();
    let numeric = !forcedCat.has(key);
    let present = 0;
    if (numeric) {
      for (let r = 0; r < cells.length; r++) {
        const v = cells[r]?.[j] ?? '';
        if (v === '') continue;
        present++;
        const n = parseNumber(v, dec);
        if (n === null || Number.isNaN(n)) {
          if (forcedNum.has(key))
            throw new CliError(
              `${input.name}: row ${lines[r]}, column ${h}: "${v}" is not a number`,
            );
          numeric = false;
          break;
        }
      }
    }
    if (numeric && present === 0 && !o.keepEmpty) {
      process.stderr.write(`fidelia: warning: column ${h} is empty; left out\n`);
      continue;
    }
    if (!numeric) {
      const levels = new Set(cells.map((c) => c[j] ?? ''));
      if (levels.size > MAX_LEVELS && !forcedCat.has(key)) {
        process.stderr.write(
          `fidelia: warning: column ${h} has ${levels.size} distinct text values (an id?); left out (use --categorical to keep it)\n`,
        );
        continue;
      }
    }
    features.push({ name: h, kind: numeric ? 'numeric' : 'categorical' });
  }
  if (features.length === 0) throw new CliError(`${input.name}: no attribute columns to model`);
  const featureCols = cols.filter(({ h }) => features.some((f) => f.name === h));
  const records: TChurnRecord[] = cells.map((c) => {
    const rec: Record<string, number | string | null> = {};
    featureCols.forEach(({ h, j }, k) => {
      const v = c[j] ?? '';
      if (v === '') rec[h] = null;
      else rec[h] = features[k]?.kind === 'numeric' ? parseNumber(v, dec) : v;
    });
    return rec;
  });
  // Target labels.
  const target = new Array<number>(cells.length).fill(-1);
  let positive: string | null = null;
  if (targetCol >= 0) {
    const values = [...new Set(cells.map((c) => c[targetCol] ?? '').filter((v) => v !== ''))];
    if (o.positive !== undefined) positive = o.positive;
    else {
      positive = values.find((v) => POSITIVE.includes(v.toLowerCase())) ?? null;
      if (values.length > 0 && positive === null)
        throw new CliError(
          `${input.name}: column ${header[targetCol]}: cannot tell which value means churn (${values.slice(0, 5).join(', ')}); use --positive`,
        );
    }
    const pos = positive?.toLowerCase();
    const negatives = new Set(
      values.filter((v) => v.toLowerCase() !== pos).map((v) => v.toLowerCase()),
    );
    if (negatives.size > 1) {
      const bad = [...negatives].find((v) => !NEGATIVE.includes(v)) ?? [...negatives][1];
      const r = cells.findIndex((c) => (c[targetCol] ?? '').toLowerCase() === bad);
      throw new CliError(
        `${input.name}: row ${lines[r]}, column ${header[targetCol]}: "${cells[r]?.[targetCol]}" is neither "${positive}" nor the other class (the target must have two values)`,
      );
    }
    cells.forEach((c, r) => {
      const v = (c[targetCol] ?? '').toLowerCase();
      if (v !== '') target[r] = v === pos ? 1 : 0;
    });
  }
  const ids = cells.map((c, r) => (idCol >= 0 ? (c[idCol] ?? '') : String(lines[r])));
  return { name: input.name, features, records, ids, target, positive };
}
