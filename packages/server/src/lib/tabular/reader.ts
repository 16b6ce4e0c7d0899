// Streaming reader for delimited files (CSV / semicolon / tab) from spreadsheets.
// The file is read twice: a cheap byte pass decides the encoding (a 1M-row file may have its
// first non-ASCII byte near the end), then a decoding pass streams records.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { CsvSplitter, CsvSplitterError, type TabularRow } from './csv-splitter';
import {
  detectSeparator,
  hasUtf8Bom,
  type TEncoding,
  type TSeparator,
  Utf8Validator,
} from './detect';

export interface TabularFile {
  encoding: TEncoding | 'xlsx';
  separator: TSeparator | null;
  /** True when numbers may use a decimal comma (semicolon-separated files). */
  decimalComma: boolean;
  warnings: string[];
  header: string[];
  /** Data rows after the header; iterate once. */
  rows: AsyncIterable<TabularRow>;
}

export interface OpenDelimitedOptions {
  separator?: TSeparator;
  encoding?: TEncoding;
  /** Name used in messages (defaults to the file's base name). */
  name?: string;
}

/** A malformed file (e.g. an unterminated quote); carries the line for the message. */
export class TabularError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type Source = string | Uint8Array;

async function* byteChunks(source: Source): AsyncGenerator<Uint8Array> {
  if (typeof source !== 'string') {
    yield source;
    return;
  }
  for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
    yield chunk as Buffer;
  }
}

async function detectEncoding(source: Source): Promise<{ encoding: TEncoding; bom: boolean }> {
  const v = new Utf8Validator();
  let first = true;
  let bom = false;
  for await (const chunk of byteChunks(source)) {
    if (first) bom = hasUtf8Bom(chunk);
    first = false;
    v.push(chunk);
    if (!v.valid) break;
  }
  return { encoding: v.end() ? 'utf-8' : 'windows-1252', bom };
}

async function* textChunks(source: Source, encoding: TEncoding): AsyncGenerator<string> {
  const decoder =
    encoding === 'utf-8'
      ? new TextDecoder('utf-8', { ignoreBOM: false })
      : iconv.getDecoder('win1252');
  for await (const chunk of byteChunks(source)) {
    const s =
      decoder instanceof TextDecoder
        ? decoder.decode(chunk, { stream: true })
        : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (s.length > 0) yield s;
  }
  const tail = decoder instanceof TextDecoder ? decoder.decode() : (decoder.end() ?? '');
  if (tail.length > 0) yield tail;
}

/** Opens a delimited file (path or bytes) and returns its header and a stream of rows. */
export async function openDelimited(
  source: Source,
  options: OpenDelimitedOptions = {},
): Promise<TabularFile> {
  const name = options.name ?? (typeof source === 'string' ? basename(source) : 'input');
  const warnings: string[] = [];
  let encoding = options.encoding;
  if (!encoding) {
    const detected = await detectEncoding(source);
    encoding = detected.encoding;
    if (encoding === 'windows-1252') {
      warnings.push(`${name}: not valid UTF-8; read as Windows-1252`);
    }
  }
  const texts = textChunks(source, encoding);
  // Sniff the separator from the header line before splitting anything.
  let buffered = '';
  let done = false;
  while (!buffered.includes('\n')) {
    const next = await texts.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered += next.value;
  }
  const nl = buffered.indexOf('\n');
  const separator =
    options.separator ?? detectSeparator(nl === -1 ? buffered : buffered.slice(0, nl));
  const records = splitRecords(buffered, done ? null : texts, separator);
  const first = await records.next();
  const header = first.done ? [] : first.value.values.map((h) => h.trim());
  return {
    encoding,
    separator,
    decimalComma: separator === ';',
    warnings,
    header,
    rows: { [Symbol.asyncIterator]: () => records },
  };
}

async function* splitRecords(
  head: string,
  rest: AsyncIterator<string> | null,
  separator: TSeparator,
): AsyncGenerator<TabularRow> {
  const splitter = new CsvSplitter(separator);
  const out: TabularRow[] = [];
  try {
    splitter.push(head, out);
    yield* out;
    out.length = 0;
    if (rest) {
      for (let r = await rest.next(); !r.done; r = await rest.next()) {
        splitter.push(r.value, out);
        yield* out;
        out.length = 0;
      }
    }
    splitter.end(out);
    yield* out;
  } catch (e) {
    if (e instanceof CsvSplitterError) throw new TabularError(e.message, e.line);
    throw e;
  }
}
