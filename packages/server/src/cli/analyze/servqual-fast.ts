// Byte-level fast path of `fidelia analyze servqual` for unquoted UTF-8 delimited files (what
// survey tools and the benchmark produce). It scans the raw bytes once, turns single-digit
// cells into numbers without creating a string per cell, and hands every other non-blank cell
// (decimals, spaces, out-of-range or non-numeric text) to the same `cellNumber` as the general
// path, so values and error messages (file, row, column) are identical. The first double
// quote anywhere makes it give up ('quoted'): the caller then re-reads the file with the
// general RFC 4180 reader, which handles quoted separators and newlines.
import { createReadStream } from 'node:fs';
import type { TabularRow } from '../../lib/tabular/csv-splitter';
import { CliError } from '../errors';
import { cellNumber, type TInput, type TNumberRule } from './input';

const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface TServqualSink {
  /** e and p: 22 values each, NaN = missing; w: 5 weights or null. */
  row(e: Float64Array, p: Float64Array, w: Float64Array | null): void;
}

/**
 * Streams `path` (already opened as `input` for header/encoding/separator detection) into
 * `sink`. Returns 'ok', 'quoted' (caller must fall back) or 'ineligible'.
 */
export async function servqualFastPath(
  path: string,
  input: TInput,
  cols: { e: number[]; p: number[]; w: number[] | null },
  rules: { likert: TNumberRule; points: TNumberRule },
  sink: TServqualSink,
): Promise<'ok' | 'quoted' | 'ineligible'> {
  const f = input.file;
  if (f.encoding !== 'utf-8' || f.separator === null) return 'ineligible';
  const sep = f.separator.charCodeAt(0);
  const width = f.header.length;
  // role[c]: 0..21 E item, 22..43 P item, 44..48 weight, −1 ignored. A column index of −1
  // (an item the survey export does not have) stays missing.
  const role = new Int16Array(width).fill(-1);
  cols.e.forEach((c, i) => {
    if (c >= 0) role[c] = i;
  });
  cols.p.forEach((c, i) => {
    if (c >= 0) role[c] = 22 + i;
  });
  cols.w?.forEach((c, j) => {
    role[c] = 44 + j;
  });
  const e = new Float64Array(22);
  const p = new Float64Array(22);
  const w = cols.w ? new Float64Array(5) : null;
  let line = 0; // physical line of the record being parsed (header = 1)
  let headerDone = false;
  let carry: Buffer | null = null;

  const slow = (buf: Buffer, s: number, end: number, col: number, rule: TNumberRule): number => {
    const values: string[] = [];
    values[col] = buf.toString('utf8', s, end);
    const row: TabularRow = { line, values };
    return cellNumber(input, row, col, rule) ?? Number.NaN;
  };

  /** Parses complete lines of buf[0, limit); returns where the unfinished line starts. */
  const parse = (buf: Buffer, limit: number): number | 'quoted' => {
    let pos = 0;
    while (pos < limit) {
      const nl = buf.indexOf(LF, pos);
      if (nl === -1 || nl >= limit) break;
      line++;
      let end = nl;
      if (end > pos && buf[end - 1] === CR) end--;
      if (!headerDone) {
        headerDone = true;
        pos = nl + 1;
        continue;
      }
      if (end === pos) {
        pos = nl + 1; // blank line: not a record
        continue;
      }
      e.fill(Number.NaN);
      p.fill(Number.NaN);
      w?.fill(Number.NaN);
      let field = 0;
      let s = pos;
      for (let j = pos; j <= end; j++) {
        const c = j < end ? (buf[j] as number) : sep;
        if (c !== sep) continue;
        if (field >= width) {
          // Fields so far, plus the one after this separator and any further ones.
          let count = field + 1;
          if (j < end) count++;
          for (let k = j + 1; k < end; k++) if (buf[k] === sep) count++;
          throw new CliError(
            `${input.name}: row ${line}: ${count} columns but the header has ${width}`,
          );
        }
        const r = role[field] as number;
        const len = j - s;
        if (r >= 0 && len > 0) {
          if (r < 44) {
            const d = (buf[s] as number) - 48;
            const v = len === 1 && d >= 1 && d <= 7 ? d : slow(buf, s, j, field, rules.likert);
            if (r < 22) e[r] = v;
            else p[r - 22] = v;
          } else if (w) {
            let v = 0;
            let digits = len <= 3;
            for (let k = s; digits && k < j; k++) {
              const d = (buf[k] as number) - 48;
              if (d < 0 || d > 9) digits = false;
              else v = v * 10 + d;
            }
            w[r - 44] = digits && v <= 100 ? v : slow(buf, s, j, field, rules.points);
          }
        }
        field++;
        s = j + 1;
      }
      sink.row(e, p, w);
      pos = nl + 1;
    }
    return pos;
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 18 })) {
    let buf = chunk as Buffer;
    if (carry) buf = Buffer.concat([carry, buf]);
    if (line === 0 && !headerDone && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
      buf = buf.subarray(3);
    // One memchr per chunk instead of a test per byte.
    if (buf.indexOf(QUOTE) !== -1) return 'quoted';
    const r = parse(buf, buf.length);
    if (r === 'quoted') return 'quoted';
    carry = r < buf.length ? Buffer.from(buf.subarray(r)) : null;
  }
  if (carry && carry.length > 0) {
    // Last line without a newline.
    const buf = Buffer.concat([carry, Buffer.from([LF])]);
    const r = parse(buf, buf.length);
    if (r === 'quoted') return 'quoted';
  }
  return 'ok';
}
