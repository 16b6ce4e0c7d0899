// The SERVQUAL accumulator's sums are what the analytics aggregates store: split the
// respondents anywhere, add the parts' sums, and the result must be bit-for-bit the one pass
// (integer answers make every sum exact), and the respondent-level gap statistics must equal a
// direct computation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SERVQUAL_DIMENSIONS,
  SERVQUAL_ITEMS,
  SERVQUAL_SUM_COLUMNS,
  ServqualAccumulator,
} from '../src/index';

const likert = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null, freq: 4 });
const points = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 6 });
const respondent = fc.record({
  e: fc.array(likert, { minLength: 22, maxLength: 22 }),
  p: fc.array(likert, { minLength: 22, maxLength: 22 }),
  w: fc.option(fc.array(points, { minLength: 5, maxLength: 5 }), { nil: null }),
});

describe('SERVQUAL sums', () => {
  it('has one named column per sum', () => {
    expect(new Set(SERVQUAL_SUM_COLUMNS).size).toBe(SERVQUAL_SUM_COLUMNS.length);
    expect(new ServqualAccumulator().sums().length).toBe(SERVQUAL_SUM_COLUMNS.length);
  });

  it('adding the sums of any split equals the single pass, bit for bit', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 25 }), fc.nat(), (rs, cut) => {
        const whole = new ServqualAccumulator();
        for (const r of rs) whole.push(r.e, r.p, r.w);
        const k = rs.length ? cut % (rs.length + 1) : 0;
        const a = new ServqualAccumulator();
        const b = new ServqualAccumulator();
        for (const r of rs.slice(0, k)) a.push(r.e, r.p, r.w);
        for (const r of rs.slice(k).reverse()) b.push(r.e, r.p, r.w);
        const merged = new ServqualAccumulator();
        merged.addSums(k, a.sums());
        merged.addSums(rs.length - k, b.sums());
        expect(merged.result()).toEqual(whole.result());
      }),
    );
  });

  it('overall() is result().overall, bit for bit', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 25 }), (rs) => {
        const acc = new ServqualAccumulator();
        for (const r of rs) acc.push(r.e, r.p, r.w);
        expect(acc.overall()).toEqual(acc.result().overall);
      }),
    );
    // and with every item answered (the nulls above are the common case in random data)
    const acc = new ServqualAccumulator();
    for (let i = 0; i < 30; i++)
      acc.push(
        Array.from({ length: 22 }, (_, k) => 1 + ((i * 7 + k) % 7)),
        Array.from({ length: 22 }, (_, k) => 1 + ((i * 3 + k * 5) % 7)),
        [10 + (i % 20), 30 - (i % 20), 20, 20, 20],
      );
    expect(acc.overall().weightedGap).not.toBeNull();
    expect(acc.overall()).toEqual(acc.result().overall);
  });

  it('respondent gap = mean over dimensions of the mean item gap, hand-computed', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 20 }), (rs) => {
        const acc = new ServqualAccumulator();
        const gaps: number[] = [];
        for (const r of rs) {
          acc.push(r.e, r.p, r.w);
          const per = SERVQUAL_DIMENSIONS.map((d) => {
            const g = SERVQUAL_ITEMS[d].flatMap((k) => {
              const e = r.e[k - 1];
              const p = r.p[k - 1];
              return e != null && p != null ? [p - e] : [];
            });
            return g.length ? g.reduce((x, y) => x + y, 0) / g.length : null;
          });
          if (per.every((x) => x !== null))
            gaps.push((per as number[]).reduce((x, y) => x + y, 0) / 5);
        }
        const got = acc.respondentGap();
        expect(got.n).toBe(gaps.length);
        if (gaps.length === 0) return;
        const mean = gaps.reduce((x, y) => x + y, 0) / gaps.length;
        expect(got.mean).toBeCloseTo(mean, 10);
        if (gaps.length > 1) {
          const v = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (gaps.length - 1);
          expect(got.sd).toBeCloseTo(Math.sqrt(v), 9);
        }
      }),
    );
  });
});
