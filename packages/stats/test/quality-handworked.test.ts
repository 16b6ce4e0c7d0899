// Small cases worked out by hand (the arithmetic is in the comments).
import { describe, expect, it } from 'vitest';
import {
  cronbachAlpha,
  ipaQuadrants,
  kanoAttribute,
  kanoCategory,
  kanoClassify,
  kanoFromCounts,
  keywordFrequency,
  nps,
  npsDifference,
  proportionTrend,
  scoreDistribution,
  servqual,
  toleranceZone,
  wilsonInterval,
} from '../src/index';

describe('Kano', () => {
  it('follows the Berger et al. (1993) evaluation table', () => {
    const rows = ['QAAAO', 'RIIIM', 'RIIIM', 'RIIIM', 'RRRRQ'];
    rows.forEach((row, f) => {
      [...row].forEach((c, d) => {
        expect(kanoClassify(f + 1, d + 1)).toBe(c);
      });
    });
    expect(() => kanoClassify(0, 3)).toThrow(RangeError);
    expect(() => kanoClassify(2.5, 3)).toThrow(RangeError);
  });
  it('ties broken M > O > A > I > R > Q', () => {
    expect(kanoCategory({ A: 3, O: 3, M: 3, I: 3, R: 3, Q: 3 })).toBe('M');
    expect(kanoCategory({ A: 3, O: 3, M: 0, I: 3, R: 0, Q: 0 })).toBe('O');
    expect(kanoCategory({ A: 3, O: 0, M: 0, I: 3, R: 0, Q: 0 })).toBe('A');
    expect(kanoCategory({ A: 0, O: 0, M: 0, I: 1, R: 1, Q: 1 })).toBe('I');
    expect(kanoCategory({ A: 0, O: 0, M: 0, I: 0, R: 2, Q: 2 })).toBe('R');
    expect(kanoCategory({ A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 })).toBeNull();
  });
  it('Better/Worse (Berger et al. 1993): A=10 O=5 M=8 I=7 R=2', () => {
    const r = kanoFromCounts({ A: 10, O: 5, M: 8, I: 7, R: 2, Q: 0 });
    expect(r.better).toBe(15 / 30);
    expect(r.worse).toBe(-13 / 30);
    expect(r.category).toBe('A');
    expect(r.strength).toBe((10 - 8) / 32);
    expect(kanoFromCounts({ A: 0, O: 0, M: 0, I: 0, R: 4, Q: 1 }).better).toBeNull();
  });
  it('leaves out respondents missing either answer; DuBois scores', () => {
    // (1,5)=O f=4 d=4; (2,5)=M f=2 d=4; (1,3)=A f=4 d=0; third and fifth respondents incomplete.
    const r = kanoAttribute([1, 2, null, 1, 3], [5, 5, 4, 3, null]);
    expect(r.n).toBe(3);
    expect(r.counts).toEqual({ A: 1, O: 1, M: 1, I: 0, R: 0, Q: 0 });
    expect(r.category).toBe('M');
    expect(r.functionalScore).toBe(10 / 3);
    expect(r.dysfunctionalScore).toBe(8 / 3);
  });
});

describe('Cronbach alpha', () => {
  it('hand-worked 4×3: item variances 5/3, 5/3, 8/3; total variance 52/3 → alpha 51/52', () => {
    const r = cronbachAlpha([
      [1, 1, 1],
      [2, 2, 3],
      [3, 3, 3],
      [4, 4, 5],
      [null, 2, 2], // incomplete: excluded
    ]);
    expect(r.n).toBe(4);
    expect(r.alpha).toBeCloseTo(51 / 52, 14);
    const [lo, hi] = r.ci95 ?? [0, 0];
    expect(lo).toBeLessThan(51 / 52);
    expect(hi).toBeGreaterThan(51 / 52);
    expect(hi).toBeLessThanOrEqual(1);
  });
});

describe('NPS', () => {
  it('scores 10,9,8,7,6,0: p = d = 1/3 → NPS 0, SE = 100·√((2/3)/6) = 100/3', () => {
    const r = nps([10, 9, 8, 7, 6, 0, null]);
    expect(r).toMatchObject({ n: 6, promoters: 2, passives: 2, detractors: 2, nps: 0 });
    expect(r.se).toBeCloseTo(100 / 3, 12);
    expect(r.ci95?.[1]).toBeCloseTo(1.96 * (100 / 3), 12);
    expect(() => nps([11])).toThrow(RangeError);
    expect(nps([null]).nps).toBeNull();
  });
  it('difference z-test', () => {
    const a = nps([10, 10, 10, 0]);
    const b = nps([10, 0, 0, 0]);
    const d = npsDifference(a, b);
    expect(d?.difference).toBe(50 - -50);
    expect(d?.p).toBeGreaterThan(0);
    expect(d?.p).toBeLessThan(1);
    expect(scoreDistribution([0, 10, 10, null, 3])).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2]);
  });
  it('Wilson 0 of 10 starts at 0 and stays in [0,1]', () => {
    const [lo, hi] = wilsonInterval(0, 10) ?? [1, 0];
    expect(lo).toBeCloseTo(0, 15);
    expect(hi).toBeGreaterThan(0.2);
    expect(hi).toBeLessThan(0.35);
  });
});

describe('SERVQUAL small', () => {
  it('two respondents, gap = P − E per item, blanks are missing not zero', () => {
    const e1 = Array.from({ length: 22 }, () => 6);
    const p1 = Array.from({ length: 22 }, () => 4);
    const e2 = Array.from({ length: 22 }, (): number | null => 7);
    const p2 = Array.from({ length: 22 }, (): number | null => 7);
    e2[0] = null;
    const r = servqual([
      { e: e1, p: p1, w: [20, 20, 20, 20, 20] },
      { e: e2, p: p2, w: [40, 30, 10, 10, 10] },
    ]);
    expect(r.items[0]).toMatchObject({ n: 1, expectation: 6, perception: 4, gap: -2, ci95: null });
    expect(r.items[1]).toMatchObject({ n: 2, expectation: 6.5, perception: 5.5, gap: -1 });
    expect(r.dimensions[0]?.gap).toBe((-2 - 1 - 1 - 1) / 4);
    expect(r.dimensions[0]?.weight).toBeCloseTo(0.3, 15);
    expect(r.dimensions[1]?.weight).toBeCloseTo(0.25, 15);
    expect(r.overall.gap).toBeCloseTo((-1.25 - 1 - 1 - 1 - 1) / 5, 14);
  });
  it('zone of tolerance: MSA and MSS', () => {
    const z = toleranceZone([4, 5], [6, 7], [5, 5]);
    expect(z).toMatchObject({
      adequate: 4.5,
      desired: 6.5,
      perception: 5,
      msa: 0.5,
      mss: -1.5,
      position: 'within',
    });
  });
});

describe('IPA, trends, text', () => {
  it('quadrants around the means', () => {
    const r = ipaQuadrants([
      { attribute: 'a', importance: 9, performance: 3 },
      { attribute: 'b', importance: 9, performance: 9 },
      { attribute: 'c', importance: 1, performance: 3 },
      { attribute: 'd', importance: 1, performance: 9 },
    ]);
    expect(r.attributes.map((x) => x.quadrant)).toEqual([
      'concentrate here',
      'keep up the good work',
      'low priority',
      'possible overkill',
    ]);
  });
  it('p-chart: pbar = 60/200 = 0.3; limits 0.3 ± 3·√(0.21/100)', () => {
    const r = proportionTrend([
      { period: '2026-01', n: 100, successes: 20 },
      { period: '2026-02', n: 100, successes: 40 },
    ]);
    expect(r.centre).toBe(0.3);
    const s = 3 * Math.sqrt(0.21 / 100);
    expect(r.periods[0]?.lcl).toBeCloseTo(0.3 - s, 14);
    expect(r.periods[1]?.change?.difference).toBeCloseTo(0.2, 14);
    expect(r.periods[1]?.change?.p).toBeLessThan(0.01);
  });
  it('keywords skip es/en stopwords and fold accents', () => {
    const k = keywordFrequency([
      'La atención fue lenta',
      'Atencion muy LENTA y the staff',
      'great staff',
    ]);
    expect(k.slice(0, 3)).toEqual([
      { word: 'atencion', count: 2, documents: 2 },
      { word: 'lenta', count: 2, documents: 2 },
      { word: 'staff', count: 2, documents: 2 },
    ]);
  });
});
