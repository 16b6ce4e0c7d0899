// Encoding and separator sniffing for delimited files written by spreadsheets.
import { isUtf8 } from 'node:buffer';

export type TEncoding = 'utf-8' | 'windows-1252';
export type TSeparator = ',' | ';' | '\t';

export function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/**
 * Incremental UTF-8 validity check. A chunk may end inside a multi-byte sequence, so the
 * incomplete tail is carried into the next chunk.
 */
export class Utf8Validator {
  private carry: Uint8Array = new Uint8Array(0);
  valid = true;

  push(chunk: Uint8Array): void {
    if (!this.valid) return;
    const buf = this.carry.length > 0 ? concat(this.carry, chunk) : chunk;
    const cut = completePrefix(buf);
    if (!isUtf8(buf.subarray(0, cut))) this.valid = false;
    this.carry = buf.slice(cut);
  }

  end(): boolean {
    if (this.carry.length > 0) this.valid = false;
    return this.valid;
  }
}

/** Length of the prefix that does not end inside a multi-byte sequence. */
function completePrefix(buf: Uint8Array): number {
  const n = buf.length;
  for (let k = n - 1; k >= 0 && k >= n - 4; k--) {
    const b = buf[k] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return k + need > n ? k : n;
  }
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Picks the separator that occurs most often outside quotes in the header line. Ties go to
 * the comma (the CSV default); a single-column file has none and is read with commas.
 */
export function detectSeparator(headerLine: string): TSeparator {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: TSeparator = ',';
  for (const s of [';', '\t'] as const) if (counts[s] > counts[best]) best = s;
  return best;
}
