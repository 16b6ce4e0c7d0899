// The streamed downloads' helpers: every cell neutralised (header included), batches in order,
// sheets in order, and a failure after the first byte destroys the stream instead of ending a
// file that looks whole.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvStream, xlsxStream } from './stream';

async function* batches<T>(...bs: T[][]) {
  for (const b of bs) yield b;
}

/** 1,000 one-row batches, counting how many were pulled. */
function counted() {
  const c = { pulled: 0 };
  const rows = (async function* () {
    for (let i = 0; i < 1000; i++) {
      c.pulled++;
      yield [[`fila ${i}`]];
      await new Promise((r) => setImmediate(r));
    }
  })();
  return { c, rows };
}

/** One batch, then the database fails. */
async function* failing() {
  yield [['ok']];
  throw new Error('database gone');
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

const read = async (r: AsyncIterable<unknown>) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
};

describe('csvStream', () => {
  it('writes a BOM, the header and each batch, neutralising text cells', async () => {
    const s = await read(
      csvStream(
        ['=h', 'n'],
        batches(
          [['=cmd', -1]],
          [
            ['a,b', null],
            ['+x', 2.5],
          ],
        ),
      ),
    );
    expect(s.toString()).toBe("\ufeff'=h,n\n'=cmd,-1\n\"a,b\",\n'+x,2.5\n");
  });

  it('destroys the stream when a batch fails', async () => {
    await expect(read(csvStream(['h'], failing()))).rejects.toThrow('database gone');
  });

  it('stops reading when the reader goes away', async () => {
    const { c, rows } = counted();
    const out = csvStream(['h'], rows);
    out.once('data', () => out.destroy());
    out.resume();
    await ticks(20);
    expect(c.pulled).toBeLessThan(4);
  });
});

describe('xlsxStream', () => {
  it('writes the sheets in order, bold headers, neutralised cells, dates as dates', async () => {
    const at = new Date('2026-05-01T10:00:00Z');
    const buf = await read(
      xlsxStream([
        { name: 'Uno', header: ['a', 'b'], rows: batches([['@x', at]], [['y', 3]]) },
        { name: 'Dos', header: ['-c'], rows: batches([[true]]) },
      ]),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Uno', 'Dos']);
    const [one, two] = wb.worksheets;
    expect(one?.getRow(1).font?.bold).toBe(true);
    expect(one?.getRow(2).values).toEqual([undefined, "'@x", at]);
    expect(one?.getRow(3).values).toEqual([undefined, 'y', 3]);
    expect(two?.getRow(1).getCell(1).value).toBe("'-c");
    expect(two?.getRow(2).getCell(1).value).toBe(true);
  });

  it('destroys the stream when a batch fails', async () => {
    await expect(read(xlsxStream([{ name: 'S', header: ['h'], rows: failing() }]))).rejects.toThrow(
      'database gone',
    );
  });

  it('stops reading when the reader goes away', async () => {
    const { c, rows } = counted();
    const out = xlsxStream([{ name: 'S', header: ['h'], rows }]);
    out.destroy();
    await ticks(20);
    expect(c.pulled).toBeLessThan(3);
  });
});
