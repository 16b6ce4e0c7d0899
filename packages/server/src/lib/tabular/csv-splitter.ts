// Incremental RFC 4180-style record splitter. We do our own splitting (rather than csv-parse)
// because the hot path of `fidelia analyze servqual` is 1M rows × 50 cells and a tight
// charCode loop is several times faster; it also lets us report the physical line of a record.

export interface TabularRow {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  values: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvSplitterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export class CsvSplitter {
  private rest = '';
  private line = 1;
  private readonly sep: number;
  // Width of the previous record: arrays are preallocated to it (saves regrowth per row).
  private width = 0;

  constructor(separator: string) {
    this.sep = separator.charCodeAt(0);
  }

  /** Feeds decoded text; complete records are appended to `out`. */
  push(chunk: string, out: TabularRow[]): void {
    this.parse(this.rest.length > 0 ? this.rest + chunk : chunk, false, out);
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(out: TabularRow[]): void {
    this.parse(this.rest, true, out);
    this.rest = '';
  }

  private parse(text: string, final: boolean, out: TabularRow[]): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const startLine = this.line;
      const rec = this.record(text, i, final);
      if (rec === null) break; // incomplete: keep for the next chunk
      this.line += rec.newlines;
      i = rec.next;
      // A blank line is not a record (Excel exports often end with one).
      if (!(rec.values.length === 1 && rec.values[0] === '' && !rec.quoted)) {
        out.push({ line: startLine, values: rec.values });
      }
    }
    this.rest = i < n ? text.slice(i) : '';
  }

  /** Parses one record from `pos`; null when the text ends before the record does. */
  private record(
    text: string,
    pos: number,
    final: boolean,
  ): { values: string[]; next: number; newlines: number; quoted: boolean } | null {
    const n = text.length;
    const sep = this.sep;
    const values = new Array<string>(this.width);
    let count = 0;
    let newlines = 0;
    let quoted = false;
    for (;;) {
      let value: string;
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        quoted = true;
        value = '';
        let p = pos + 1;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q === -1) {
            if (!final) return null;
            throw new CsvSplitterError('unterminated quoted field', this.line + newlines);
          }
          if (q + 1 >= n && !final) return null; // cannot tell "" from a closing quote yet
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(p, q + 1);
            p = q + 2;
            continue;
          }
          value += text.slice(p, q);
          p = q + 1;
          break;
        }
        newlines += countLf(value);
        // Lenient: characters between the closing quote and the separator are kept.
        let j = p;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === LF) break;
          j++;
        }
        if (j === n && !final) return null;
        if (j > p) value += stripCr(text.slice(p, j), j < n && text.charCodeAt(j) === LF);
        pos = j;
      } else {
        let j = pos;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === LF) break;
          j++;
        }
        if (j === n && !final) return null;
        value = stripCr(text.slice(pos, j), j === n || text.charCodeAt(j) === LF);
        pos = j;
      }
      values[count++] = value;
      if (pos >= n) return this.done(values, count, pos, newlines, quoted);
      if (text.charCodeAt(pos) === sep) {
        pos++;
        if (pos >= n && !final) return null;
        if (pos >= n) {
          values[count++] = '';
          return this.done(values, count, pos, newlines, quoted);
        }
        continue;
      }
      // LF
      return this.done(values, count, pos + 1, newlines + 1, quoted);
    }
  }

  private done(values: string[], count: number, next: number, newlines: number, quoted: boolean) {
    values.length = count;
    this.width = count;
    return { values, next, newlines, quoted };
  }
}

function stripCr(s: string, atEol: boolean): string {
  return atEol && s.length > 0 && s.charCodeAt(s.length - 1) === CR ? s.slice(0, -1) : s;
}

function countLf(s: string): number {
  let k = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) k++;
  return k;
}
