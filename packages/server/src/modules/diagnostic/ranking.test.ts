// The ranked action list's rule (size × evidence), against hand-computed values (tolerance 1e-12).
import { describe, expect, it } from 'vitest';
import { rankCandidates, type TRankInput } from './ranking';

const none: TRankInput = { gap5: null, gap1: null, gap2: [], gap3: [], gap4: [], causes: [] };
const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

describe('rankCandidates', () => {
  it('nothing to rank without findings', () => {
    expect(rankCandidates(none)).toEqual([]);
  });

  it('gap 5: size −gap/6 × share of items below zero × min(1, n/30)', () => {
    const r = rankCandidates({
      ...none,
      gap5: {
        n: 15,
        dimensions: dims.map((d) => ({ dimension: d, gap: d === 'reliability' ? -1.5 : 0.2 })),
        items: [
          { dimension: 'reliability', ci95: [-2, -1] },
          { dimension: 'reliability', ci95: [-1, 0.5] },
          { dimension: 'tangibles', ci95: [-1, -0.5] },
        ],
      },
    });
    expect(r).toHaveLength(1);
    expect(r[0]?.key).toBe('gap5:reliability');
    // 1.5/6 = 0.25; evidence 1/2 × 15/30 = 0.25 → 0.0625
    expect(r[0]?.score).toBeCloseTo(0.0625, 12);
  });

  it('gap 3 and a cause: the weakest factor of the gap below 4 is named; order by score', () => {
    const r = rankCandidates({
      ...none,
      gap3: [
        { dimension: 'reliability', compliance: 0.6, n: 40, failing: 4 },
        { dimension: 'tangibles', compliance: 0.95, n: 10, failing: 0 },
      ],
      causes: [
        { factor: 'teamwork', gap: 3, mean: 3.5, n: 5 },
        { factor: 'role_conflict', gap: 3, mean: 2.5, n: 20 },
        { factor: 'goal_setting', gap: 2, mean: 4.5, n: 20 },
      ],
    });
    expect(r.map((c) => c.key)).toEqual([
      'cause:role_conflict',
      'gap3:reliability',
      'cause:teamwork',
    ]);
    // role conflict: (4 − 2.5)/3 = 0.5 × 1; gap 3: 0.4 × 1 = 0.4; teamwork: (0.5/3) × 0.5
    expect(r[0]?.score).toBeCloseTo(0.5, 12);
    expect(r[1]?.score).toBeCloseTo(0.4, 12);
    expect(r[1]?.cause).toEqual({ factor: 'role_conflict', mean: 2.5 });
    expect(r[2]?.score).toBeCloseTo(0.5 / 3 / 2, 12);
  });

  it('gap 4: only promises not kept; size from the worst gap and the complaints', () => {
    const r = rankCandidates({
      ...none,
      gap4: [
        { id: 'a', text: 'x', worstGap: -1.2, complaints: 3, notKept: true },
        { id: 'b', text: 'y', worstGap: -3, complaints: 0, notKept: false },
      ],
    });
    expect(r).toHaveLength(1);
    expect(r[0]?.score).toBeCloseTo(1.2 / 6 + 0.3, 12);
  });

  it('gap 1: share of items whose Welch interval excludes zero', () => {
    const r = rankCandidates({
      ...none,
      gap1: {
        dimensions: [{ dimension: 'empathy', gap: 0.9 }],
        items: [
          { dimension: 'empathy', ci95: [0.2, 1.5] },
          { dimension: 'empathy', ci95: [-0.1, 1.5] },
          { dimension: 'empathy', ci95: null },
          { dimension: 'empathy', ci95: [-2, -0.1] },
        ],
      },
    });
    expect(r[0]?.score).toBeCloseTo((0.9 / 6) * 0.5, 12);
  });
});
