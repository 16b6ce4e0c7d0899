// Gap 1 on small samples worked by hand. t quantiles are scipy.stats.t.ppf values (tolerance
// 1e-9 relative: stdlib and scipy differ in the last digits); arithmetic exact to 1e-12.
import { describe, expect, it } from 'vitest';
import { gap1 } from './gap1';

const T975_DF1 = 12.706204736174694;
const T975_NU_49_17 = 3.257208125478903; // ν = 49/17 ≈ 2.88, not rounded to 2 or 3

/** 22-item rows with item k (1-based) set from `values[r]`, the other items at `fill`. */
function rows(k: number, values: (number | null)[], fill: number | null = 4): (number | null)[][] {
  return values.map((v) => Array.from({ length: 22 }, (_, i) => (i === k - 1 ? v : fill)));
}

function near(a: number | null | undefined, e: number, rel: number): void {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - e)).toBeLessThanOrEqual(rel * Math.abs(e));
}

describe('gap1', () => {
  it('Welch interval with Satterthwaite ν real-valued', () => {
    // E1 = 2, 4, 6: mean 4, s² 4; M1 = 5, 7: mean 6, s² 2. gap 2.
    // s²/n: 4/3 and 1, se = √(7/3); ν = (7/3)² / ((4/3)²/2 + 1²/1) = (49/9)/(17/9) = 49/17.
    const r = gap1(rows(1, [2, 4, 6]), rows(1, [5, 7]));
    const it1 = r.items[0];
    expect(it1).toMatchObject({
      item: '1',
      dimension: 'tangibles',
      nCustomers: 3,
      nManagers: 2,
      expectation: 4,
      prediction: 6,
      gap: 2,
    });
    const h = T975_NU_49_17 * Math.sqrt(7 / 3);
    near(it1?.ci95?.[0], 2 - h, 1e-9);
    near(it1?.ci95?.[1], 2 + h, 1e-9);
  });

  it('one variance 0: ν from the other sample alone', () => {
    // E = 6, 6, 6 (s² 0), M = 4, 6 (s² 2, s²/n 1): ν = 1²/(1²/1) = 1, gap −1 ± 12.706·1.
    const ci = gap1(rows(3, [6, 6, 6]), rows(3, [4, 6])).items[2]?.ci95;
    near(ci?.[0], -1 - T975_DF1, 1e-9);
    near(ci?.[1], -1 + T975_DF1, 1e-9);
  });

  it('both variances 0: [gap, gap]; either n < 2: null', () => {
    const r = gap1(rows(2, [6, 6, 6]), rows(2, [4, 4]));
    expect(r.items[1]?.ci95).toEqual([-2, -2]);
    const one = gap1(rows(2, [6, 5, 6]), rows(2, [4]));
    expect(one.items[1]?.gap).toBeCloseTo(4 - 17 / 3, 14);
    expect(one.items[1]?.ci95).toBeNull();
    expect(gap1(rows(2, [6]), rows(2, [4, 5])).items[1]?.ci95).toBeNull();
  });

  it('blank is missing, not zero; row counts include blank rows', () => {
    // customers E4: 7, blank, 5 → mean 6 over 2; a manager row entirely blank still counts
    const r = gap1(rows(4, [7, null, 5]), [
      ...rows(4, [3, 5]),
      Array.from({ length: 22 }, () => null),
    ]);
    expect(r.customers).toBe(3);
    expect(r.managers).toBe(3);
    expect(r.items[3]).toMatchObject({ nCustomers: 2, nManagers: 2, expectation: 6 });
    expect(r.items[3]?.prediction).toBe(4);
    expect(r.items[3]?.gap).toBe(-2);
  });

  it('dimension = mean of its item means, gap = their difference; overall = mean of five', () => {
    // tangibles items 1–4: E means 4, 4, 4, 6 (item 4 set to 6) → 4.5; M all 5 → 5; gap 0.5.
    // Other dimensions: E 4, M 5 → gap 1. overall = (0.5 + 4·1)/5 = 0.9.
    const r = gap1(rows(4, [6, 6]), rows(1, [5, 5], 5));
    expect(r.dimensions[0]).toEqual({
      dimension: 'tangibles',
      expectation: 4.5,
      prediction: 5,
      gap: 0.5,
    });
    expect(r.dimensions.map((d) => d.gap)).toEqual([0.5, 1, 1, 1, 1]);
    expect(r.overall.gap).toBeCloseTo(0.9, 14);
    expect(r.items.map((i) => i.item)).toEqual(Array.from({ length: 22 }, (_, i) => `${i + 1}`));
    expect(r.items[21]?.dimension).toBe('empathy');
  });

  it('an item nobody answered leaves its dimension and the overall gap null', () => {
    const r = gap1(rows(22, [3, 4]), rows(22, [null, null]));
    expect(r.items[21]).toMatchObject({ nManagers: 0, prediction: null, gap: null, ci95: null });
    expect(r.dimensions[4]?.gap).toBeNull();
    expect(r.overall.gap).toBeNull();
  });
});
