// Reading analysis input: opens the file, checks the header and turns cells into numbers,
// raising CliError messages that name the file, row (physical line) and column at fault.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
// Imported from the modules, not the tabular barrel: the barrel pulls in exceljs (~0.5 s of
// start-up), which only .xlsx input needs (loaded on demand below).
import type { TabularRow } from '../../lib/tabular/csv-splitter';
import { parseNumber } from '../../lib/tabular/number';
import { openDelimited, TabularError, type TabularFile } from '../../lib/tabular/reader';
import { CliError } from '../errors';

export interface TInput {
  name: string;
  file: TabularFile;
  /** Lower-cased, trimmed header name -> column index. */
  columns: Map<string, number>;
}

export async function openInput(path: string): Promise<TInput> {
  const name = basename(path);
  if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`${path}: file not found`);
  let file: TabularFile;
  try {
    file = path.toLowerCase().endsWith('.xlsx')
      ? await (await import('../../lib/tabular/xlsx')).openXlsx(path)
      : await openDelimited(path);
  } catch (e) {
    if (e instanceof TabularError) throw new CliError(`${name}: row ${e.line}: ${e.message}`);
    throw new CliError(`${name}: cannot read file (${(e as Error).message})`);
  }
  if (file.header.length === 0) throw new CliError(`${name}: empty file (no header row)`);
  for (const w of file.warnings) process.stderr.write(`fidelia: warning: ${w}\n`);
  const columns = new Map<string, number>();
  file.header.forEach((h, i) => {
    const key = h.toLowerCase();
    if (columns.has(key))
      throw new CliError(`${name}: row 1, column ${i + 1}: duplicate column "${h}"`);
    columns.set(key, i);
  });
  return { name, file, columns };
}

/** Index of a required column; the message lists what the header has. */
export function requireColumn(input: TInput, column: string): number {
  const i = input.columns.get(column.toLowerCase());
  if (i === undefined) {
    throw new CliError(
      `${input.name}: row 1: missing column "${column}" (header: ${input.file.header.slice(0, 8).join(',')}${input.file.header.length > 8 ? ',…' : ''})`,
    );
  }
  return i;
}

/** Iterates data rows, turning reader errors into CliErrors and checking the column count. */
export async function* dataRows(input: TInput): AsyncGenerator<TabularRow> {
  const width = input.file.header.length;
  try {
    for await (const row of input.file.rows) {
      if (row.values.length > width) {
        throw new CliError(
          `${input.name}: row ${row.line}: ${row.values.length} columns but the header has ${width}`,
        );
      }
      yield row;
    }
  } catch (e) {
    if (e instanceof TabularError) throw new CliError(`${input.name}: row ${e.line}: ${e.message}`);
    throw e;
  }
}

/** Calls `fn` for every data row; batch iteration keeps the 1M-row SERVQUAL path fast. */
export async function forEachRow(input: TInput, fn: (row: TabularRow) => void): Promise<number> {
  const width = input.file.header.length;
  let count = 0;
  try {
    for await (const batch of input.file.batches) {
      for (const row of batch) {
        if (row.values.length > width) {
          throw new CliError(
            `${input.name}: row ${row.line}: ${row.values.length} columns but the header has ${width}`,
          );
        }
        fn(row);
        count++;
      }
    }
  } catch (e) {
    if (e instanceof TabularError) throw new CliError(`${input.name}: row ${e.line}: ${e.message}`);
    throw e;
  }
  return count;
}

export interface TNumberRule {
  min: number;
  max: number;
  integer?: boolean;
}

/**
 * A cell as number or null (blank = missing). Single-digit cells skip the regex: they are
 * the bulk of a 1M-row SERVQUAL file.
 */
export function cellNumber(
  input: TInput,
  row: TabularRow,
  col: number,
  rule: TNumberRule,
): number | null {
  const raw = row.values[col] ?? '';
  if (raw.length === 0) return null;
  let v: number | null;
  if (raw.length === 1 && raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57) {
    v = raw.charCodeAt(0) - 48;
  } else {
    v = parseNumber(raw, { decimalComma: input.file.decimalComma });
    if (v === null) return null;
    if (Number.isNaN(v)) {
      throw new CliError(
        `${input.name}: row ${row.line}, column ${columnName(input, col)}: "${raw}" is not a number`,
      );
    }
  }
  if (v < rule.min || v > rule.max || (rule.integer && !Number.isInteger(v))) {
    throw new CliError(
      `${input.name}: row ${row.line}, column ${columnName(input, col)}: ${raw.trim()} is out of range (${rule.integer ? 'integer ' : ''}${rule.min}–${rule.max})`,
    );
  }
  return v;
}

export function columnName(input: TInput, col: number): string {
  return input.file.header[col] ?? String(col + 1);
}

/**
 * The survey's wide export (GET /api/surveys/:id/export?shape=wide): keyed by `response_id`
 * with question-key columns (`sq_e.e1`, `nps`, `kano_wifi.functional`…) next to metadata.
 */
export function isSurveyExport(input: TInput): boolean {
  return input.columns.has('response_id') && !input.columns.has('respondent_id');
}
