// Streamed CSV and XLSX downloads (issue 11, "exports stream"): rows are written as their batch
// is read, the reader's pace and the XLSX compressor's respected, so a download holds one batch
// in memory however many rows it has. Every cell, the header's too, goes through the formula
// neutraliser here (again is harmless: a neutralised cell starts with '), and the event loop
// gets a turn after each batch (`turn`).
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvText } from './csv-write';
import { neutralise, neutraliseRow } from './neutralise';

export type TCell = string | number | boolean | Date | null;

/** PGlite runs in this thread and settles its promises as microtasks: without a macrotask turn
 *  between batches, HTTP requests (health, other users) would wait for the whole export. */
const turn = () => new Promise((r) => setImmediate(r));

/** CSV with a byte-order mark (Excel reads it as UTF-8): the header, then every batch. */
export function csvStream(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly unknown[])[]>,
): Readable {
  // One batch read ahead at most (the default is 16): what waits for a slow reader is held
  // across garbage collections, and the heap grows with what survives them.
  return Readable.from(
    (async function* () {
      yield `\ufeff${csvText([header], neutralise)}`;
      for await (const rows of batches) {
        yield csvText(rows, neutralise);
        await turn();
      }
    })(),
    { highWaterMark: 1 },
  );
}

/** Waits while the reader has not taken what was written (back-pressure on a PassThrough). */
export async function drained(out: PassThrough) {
  while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain');
}

type TNodeStream = NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } };

/**
 * Waits while the zip has not compressed what the sheet wrote. ExcelJS's streaming sheet hands
 * each committed row to the zip entry's input stream without looking at its back-pressure, so
 * rows made faster than the compressor (zlib, on another thread) takes them queued the sheet's
 * uncompressed XML in memory: ≈ 90 MB of buffers at the end of a 200,000-response export, and
 * the server's peak RSS with them. The entry stream is an ExcelJS/archiver internal (the sheet
 * stream's `pipes`, readable-stream 2 writables): when it is not there, nothing is waited for.
 */
export async function deflated(ws: unknown, out: PassThrough) {
  const pipes = (ws as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return;
  for (const p of pipes as TNodeStream[])
    while (p._writableState?.needDrain && !out.destroyed)
      await new Promise<void>((done) => {
        const go = () => {
          p.off('drain', go);
          out.off('close', go);
          done();
        };
        p.once('drain', go);
        out.once('close', go);
      });
}

export interface TSheet {
  name: string;
  header: readonly string[];
  rows: AsyncIterable<readonly (readonly TCell[])[]>;
  /** keep the header row in view while scrolling */
  frozenHeader?: boolean;
}

/**
 * An XLSX of these sheets, written in order as their rows are read. Styles are on: they carry
 * the date format (without them a date cell shows as a serial number). An error after the
 * first byte destroys the stream, which cuts the download short rather than leaving a
 * truncated file that looks whole.
 */
export function xlsxStream(sheets: readonly TSheet[]): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  (async () => {
    for (const s of sheets) {
      const ws = wb.addWorksheet(
        s.name,
        s.frozenHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : {},
      );
      const head = ws.addRow(neutraliseRow(s.header));
      head.font = { bold: true };
      head.commit();
      for await (const rows of s.rows) {
        // The reader went away (download cancelled): stop reading the database.
        if (out.destroyed) return;
        for (const r of rows) ws.addRow(neutraliseRow(r)).commit();
        await deflated(ws, out);
        await drained(out);
        await turn();
      }
      ws.commit();
    }
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
