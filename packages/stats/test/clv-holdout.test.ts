// BG/NBD calibration/holdout validation vs an independent numpy/scipy computation
// (fixtures/clv/make_holdout_reference.py) on ../shared/datasets/CDNOW_sample.txt.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitBgNbd,
  holdoutByFrequency,
  splitCalibrationHoldout,
  type TTransaction,
  toArrays,
  trackingSeries,
} from '../src/index';

const root = resolve(import.meta.dirname, '../../..');
const datasets = resolve(root, '../shared/datasets');
const ref = JSON.parse(
  readFileSync(resolve(root, 'packages/stats/test/fixtures/clv/holdout_reference.json'), 'utf8'),
) as {
  customers: number;
  params: { r: number; alpha: number; a: number; b: number; logLik: number };
  holdoutWeeks: number;
  byFrequency: { frequency: string; n: number; actual: number; predicted: number }[];
  total: { actual: number; predicted: number };
  tracking: {
    weeks: number;
    calibrationWeeks: number;
    cumulativeActual: number[];
    cumulativeExpected: number[];
  };
};

const day = (s: string) =>
  Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
const txs: TTransaction[] = readFileSync(resolve(datasets, 'CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim().split(/\s+/))
  .filter((f) => f.length === 5)
  .map((f) => ({ customerId: f[1] ?? '', day: day(f[2] ?? ''), amount: Number(f[4]) }));

const rel = (a: number | undefined, b: number, tol: number) =>
  expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('CDNOW sample: 39-week calibration, 39-week holdout', () => {
  const split = splitCalibrationHoldout(txs, day('19970930'));

  it('splits 2,357 customers with a 39-week holdout and 1,882 holdout repeat purchases', () => {
    expect(split.customers).toHaveLength(ref.customers);
    expect(split.holdoutWeeks).toBe(39);
    expect(split.customers.reduce((s, c) => s + c.holdoutPurchases, 0)).toBe(ref.total.actual);
  });

  it('the calibration fit reproduces FHL 2005 (published 3 decimals) and scipy (1e-4)', () => {
    const p = fitBgNbd(toArrays(split.customers));
    expect(p.r.toFixed(3)).toBe('0.243');
    expect(p.alpha.toFixed(3)).toBe('4.414');
    expect(p.a.toFixed(3)).toBe('0.793');
    expect(p.b.toFixed(3)).toBe('2.426');
    rel(p.r, ref.params.r, 1e-4);
    rel(p.alpha, ref.params.alpha, 1e-4);
    rel(p.a, ref.params.a, 1e-4);
    rel(p.b, ref.params.b, 1e-4);
  });

  // Same parameters on both sides, so only the formulas differ: 1e-9 relative (hyp2f1 of
  // @stdlib vs scipy agree to ~1e-12 at these arguments).
  it('per-frequency conditional expectations match scipy (FHL figure 4)', () => {
    const t = holdoutByFrequency(ref.params, split);
    expect(t.rows.map((r) => [r.frequency, r.n])).toEqual(
      ref.byFrequency.map((r) => [r.frequency, r.n]),
    );
    t.rows.forEach((r, k) => {
      rel(r.actual, ref.byFrequency[k]?.actual ?? 0, 1e-12);
      rel(r.predicted, ref.byFrequency[k]?.predicted ?? 0, 1e-9);
    });
    rel(t.total.predicted, ref.total.predicted, 1e-9);
    // Shape of the published figure: predictions rise with calibration frequency and stay
    // within 30 % of the actual means for every group with at least 30 customers.
    for (let k = 1; k < t.rows.length; k++)
      expect(t.rows[k]?.predicted).toBeGreaterThan(t.rows[k - 1]?.predicted ?? 0);
    for (const r of t.rows)
      if (r.n >= 30) expect(Math.abs(r.predicted / r.actual - 1)).toBeLessThan(0.3);
  });

  it('cumulative tracking series matches scipy week by week (FHL figure 3)', () => {
    const s = trackingSeries(ref.params, split);
    expect(s.weeks).toHaveLength(ref.tracking.weeks);
    expect(s.calibrationWeeks).toBe(ref.tracking.calibrationWeeks);
    expect(s.weeks.map((w) => w.cumulativeActual)).toEqual(ref.tracking.cumulativeActual);
    s.weeks.forEach((w, i) => {
      rel(w.cumulativeExpected, ref.tracking.cumulativeExpected[i] ?? 0, 1e-9);
    });
    expect(s.weeks[38]?.holdout).toBe(false);
    expect(s.weeks[39]?.holdout).toBe(true);
    // Within calibration the model tracks the cumulative total within 5 %.
    const w39 = s.weeks[38];
    expect(
      Math.abs((w39?.cumulativeExpected ?? 0) / (w39?.cumulativeActual ?? 1) - 1),
    ).toBeLessThan(0.05);
  });
});

describe('hand-worked split', () => {
  // Customer a: days 0, 7, 7 (same day), 14 | holdout 21, 28. b: day 10 | none. c: first in holdout.
  const t = (customerId: string, d: number): TTransaction => ({ customerId, day: d, amount: 1 });
  const txs2 = [
    t('a', 0),
    t('a', 7),
    t('a', 7),
    t('a', 14),
    t('a', 21),
    t('a', 28),
    t('b', 10),
    t('c', 20),
  ];
  const s = splitCalibrationHoldout(txs2, 14, 28);

  it('counts calibration frequency, holdout purchases and leaves out late first buyers', () => {
    const a = s.customers.find((c) => c.id === 'a');
    expect(a).toMatchObject({ frequency: 2, recency: 2, T: 2, holdoutPurchases: 2, firstDay: 0 });
    expect(s.customers.find((c) => c.id === 'b')).toMatchObject({
      frequency: 0,
      holdoutPurchases: 0,
    });
    expect(s.customers.find((c) => c.id === 'c')).toBeUndefined();
    expect(s.holdoutWeeks).toBe(2);
  });

  it('weekly actual repeat purchases by hand', () => {
    const tr = trackingSeries({ r: 1, alpha: 1, a: 1.5, b: 2 }, s);
    // Weeks: [0..6] none, [7..13] a@7, [14..20] a@14, [21..27] a@21, [28] a@28.
    expect(tr.weeks.map((w) => w.actual)).toEqual([0, 1, 1, 1, 1]);
    expect(tr.weeks.at(-1)?.endDay).toBe(28);
    expect(tr.calibrationWeeks).toBe(3);
  });

  it('an empty holdout is an error', () => {
    expect(() => splitCalibrationHoldout(txs2, 28)).toThrow(/holdout/);
  });

  it('property: holdout purchases add up to the distinct (customer, day) pairs after the cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 60 })), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 59 }),
        (pairs, cut) => {
          const list = pairs.map(([c, d]) => t(String(c), d));
          fc.pre(list.some((x) => x.day > cut) && list.some((x) => x.day <= cut));
          const sp = splitCalibrationHoldout(list, cut);
          const cohort = new Set(sp.customers.map((c) => c.id));
          const expected = new Set(
            list
              .filter((x) => x.day > cut && cohort.has(x.customerId))
              .map((x) => `${x.customerId}|${x.day}`),
          ).size;
          expect(sp.customers.reduce((s2, c) => s2 + c.holdoutPurchases, 0)).toBe(expected);
          const tr = trackingSeries({ r: 0.5, alpha: 3, a: 0.8, b: 2.4 }, sp);
          const totalRepeat = sp.customers.reduce(
            (s2, c) => s2 + c.frequency + c.holdoutPurchases,
            0,
          );
          expect(tr.weeks.at(-1)?.cumulativeActual).toBe(totalRepeat);
          for (let i = 1; i < tr.weeks.length; i++)
            expect(tr.weeks[i]?.cumulativeExpected).toBeGreaterThanOrEqual(
              tr.weeks[i - 1]?.cumulativeExpected ?? 0,
            );
        },
      ),
      { numRuns: 200 },
    );
  });
});
