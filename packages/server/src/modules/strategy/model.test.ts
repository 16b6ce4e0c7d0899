// The strategy rules on hand-computed values (exact arithmetic; tolerance 1e-12 for ratios).
import { describe, expect, it } from 'vitest';
import { attributeImportance, competitorFigures, suggestType, valueFigures } from './model';

describe('suggestType (Kano category -> attribute type)', () => {
  it('maps M, O and A, and gives no suggestion for I / R / Q / none', () => {
    expect(suggestType('M', { M: 3 })).toBe('basic');
    expect(suggestType('O', { O: 3, A: 2 })).toBe('expected');
    expect(suggestType('A', { A: 3, I: 3 })).toBe('unexpected'); // 3/6 = 0.5
    expect(suggestType('A', { A: 3, I: 2, O: 2 })).toBe('desired'); // 3/7 < 0.5
    expect(suggestType('I', { I: 5 })).toBeNull();
    expect(suggestType('R', { R: 5 })).toBeNull();
    expect(suggestType(null, null)).toBeNull();
  });
});

describe('attributeImportance', () => {
  it('sums strength × need importance and shares the total', () => {
    const r = attributeImportance(
      [
        { id: 'n1', importance: 5 },
        { id: 'n2', importance: 2 },
      ],
      [
        { needId: 'n1', attributeId: 'a', strength: 9 },
        { needId: 'n2', attributeId: 'a', strength: 1 },
        { needId: 'n1', attributeId: 'b', strength: 3 },
        { needId: 'gone', attributeId: 'b', strength: 9 },
      ],
    );
    expect(r.get('a')?.importance).toBe(47);
    expect(r.get('b')?.importance).toBe(15);
    expect(r.get('a')?.weight).toBeCloseTo(47 / 62, 12);
    expect(r.has('c')).toBe(false);
    expect(attributeImportance([], []).size).toBe(0);
  });
});

describe('valueFigures', () => {
  const benefits = [
    { id: 'f', kind: 'functional' as const, name: 'Rapidez', moneyValue: 40 },
    { id: 'e', kind: 'emotional' as const, name: 'Tranquilidad', moneyValue: 60 },
    { id: 'x', kind: 'economic' as const, name: 'Ahorro', moneyValue: 100 },
  ];
  it('computes perceived value, ratio and the under-valued rule', () => {
    const v = valueFigures(
      120,
      benefits,
      { functional: { n: 5, mean: 7 }, emotional: { n: 5, mean: 4 }, economic: { n: 5, mean: 2 } },
      7,
    );
    expect(v.totalBenefits).toBe(200);
    expect(v.perceivedValue).toBe(80);
    expect(v.valueRatio).toBeCloseTo(200 / 120, 12);
    const [f, e, x] = v.benefits;
    expect(f?.worthIndex).toBeCloseTo(0.4, 12);
    expect(f?.underValued).toBe(false); // worth < 0.5
    expect(e?.ratingIndex).toBeCloseTo(0.5, 12);
    expect(e?.underValued).toBe(false); // 0.6 − 0.5 < 0.2
    expect(x?.underValued).toBe(true); // 1 − 1/6 ≥ 0.2
  });
  it('needs five ratings, and flags exactly at the 0.2 margin', () => {
    const few = valueFigures(10, benefits, { economic: { n: 4, mean: 1 } }, 7);
    expect(few.benefits[2]?.underValued).toBe(false);
    // worth 1, rating index (5.8 − 1)/6 = 0.8: margin exactly 0.2
    const edge = valueFigures(10, benefits, { economic: { n: 9, mean: 5.8 } }, 7);
    expect(edge.benefits[2]?.underValued).toBe(true);
    const zero = valueFigures(0, [], {}, 7);
    expect([zero.totalBenefits, zero.perceivedValue, zero.valueRatio]).toEqual([0, 0, null]);
  });
  it('prices a competitor on our benefits', () => {
    expect(competitorFigures(100, { x: 60, f: 40, other: 999 }, ['f', 'e', 'x'])).toEqual({
      totalBenefits: 100,
      perceivedValue: 0,
    });
  });
});
