import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpected,
  bgnbdExpectedPurchases,
  bgnbdLogLik,
  bgnbdPAlive,
  bgnbdProbN,
  clvValue,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  ggConditionalExpectedSpend,
  paretoPAlive,
  rfmScores,
  summarizeTransactions,
} from './index';

// Repo root is four levels up from this file; shared/ is its sibling.
const root = resolve(import.meta.dirname, '../../../..');
const datasets = resolve(root, '../shared/datasets');
const ref = JSON.parse(
  readFileSync(resolve(root, 'packages/stats/test/fixtures/clv/reference.json'), 'utf8'),
) as {
  bgnbd: Record<string, number>;
  gammaGamma: Record<string, number>;
  paretoNbd: Record<string, number>;
  customers: {
    x: number;
    tx: number;
    T: number;
    bgPAlive: number;
    bgExpected39: number;
    paretoPAlive: number;
  }[];
};

const lines = readFileSync(
  resolve(datasets, 'cdnow_customers_summary_with_transactions.csv'),
  'utf8',
)
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(',').map(Number));
const col = (k: number) => Float64Array.from(lines.map((c) => c[k] ?? 0));
const data = { x: col(1), tx: col(2), T: col(3) };
const m = col(4);
const bg = fitBgNbd(data);

describe('BG/NBD on CDNOW (FHL 2005)', () => {
  it('reproduces the published parameters to the published precision', () => {
    expect(bg.r.toFixed(3)).toBe('0.243');
    expect(bg.alpha.toFixed(3)).toBe('4.414');
    expect(bg.a.toFixed(3)).toBe('0.793');
    expect(bg.b.toFixed(3)).toBe('2.426');
    expect(bg.logLik.toFixed(1)).toBe('-9582.4');
  });
  it('matches the scipy reference (params rel 1e-4, logLik abs 1e-5, expectations rel 1e-6)', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(bg[k] / (ref.bgnbd[k] ?? 0) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(bg.logLik - (ref.bgnbd.logLik ?? 0))).toBeLessThan(1e-5);
    const p = {
      r: ref.bgnbd.r ?? 0,
      alpha: ref.bgnbd.alpha ?? 0,
      a: ref.bgnbd.a ?? 0,
      b: ref.bgnbd.b ?? 0,
    };
    for (const c of ref.customers) {
      expect(bgnbdPAlive(p, c.x, c.tx, c.T)).toBeCloseTo(c.bgPAlive, 10);
      expect(
        Math.abs(bgnbdConditionalExpected(p, 39, c.x, c.tx, c.T) / c.bgExpected39 - 1),
      ).toBeLessThan(1e-6);
    }
  });
  it('hand check: lifetimes documents E[Y(39)|x=2,t_x=30.43,T=38.86] ≈ 1.226 on CDNOW', () => {
    expect(bgnbdConditionalExpected(bg, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });
  it('P(X(t)=n) sums to 1 and its mean is E[X(t)]', () => {
    let s = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const pn = bgnbdProbN(bg, 52, n);
      s += pn;
      mean += n * pn;
    }
    expect(s).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(bgnbdExpectedPurchases(bg, 52), 5);
  });
  it('the optimum is a maximum: perturbing any parameter lowers the likelihood', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.99, 1.01])
        expect(bgnbdLogLik({ ...bg, [k]: bg[k] * f }, data)).toBeLessThan(bg.logLik);
    }
  });
  it('property: P(alive) in [0,1], expected purchases monotone in horizon', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (x, u, T, t) => {
          const tx = x === 0 ? 0 : u * T;
          const pa = bgnbdPAlive(bg, x, tx, T);
          expect(pa).toBeGreaterThanOrEqual(0);
          expect(pa).toBeLessThanOrEqual(1);
          const e1 = bgnbdConditionalExpected(bg, t, x, tx, T);
          const e2 = bgnbdConditionalExpected(bg, t + 1, x, tx, T);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(e2).toBeGreaterThanOrEqual(e1 - 1e-12);
          const pp = paretoPAlive({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, x, tx, T);
          expect(pp).toBeGreaterThanOrEqual(0);
          expect(pp).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('refuses to return parameters when there are no repeat purchases', () => {
    const n = 50;
    expect(() =>
      fitBgNbd({
        x: new Float64Array(n),
        tx: new Float64Array(n),
        T: new Float64Array(n).fill(30),
      }),
    ).toThrow(/did not converge/);
  });
});

describe('Gamma-Gamma on the 946 CDNOW repeat buyers', () => {
  const gg = fitGammaGamma(data.x, m);
  it('reproduces p=6.25, q=3.74, γ=15.44 and the scipy reference', () => {
    expect(gg.p.toFixed(2)).toBe('6.25');
    expect(gg.q.toFixed(2)).toBe('3.74');
    expect(Math.abs(gg.gamma - 15.44)).toBeLessThan(0.01);
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(Math.abs(gg[k] / (ref.gammaGamma[k] ?? 0) - 1)).toBeLessThan(1e-4);
  });
  it('conditional spend lies between the population mean and the customer mean', () => {
    const pop = (gg.p * gg.gamma) / (gg.q - 1);
    const e = ggConditionalExpectedSpend(gg, 3, 50);
    expect(e).toBeGreaterThan(pop);
    expect(e).toBeLessThan(50);
  });
  it('discounted CLV is below the undiscounted one and equal at rate 0', () => {
    const u = clvValue(bg, 52, 2, 30.43, 38.86, 25);
    expect(clvValue(bg, 52, 2, 30.43, 38.86, 25, 0)).toBe(u);
    const dsc = clvValue(bg, 52, 2, 30.43, 38.86, 25, 0.1);
    expect(dsc).toBeLessThan(u);
    expect(dsc).toBeGreaterThan(u / 1.1);
  });
});

describe('Pareto/NBD', () => {
  const pn = fitParetoNbd(data);
  it('matches the published r=0.55 α=10.58 s=0.61 β=11.67 and the quadrature reference', () => {
    expect(pn.r.toFixed(2)).toBe('0.55');
    expect(pn.alpha.toFixed(2)).toBe('10.58');
    expect(pn.s.toFixed(2)).toBe('0.61');
    expect(pn.beta.toFixed(2)).toBe('11.67');
    expect(pn.logLik.toFixed(1)).toBe('-9595.0');
    expect(Math.abs(pn.logLik - (ref.paretoNbd.logLik ?? 0))).toBeLessThan(1e-3);
    const p = {
      r: ref.paretoNbd.r ?? 0,
      alpha: ref.paretoNbd.alpha ?? 0,
      s: ref.paretoNbd.s ?? 0,
      beta: ref.paretoNbd.beta ?? 0,
    };
    for (const c of ref.customers)
      expect(paretoPAlive(p, c.x, c.tx, c.T)).toBeCloseTo(c.paretoPAlive, 7);
  });
});

describe('summary and RFM', () => {
  it('merges same-day purchases, counts the end day, uses repeat purchases for spend', () => {
    const d = (s: string) => Date.parse(s) / 86_400_000;
    const s = summarizeTransactions(
      [
        { customerId: 'a', day: d('1997-01-01'), amount: 10 },
        { customerId: 'a', day: d('1997-01-08'), amount: 5 },
        { customerId: 'a', day: d('1997-01-08'), amount: 7 },
        { customerId: 'a', day: d('1997-01-15'), amount: 20 },
        { customerId: 'a', day: d('1997-01-16'), amount: 99 },
      ],
      d('1997-01-15'),
    );
    expect(s).toEqual([{ id: 'a', frequency: 2, recency: 2, T: 2, monetaryValue: 16 }]);
  });
  it('scores quintiles and names segments', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: String(i),
      daysSinceLast: i,
      frequency: 10 - i,
      monetary: i,
    }));
    const s = rfmScores(rows);
    expect(s[0]).toMatchObject({ r: 5, f: 5, m: 1, segment: 'champions' });
    expect(s[9]).toMatchObject({ r: 1, f: 1, m: 5, segment: 'lost' });
  });
});
