// The one row loop of every file import (customers, retention transactions, survey responses):
//   streamed rows → `validate` (the module's mapping and row rules; a typed rejection or an
//   accepted value) → batches of `batchSize` → the module's `write` (its SQL: writes the accepted
//   rows, may reject more rows it only now can judge — unknown or erased customers, answers
//   stored differently — and stores the batch's rejections, usually in one transaction) →
//   `progress` → a setImmediate turn.
// A batch is flushed when it holds `batchSize` accepted rows or `batchSize` rejections, and once
// more at the end (even empty, so the last progress is always reported). Counts of what was
// written (inserted, updated, unchanged) stay with the module's writer; the pipeline counts the
// rows read and the rows rejected (a row with several rejected cells counts once).
// PGlite runs in the server's thread and settles its promises as microtasks: without the
// setImmediate turn per batch a large import would starve HTTP requests (the progress polling).
import type { TabularRow } from '../tabular';

/** One rejected cell of one row: the downloadable report's line. */
export interface TRejection {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** What `validate` answers for a row: accepted, rejected (one or more cells), or `null` for
 *  a row that is not one (counted as neither). */
export type TRowVerdict<T> =
  | { ok: true; value: T }
  | { ok: false; rejections: TRejection[] }
  | null;

export interface TAccepted<T> {
  /** The row's line in the file (the report's row number). */
  line: number;
  value: T;
  /** The row's cells as read (for a rejection that quotes a cell). */
  values: readonly string[];
}

export interface TBatch<T> {
  rows: TAccepted<T>[];
  /** The batch's rejections so far; `reject` adds the writer's own. The writer stores them all. */
  rejections: TRejection[];
  /** Rejects one more row at write time (counted once, however many cells). */
  reject(rejections: TRejection[]): void;
}

export interface TPipelineCounts {
  processed: number;
  rejected: number;
}

export interface TPipelineOptions<T> {
  /** The file's rows in read batches (`TabularFile.batches`, or `inBatches(rows)`). */
  batches: AsyncIterable<readonly TabularRow[]>;
  /** Rows whose cells are all blank (trailing spreadsheet lines) are not rows. */
  skipBlankRows: boolean;
  validate: (row: TabularRow) => TRowVerdict<T>;
  batchSize: number;
  write: (batch: TBatch<T>) => Promise<void>;
  /** After each written batch (and the last one). */
  progress?: (counts: TPipelineCounts) => Promise<void> | void;
}

export async function runPipeline<T>(o: TPipelineOptions<T>): Promise<TPipelineCounts> {
  const counts: TPipelineCounts = { processed: 0, rejected: 0 };
  let rows: TAccepted<T>[] = [];
  let rejections: TRejection[] = [];
  const flush = async () => {
    const batch: TBatch<T> = {
      rows,
      rejections,
      reject(rs) {
        batch.rejections.push(...rs);
        counts.rejected++;
      },
    };
    rows = [];
    rejections = [];
    await o.write(batch);
    await o.progress?.({ ...counts });
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for await (const read of o.batches) {
    for (const row of read) {
      if (o.skipBlankRows && row.values.every((v) => v.trim() === '')) continue;
      const v = o.validate(row);
      if (v === null) continue;
      counts.processed++;
      if (v.ok) rows.push({ line: row.line, value: v.value, values: row.values });
      else {
        rejections.push(...v.rejections);
        counts.rejected++;
      }
      if (rows.length >= o.batchSize || rejections.length >= o.batchSize) await flush();
    }
  }
  await flush();
  return counts;
}

/** Read batches of `size` rows from a row stream (for callers that hold rows, not batches). */
export async function* inBatches(
  rows: AsyncIterable<TabularRow> | Iterable<TabularRow>,
  size = 500,
): AsyncGenerator<TabularRow[]> {
  let b: TabularRow[] = [];
  for await (const r of rows) {
    b.push(r);
    if (b.length >= size) {
      yield b;
      b = [];
    }
  }
  if (b.length) yield b;
}
