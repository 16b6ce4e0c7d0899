// Gap causes on small questionnaires worked by hand (t quantiles from scipy.stats.t.ppf,
// 1e-9 relative; arithmetic exact or to 1e-14).
import { describe, expect, it } from 'vitest';
import { gapCauses, type TGapCauseItem } from './gap-causes';

const T975_DF2 = 4.302652729749462;

describe('gapCauses', () => {
  const items: TGapCauseItem[] = [
    { factor: 'teamwork', reverse: false },
    { factor: 'teamwork', reverse: true },
    { factor: 'upward_communication', reverse: false },
    { factor: 'role_conflict', reverse: false },
  ];
  // teamwork scores (item 2 reversed, 8 − v): r1 (5 + 5)/2 = 5, r2 (6 + 6)/2 = 6,
  // r3 only item 1 → 4, r4 (7 + 1)/2 = 4; r5 answered nothing.
  const rows = [
    [5, 3, 4, null],
    [6, 2, null, 3],
    [4, null, 2, 6],
    [7, 7, 2, 1],
    [null, null, null, null],
  ];
  const r = gapCauses(items, rows);

  it('n counts respondents with at least one answer; factors in header order', () => {
    expect(r.n).toBe(4);
    expect(r.factors.map((f) => [f.factor, f.gap, f.items])).toEqual([
      ['teamwork', 3, 2],
      ['upward_communication', 1, 1],
      ['role_conflict', 3, 1],
    ]);
  });

  it('factor score = mean of answered items after 8 − v; mean, sd (n − 1), t interval', () => {
    const tw = r.factors[0];
    // scores 5, 6, 4, 4: mean 4.75, s² = (0.0625 + 1.5625 + 0.5625 + 0.5625)/3 = 2.75/3
    expect(tw?.n).toBe(4);
    expect(tw?.mean).toBe(4.75);
    expect(tw?.sd).toBeCloseTo(Math.sqrt(2.75 / 3), 14);
    const uc = r.factors[1];
    // upward_communication: 4, 2, 2 → mean 8/3, s² = (16/9 + 4/9 + 4/9)/2 = 4/3
    expect(uc?.n).toBe(3);
    expect(uc?.mean).toBeCloseTo(8 / 3, 14);
    const h = (T975_DF2 * Math.sqrt(4 / 3)) / Math.sqrt(3);
    expect(Math.abs((uc?.ci95?.[0] as number) - (8 / 3 - h))).toBeLessThan(1e-9 * 3);
    expect(Math.abs((uc?.ci95?.[1] as number) - (8 / 3 + h))).toBeLessThan(1e-9 * 5);
  });

  it('alpha over complete cases after reverse scoring; null for a one-item factor', () => {
    // complete teamwork cases: (5, 5), (6, 6), (7, 1). item variances 1 and 7, totals
    // 10, 12, 8 → variance 4. alpha = 2·(1 − 8/4) = −2 (r3's single answer is left out).
    expect(r.factors[0]?.alpha).toBe(-2);
    expect(r.factors[1]?.alpha).toBeNull();
    expect(r.factors[2]?.alpha).toBeNull();
  });

  it('gap score = mean of its factors means, weakest = the lowest; gaps in number order', () => {
    // gap 1: upward_communication only; gap 3: teamwork 4.75, role_conflict (3 + 6 + 1)/3.
    expect(r.gaps).toEqual([
      { gap: 1, score: r.factors[1]?.mean, weakest: 'upward_communication' },
      { gap: 3, score: (4.75 + 10 / 3) / 2, weakest: 'role_conflict' },
    ]);
  });

  it('one respondent: sd and ci95 null; a tie names the first factor in the header', () => {
    const one = gapCauses(
      [
        { factor: 'goal_setting', reverse: false },
        { factor: 'management_commitment', reverse: true },
      ],
      [[5, 3]],
    );
    expect(one.factors[0]).toMatchObject({ n: 1, mean: 5, sd: null, ci95: null, alpha: null });
    expect(one.factors[1]?.mean).toBe(5);
    expect(one.gaps).toEqual([{ gap: 2, score: 5, weakest: 'goal_setting' }]);
  });

  it('a constant factor has sd 0 and a zero-width interval', () => {
    const c = gapCauses([{ factor: 'teamwork', reverse: false }], [[4], [4], [4]]);
    expect(c.factors[0]).toMatchObject({ n: 3, mean: 4, sd: 0, ci95: [4, 4] });
  });
});
