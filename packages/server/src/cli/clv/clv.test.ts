import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';

const root = resolve(import.meta.dirname, '../../../../..');
const datasets = resolve(root, '../shared/datasets');
let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());
const tmp = (name: string, text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'clv-')), name);
  writeFileSync(f, text);
  return f;
};

describe('fidelia clv', () => {
  it('fit from CDNOW_sample transactions reproduces the published BG/NBD values', async () => {
    const code = await main([
      'clv',
      'fit',
      '--transactions',
      resolve(datasets, 'CDNOW_sample.txt'),
      '--format',
      'cdnow',
      '--calibration-end',
      '1997-09-30',
      '--json',
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.customers).toBe(2357);
    expect(j.bgnbd.r.toFixed(3)).toBe('0.243');
    expect(j.bgnbd.alpha.toFixed(3)).toBe('4.414');
    expect(j.bgnbd.a.toFixed(3)).toBe('0.793');
    expect(j.bgnbd.b.toFixed(3)).toBe('2.426');
    expect(j.bgnbd.logLik.toFixed(1)).toBe('-9582.4');
    expect(j.gammaGamma.p).toBeGreaterThan(6);
  });
  it('predict with CRLF summary (x,t_x,T,zbar names) and discount rate', async () => {
    const f = resolve(datasets, 'cdnow_customers_summary_with_transactions.csv');
    expect(await main(['clv', 'predict', '--summary', f, '--horizon', '39', '--json'])).toBe(0);
    const j = JSON.parse(out).customers;
    expect(j).toHaveLength(2357);
    expect(j[0].id).toBe('1');
    expect(j[0].expectedPurchases).toBeCloseTo(1.226, 3);
    expect(j[0].clv).toBeCloseTo(j[0].expectedPurchases * j[0].expectedSpend, 9);
    out = '';
    expect(
      await main([
        'clv',
        'predict',
        '--summary',
        f,
        '--horizon',
        '39',
        '--discount-rate',
        '0.1',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(out).customers[0].clv).toBeLessThan(j[0].clv);
  });
  it('predict without monetary values gives null spend; reads --params', async () => {
    const p = tmp(
      'p.json',
      JSON.stringify({
        customers: 1,
        bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLik: 0 },
        gammaGamma: null,
      }),
    );
    const s = tmp('s.csv', 'frequency,recency,T\r\n2,30.43,38.86\r\n0,0,38.86\r\n');
    expect(
      await main(['clv', 'predict', '--summary', s, '--horizon', '39', '--params', p, '--json']),
    ).toBe(0);
    const c = JSON.parse(out).customers;
    expect(c[0].expectedSpend).toBeNull();
    expect(c[1].pAlive).toBe(1);
  });
  it('bad input names file, row and column', async () => {
    const f = tmp('t.csv', 'customer_id,date,amount\na,2020-01-01,5\na,2020-02-30,5\n');
    expect(
      await main(['clv', 'fit', '--transactions', f, '--calibration-end', '2020-12-31', '--json']),
    ).toBe(1);
    expect(err).toMatch(/t\.csv: row 3, column date/);
    const g = tmp('u.csv', 'customer_id,date,amount\na,2020-01-01,-5\n');
    expect(await main(['clv', 'fit', '--transactions', g, '--calibration-end', '2020-12-31'])).toBe(
      1,
    );
    expect(err).toMatch(/u\.csv: row 2, column amount/);
    const h = tmp('v.csv', 'customer_id,date,amount,foo\n');
    expect(await main(['clv', 'fit', '--transactions', h, '--calibration-end', '2020-12-31'])).toBe(
      1,
    );
    expect(err).toMatch(/v\.csv: row 1, column foo: unknown column/);
    expect(out).toBe('');
  });
  it('csv and cdnow formats of the same transactions give the same fit (CRLF, ISO dates)', async () => {
    // The first ~1000 customers of CDNOW_sample rewritten as customer_id,date,amount with CRLF.
    const src = readFileSync(resolve(datasets, 'CDNOW_sample.txt'), 'utf8').trim().split(/\r?\n/);
    const rows = src.filter((l) => Number(l.trim().split(/\s+/)[1]) <= 1000);
    const csv = ['customer_id,date,amount'];
    for (const l of rows) {
      const [id, , d, , amt] = l.trim().split(/\s+/);
      csv.push(`${id},${d?.slice(0, 4)}-${d?.slice(4, 6)}-${d?.slice(6)},${amt}`);
    }
    const f = tmp('t.csv', `${csv.join('\r\n')}\r\n`);
    const g = tmp('t.txt', `${rows.join('\n')}\n`);
    expect(
      await main(['clv', 'fit', '--transactions', f, '--calibration-end', '1997-09-30', '--json']),
    ).toBe(0);
    const a = JSON.parse(out);
    expect(err).toMatch(/transactions after 1997-09-30 ignored/);
    out = '';
    expect(
      await main([
        'clv',
        'fit',
        '--transactions',
        g,
        '--format',
        'cdnow',
        '--calibration-end',
        '1997-09-30',
        '--json',
      ]),
    ).toBe(0);
    const b = JSON.parse(out);
    expect(a.customers).toBe(1000);
    expect(a.bgnbd.logLik).toBe(b.bgnbd.logLik);
    expect(a.gammaGamma.p).toBe(b.gammaGamma.p);
  });
  it('refuses to print parameters when BG/NBD cannot converge (no repeat purchases)', async () => {
    const s = tmp(
      's.csv',
      `frequency,recency,T\n${Array.from({ length: 30 }, () => '0,0,20').join('\n')}\n`,
    );
    expect(await main(['clv', 'fit', '--summary', s, '--json'])).toBe(1);
    expect(err).toMatch(/did not converge/);
    expect(out).toBe('');
  });
  it('validate: CDNOW sample calibration/holdout matches the scipy reference', async () => {
    const ref = JSON.parse(
      readFileSync(
        resolve(root, 'packages/stats/test/fixtures/clv/holdout_reference.json'),
        'utf8',
      ),
    );
    const code = await main([
      'clv',
      'validate',
      '--transactions',
      resolve(datasets, 'CDNOW_sample.txt'),
      '--format',
      'cdnow',
      '--calibration-end',
      '1997-09-30',
      '--json',
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.customers).toBe(2357);
    expect(j.holdoutEnd).toBe('1998-06-30');
    expect(j.holdoutWeeks).toBe(39);
    expect(j.bgnbd.r.toFixed(3)).toBe('0.243');
    expect(j.total.actual).toBe(1882);
    // Own fit vs scipy's fit: parameters agree to 1e-4, so predictions to ~1e-4 relative.
    expect(Math.abs(j.total.predicted / ref.total.predicted - 1)).toBeLessThan(1e-4);
    expect(j.byFrequency.map((r: { n: number }) => r.n)).toEqual(
      ref.byFrequency.map((r: { n: number }) => r.n),
    );
    expect(j.tracking).toHaveLength(78);
    expect(j.tracking[77].cumulativeActual).toBe(4339);
    expect(j.tracking[38].holdout).toBe(false);
  });
  it('validate: an empty holdout or a bad date is a one-line error', async () => {
    const f = tmp('t.csv', 'customer_id,date,amount\n1,2020-01-01,5\n1,2020-02-01,5\n');
    expect(
      await main(['clv', 'validate', '--transactions', f, '--calibration-end', '2020-03-01']),
    ).toBe(1);
    expect(err).toMatch(/holdout period is empty/);
    err = '';
    expect(
      await main(['clv', 'validate', '--transactions', f, '--calibration-end', '2020-13-01']),
    ).toBe(1);
    expect(err).toMatch(/--calibration-end: not a date/);
  });
  it('cohorts: CDNOW master retention grid matches the Python reference counts', async () => {
    const ref = JSON.parse(
      readFileSync(resolve(root, 'packages/stats/test/fixtures/retention/reference.json'), 'utf8'),
    );
    const code = await main([
      'clv',
      'cohorts',
      '--transactions',
      resolve(datasets, 'CDNOW_master.txt'),
      '--format',
      'cdnow',
      '--json',
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.asOf).toBe('1998-06-30');
    expect(j.cohorts.map((c: { active: number[] }) => c.active)).toEqual(
      ref.cohorts.map((c: { active: number[] }) => c.active),
    );
    expect(await main(['clv', 'cohorts', '--transactions', 'nope.csv', '--as-of', 'x'])).toBe(1);
    expect(err).toMatch(/--as-of: not a date/);
  });
});
