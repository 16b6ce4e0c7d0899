// Issue 5 closeout: published examples and mean trends.
//  - Kano evaluation table of Berger et al. (1993) with Timko's customer-
//    satisfaction coefficients Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I).
//  - Feldt-type intervals for Cronbach's alpha checked against the printed example of the R
//    package statpsych, ci.cronbach(.05, .85, 7, 89) → LL 0.7971254, UL 0.8931436
//    (https://rdrr.io/cran/statpsych/man/ci.cronbach.html), which uses df₂ = n(k − 1); our
//    feldtInterval follows Feldt, Woodruff & Salih (1987, formulas 6–7; the R package cocron):
//    df₁ = n − 1, df₂ = (n − 1)(k − 1).
//  - Trends of means vs scipy (fixtures/quality/make_trends_reference.py).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cronbachAlpha,
  feldtInterval,
  fQuantile,
  kanoAttribute,
  kanoClassify,
  kanoFromCounts,
  meanTrend,
  meanTrendFromSummary,
} from '../src/index';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/quality/trends_reference.json', import.meta.url), 'utf8'),
) as {
  centre: number;
  sigma: number;
  periods: {
    period: string;
    values: number[];
    n: number;
    mean: number;
    sd: number;
    ci95: [number, number];
    lcl: number;
    ucl: number;
    change: { difference: number; t: number; p: number; df: number } | null;
  }[];
};

const close = (a: number | null | undefined, b: number, tol: number) =>
  expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThanOrEqual(tol);

describe('Kano: Berger et al. (1993) evaluation table, cell by cell', () => {
  // Rows: functional like, must-be(expect), neutral, live with, dislike; columns: dysfunctional.
  const published = ['QAAAO', 'RIIIM', 'RIIIM', 'RIIIM', 'RRRRQ'];
  it('all 25 answer pairs', () => {
    for (let f = 1; f <= 5; f++)
      for (let d = 1; d <= 5; d++) expect(kanoClassify(f, d)).toBe(published[f - 1]?.[d - 1]);
  });
  it('Timko coefficients from a category table: one respondent per cell (A3 O1 M3 I9 R7 Q2)', () => {
    const f: number[] = [];
    const d: number[] = [];
    for (let i = 1; i <= 5; i++)
      for (let j = 1; j <= 5; j++) {
        f.push(i);
        d.push(j);
      }
    const k = kanoAttribute(f, d);
    expect(k.counts).toEqual({ A: 3, O: 1, M: 3, I: 9, R: 7, Q: 2 });
    expect(k.category).toBe('I');
    close(k.better, 4 / 16, 1e-15);
    close(k.worse, -4 / 16, 1e-15);
    // Tie rule (must-be first): M beats O and A at equal counts.
    expect(kanoFromCounts({ A: 5, O: 5, M: 5, I: 1, R: 0, Q: 0 }).category).toBe('M');
  });
});

describe("Cronbach's alpha: Feldt interval vs a published example", () => {
  it('statpsych ci.cronbach(.05, .85, 7, 89): LL 0.7971254, UL 0.8931436 with df₂ = n(k − 1)', () => {
    const lo = 1 - 0.15 * fQuantile(0.975, 88, 89 * 6);
    const hi = 1 - 0.15 * fQuantile(0.025, 88, 89 * 6);
    close(lo, 0.7971254, 5e-8);
    close(hi, 0.8931436, 5e-8);
  });
  it('our Feldt–Woodruff–Salih interval (df₂ = (n − 1)(k − 1)) by the same quantiles', () => {
    const [lo, hi] = feldtInterval(0.85, 89, 7);
    close(lo, 1 - 0.15 * fQuantile(0.975, 88, 88 * 6), 1e-15);
    close(hi, 1 - 0.15 * fQuantile(0.025, 88, 88 * 6), 1e-15);
    // The two conventions differ by less than 1e-4 at this size.
    close(lo, 0.7971254, 1e-4);
    close(hi, 0.8931436, 1e-4);
  });
  it('parallel items: alpha of k identical columns is 1; of one column plus noise < 1', () => {
    const rows = [1, 2, 3, 4, 5, 3, 2].map((v) => [v, v, v]);
    close(cronbachAlpha(rows).alpha, 1, 1e-12);
  });
});

describe('trend of a mean vs scipy (Welch t-test, x̄-chart limits)', () => {
  const t = meanTrend(ref.periods.map((p) => ({ period: p.period, values: p.values })));
  it('centre, pooled sigma, limits and t-intervals', () => {
    close(t.centre, ref.centre, 1e-12);
    close(t.sigma, ref.sigma, 1e-12);
    t.periods.forEach((p, i) => {
      const r = ref.periods[i];
      if (!r) throw new Error('period');
      close(p.mean, r.mean, 1e-12);
      close(p.sd, r.sd, 1e-12);
      close(p.lcl, r.lcl, 1e-12);
      close(p.ucl, r.ucl, 1e-12);
      // t quantiles: @stdlib vs scipy agree to ~1e-9 relative.
      close(p.ci95?.[0], r.ci95[0], 1e-8);
      close(p.ci95?.[1], r.ci95[1], 1e-8);
    });
  });
  it('Welch t, df and p between consecutive periods (p to 1e-9)', () => {
    expect(t.periods[0]?.change).toBeNull();
    t.periods.slice(1).forEach((p, i) => {
      const c = ref.periods[i + 1]?.change;
      if (!c) throw new Error('change');
      close(p.change?.difference, c.difference, 1e-12);
      close(p.change?.t, c.t, 1e-10);
      close(p.change?.df, c.df, 1e-9);
      close(p.change?.p, c.p, 1e-9);
    });
    // The March dip is significant (p ≈ 0.044) and out of control; May → April is noise.
    expect(t.periods[2]?.change?.p).toBeLessThan(0.05);
    expect(t.periods[2]?.outOfControl).toBe(true);
    expect(t.periods[4]?.change?.p).toBeGreaterThan(0.9);
  });
  it('blanks are missing, not zero; periods with < 2 values have no test', () => {
    const m = meanTrend([
      { period: 'a', values: [5, null, 7] },
      { period: 'b', values: [9] },
      { period: 'c', values: [] },
    ]);
    expect(m.periods[0]).toMatchObject({ n: 2, mean: 6 });
    expect(m.periods[1]?.change).toBeNull();
    expect(m.periods[2]).toMatchObject({ n: 0, mean: null, lcl: null, outOfControl: false });
    close(m.centre, 7, 1e-15);
  });
  it('property: shifting all values shifts means/limits and leaves t and p unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 30 }), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.integer({ min: -5, max: 5 }),
        (groups, shift) => {
          const a = meanTrend(groups.map((g, i) => ({ period: String(i), values: g })));
          const b = meanTrend(
            groups.map((g, i) => ({ period: String(i), values: g.map((v) => v + shift) })),
          );
          a.periods.forEach((p, i) => {
            const q = b.periods[i];
            if (p.mean !== null) close(q?.mean, p.mean + shift, 1e-9);
            if (p.change && Number.isFinite(p.change.t)) close(q?.change?.p, p.change.p, 1e-9);
            expect(q?.outOfControl).toBe(p.outOfControl);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
  it('from summaries equals from raw values', () => {
    const s = meanTrendFromSummary(
      ref.periods.map((p) => ({ period: p.period, n: p.n, mean: p.mean, sd: p.sd })),
    );
    s.periods.forEach((p, i) => {
      close(p.change?.p ?? 0, t.periods[i]?.change?.p ?? 0, 1e-9);
    });
  });
});
