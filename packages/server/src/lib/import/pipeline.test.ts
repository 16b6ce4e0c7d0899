import { describe, expect, it } from 'vitest';
import type { TabularRow } from '../tabular';
import { inBatches, runPipeline, type TBatch, type TRowVerdict } from './pipeline';

const row = (line: number, ...values: string[]): TabularRow => ({ line, values });

// Cells: a number, or a rejected row ("bad"), or "late" (accepted, rejected by the writer).
function setup(rows: TabularRow[], batchSize: number, skipBlankRows = true) {
  const written: Array<{ lines: number[]; rejected: string[] }> = [];
  const progress: Array<{ processed: number; rejected: number }> = [];
  const validate = (r: TabularRow): TRowVerdict<number> =>
    r.values[0] === 'bad'
      ? {
          ok: false,
          rejections: [
            { row: r.line, column: 'a', value: 'bad', reason: 'bad' },
            { row: r.line, column: 'b', value: '', reason: 'also' },
          ],
        }
      : r.values[0] === 'skip'
        ? null
        : { ok: true, value: Number(r.values[0]) };
  const write = async (b: TBatch<number>) => {
    for (const r of b.rows)
      if (r.values[0] === 'late')
        b.reject([{ row: r.line, column: 'a', value: 'late', reason: 'late' }]);
    written.push({
      lines: b.rows.map((r) => r.line),
      rejected: b.rejections.map((x) => `${x.row}:${x.reason}`),
    });
  };
  const run = () =>
    runPipeline({
      batches: inBatches(rows, 2),
      skipBlankRows,
      validate,
      batchSize,
      write,
      progress: (c) => void progress.push(c),
    });
  return { run, written, progress };
}

describe('import pipeline', () => {
  it('batches accepted rows, hands rejections to the writer and counts rows, not cells', async () => {
    const s = setup(
      [row(2, '1'), row(3, 'bad'), row(4, '2'), row(5, 'late'), row(6, '3'), row(7, 'skip')],
      3,
    );
    const counts = await s.run();
    // Flush at 3 accepted rows (lines 2, 4, 5; the writer rejects 5), then the last one (6).
    expect(s.written).toEqual([
      { lines: [2, 4, 5], rejected: ['3:bad', '3:also', '5:late'] },
      { lines: [6], rejected: [] },
    ]);
    expect(counts).toEqual({ processed: 5, rejected: 2 });
    expect(s.progress).toEqual([
      { processed: 4, rejected: 2 },
      { processed: 5, rejected: 2 },
    ]);
  });

  it('flushes on rejections alone and skips blank rows only when asked', async () => {
    const rows = [row(2, 'bad'), row(3, ' ', ''), row(4, 'bad'), row(5, '1')];
    const a = setup(rows, 3);
    expect(await a.run()).toEqual({ processed: 3, rejected: 2 });
    // 2 rejected rows = 4 rejections ≥ 3: the first batch leaves with no accepted row.
    expect(a.written[0]).toEqual({ lines: [], rejected: ['2:bad', '2:also', '4:bad', '4:also'] });
    const b = setup(rows, 3, false);
    // The blank row is a row (Number(' ') = 0 is accepted here).
    expect(await b.run()).toEqual({ processed: 4, rejected: 2 });
    expect(b.written.flatMap((w) => w.lines)).toEqual([3, 5]);
  });

  it('regroups a row stream in batches of the given size', async () => {
    const sizes: number[] = [];
    for await (const b of inBatches([row(1), row(2), row(3), row(4), row(5)], 2))
      sizes.push(b.length);
    expect(sizes).toEqual([2, 2, 1]);
  });
});
