// The gap-2 coverage rule (coverage.ts, docs/standards.md) on hand-computed data.
import { describe, expect, it } from 'vitest';
import { coverageOf, type TCoverageStandard, type TServqualInput } from './coverage';

const sq: TServqualInput = {
  n: 10,
  items: [
    { item: '1', dimension: 'tangibles', expectation: 6.5, perception: 5, gap: -1.5 },
    { item: '5', dimension: 'reliability', expectation: 6.8, perception: 6, gap: -0.8 },
    { item: '11', dimension: 'responsiveness', expectation: 6.2, perception: 5.1, gap: -1.1 },
    { item: '16', dimension: 'assurance', expectation: 5.9, perception: 5.9, gap: 0 },
    { item: '18', dimension: 'empathy', expectation: 6.0, perception: 4, gap: -2 },
  ],
  dimensions: [
    { dimension: 'tangibles', weight: 0.1 },
    { dimension: 'reliability', weight: 0.35 },
    { dimension: 'responsiveness', weight: 0.25 },
    { dimension: 'assurance', weight: 0.15 },
    { dimension: 'empathy', weight: 0.15 },
  ],
};
const std = (code: string, o: Partial<TCoverageStandard>): TCoverageStandard => ({
  id: code,
  code,
  nameEs: code,
  nameEn: code,
  active: true,
  servqualItems: [],
  measureKind: 'yesno',
  targetMin: null,
  targetMax: null,
  promisedLevel: null,
  ...o,
});

describe('coverageOf', () => {
  const standards = [
    std('A', { servqualItems: [1], measureKind: 'number', targetMax: 5, promisedLevel: 6 }),
    std('B', { servqualItems: [11], measureKind: 'scale' }), // no target: weak
    std('C', { servqualItems: [5], active: false }), // inactive: does not count
    std('D', { servqualItems: [16], promisedLevel: 5.5 }),
    std('E', {}),
  ];
  const c = coverageOf(sq, standards, 6);

  it('marks important items (E ≥ 6) and their status', () => {
    const by = new Map(c.items.map((i) => [i.item, i]));
    expect(c.items).toHaveLength(22);
    expect(by.get(1)).toMatchObject({ important: true, status: 'ok', weight: 0.1 });
    expect(by.get(5)).toMatchObject({ important: true, status: 'none' });
    expect(by.get(11)).toMatchObject({ important: true, status: 'weak' });
    expect(by.get(16)).toMatchObject({ important: false, status: 'ok' });
    expect(by.get(18)).toMatchObject({ important: true, status: 'none' }); // 6.0 counts
    expect(by.get(2)).toMatchObject({ important: false, expectation: null, status: 'none' });
  });

  it('orders uncovered items by dimension weight, then expectation', () => {
    // reliability 0.35 (item 5), responsiveness 0.25 (item 11), empathy 0.15 (item 18)
    expect(c.uncovered.map((i) => i.item)).toEqual([5, 11, 18]);
  });

  it('flags standards promising less than customers expect, biggest shortfall first', () => {
    // A: item 1, 6.5 − 6 = 0.5; D: item 16, 5.9 − 5.5 = 0.4
    expect(c.belowExpectation.map((b) => [b.code, b.item])).toEqual([
      ['A', 1],
      ['D', 16],
    ]);
    expect(c.belowExpectation[0]?.shortfall).toBeCloseTo(0.5, 12);
    expect(c.belowExpectation[1]?.shortfall).toBeCloseTo(0.4, 12);
  });

  it('lists active standards linked to no item', () => {
    expect(c.unlinked.map((u) => u.code)).toEqual(['E']);
  });

  it('a higher threshold leaves fewer important items', () => {
    const strict = coverageOf(sq, standards, 6.6);
    expect(strict.items.filter((i) => i.important).map((i) => i.item)).toEqual([5]);
    expect(strict.uncovered.map((i) => i.item)).toEqual([5]);
  });
});
