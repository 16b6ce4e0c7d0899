// Property tests (fast-check): invariances and no NaN leaks from missing values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resampleCorrelations, weightedCorrelationMatrix } from '../src/core/linalg';
import { cronbachAlpha, kanoAttribute, nps, servqual } from '../src/index';

const likert = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null, freq: 5 });
const respondent = fc.record({
  e: fc.array(likert, { minLength: 22, maxLength: 22 }),
  p: fc.array(likert, { minLength: 22, maxLength: 22 }),
});

function reverse<T>(xs: readonly T[]): T[] {
  return [...xs].reverse();
}

function noNaN(x: unknown): boolean {
  return !JSON.stringify(x, (_k, v) =>
    typeof v === 'number' && Number.isNaN(v) ? 'NaN!' : v,
  ).includes('NaN!');
}

describe('properties', () => {
  it('NPS ∈ [−100, 100], invariant under permutation, never NaN', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null })), (s) => {
        const a = nps(s);
        if (a.nps !== null) {
          expect(a.nps).toBeGreaterThanOrEqual(-100);
          expect(a.nps).toBeLessThanOrEqual(100);
        }
        expect(nps(reverse(s)).nps).toBe(a.nps);
        expect(noNaN(a)).toBe(true);
      }),
    );
  });

  it('SERVQUAL gaps flip sign when E and P swap; permutation-invariant; no NaN', () => {
    fc.assert(
      fc.property(fc.array(respondent, { minLength: 1, maxLength: 30 }), (rs) => {
        const a = servqual(rs);
        const swapped = servqual(rs.map((r) => ({ e: r.p, p: r.e })));
        const permuted = servqual(reverse(rs));
        a.items.forEach((it, i) => {
          const s = swapped.items[i]?.gap ?? null;
          if (it.gap === null) expect(s).toBeNull();
          else expect(s).toBeCloseTo(-it.gap, 12);
          const p = permuted.items[i]?.gap ?? null;
          if (it.gap === null) expect(p).toBeNull();
          else expect(p).toBeCloseTo(it.gap, 12);
        });
        expect(noNaN(a)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('alpha ≤ 1 and finite or null', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(likert, { minLength: 4, maxLength: 4 }), { maxLength: 40 }),
        (rows) => {
          const r = cronbachAlpha(rows);
          if (r.alpha !== null) {
            expect(r.alpha).toBeLessThanOrEqual(1 + 1e-12);
            expect(Number.isFinite(r.alpha)).toBe(true);
          }
          expect(noNaN(r)).toBe(true);
        },
      ),
    );
  });

  it('Kano counts sum to n and Better ∈ [0,1], Worse ∈ [−1,0]', () => {
    const ans = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(ans, ans)), (pairs) => {
        const r = kanoAttribute(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        );
        expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.n);
        if (r.better !== null) expect(r.better).toBeGreaterThanOrEqual(0);
        if (r.worse !== null) expect(r.worse).toBeLessThanOrEqual(0);
        expect(noNaN(r)).toBe(true);
      }),
    );
  });

  it("the bootstrap's one-pass resample correlations equal the two-pass weighted ones", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((k) =>
          fc.record({
            k: fc.constant(k),
            rows: fc.array(
              fc.array(fc.integer({ min: 0, max: 10 }), { minLength: k, maxLength: k }),
              {
                minLength: 3,
                maxLength: 60,
              },
            ),
            seed: fc.integer(),
          }),
        ),
        ({ k, rows, seed }) => {
          const n = rows.length;
          const data = new Float64Array(rows.flat());
          const counts = new Int32Array(n);
          let s = seed >>> 0;
          for (let i = 0; i < n; i++) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            counts[s % n] = (counts[s % n] as number) + 1;
          }
          const want = weightedCorrelationMatrix(data, n, k, counts);
          const got = resampleCorrelations(data, n, k)(counts);
          // A column constant over the resampled rows has no correlation: NaN (the refit of
          // such a resample returns no analysis). The two-pass matrix leaves rounding noise
          // there (a mean of 12/6 summed as 4/6 + 6/6 + 2/6), so it is compared elsewhere only.
          const picked = rows.filter((_, i) => (counts[i] as number) > 0);
          const flat = Array.from({ length: k }, (_, j) =>
            picked.every((r) => r[j] === picked[0]?.[j]),
          );
          want.forEach((row, a) => {
            row.forEach((v, b) => {
              const g = got[a]?.[b] as number;
              if (flat[a] || flat[b]) expect(g).toBeNaN();
              else expect(Math.abs(g - v)).toBeLessThan(1e-9);
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
