import { describe, expect, it } from 'vitest';
import { drawSample, mulberry32, shuffle } from './sample';

const member = (i: number, segment: string, tier: string | null = null) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  segment,
  tier,
  use_class: null,
  kind: 'external',
  demographics: { city: i % 2 ? 'Lima' : 'Quito' },
});

describe('mulberry32', () => {
  it('matches the reference sequence for seed 1 (values of the published C/JS code)', () => {
    const r = mulberry32(1);
    // The canonical C code (uint32 arithmetic), computed independently in Python: exact.
    const first = [r(), r(), r()].map((x) => Math.round(x * 4294967296));
    expect(first).toEqual([2693262067, 11749833, 2265367787]);
  });
  it('is in [0,1) and reproducible', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
  it('shuffle keeps the items and depends on the seed', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    expect([...shuffle(xs, 7)].sort((a, b) => a - b)).toEqual(xs);
    expect(shuffle(xs, 7)).toEqual(shuffle(xs, 7));
    expect(shuffle(xs, 7)).not.toEqual(shuffle(xs, 8));
  });
});

describe('drawSample', () => {
  const pool = [
    ...Array.from({ length: 20 }, (_, i) => member(i, 'Empresas', i < 5 ? 'A' : 'B')),
    ...Array.from({ length: 10 }, (_, i) => member(100 + i, 'Particulares')),
  ];
  it('fills quotas exactly and reports the fill', () => {
    const r = drawSample(
      pool,
      8,
      [
        { field: 'segment', value: 'empresas', target: 5 },
        { field: 'segment', value: 'Particulares', target: 3 },
      ],
      123,
    );
    expect(r.members).toHaveLength(8);
    expect(r.members.filter((m) => m.segment === 'Empresas')).toHaveLength(5);
    expect(r.fill.map((f) => [f.filled, f.available])).toEqual([
      [5, 20],
      [3, 10],
    ]);
  });
  it('same seed and pool in any input order -> same sample; other seed -> other sample', () => {
    const q = [{ field: 'segment', value: 'Empresas', target: 4 }];
    const a = drawSample(pool, 6, q, 99).members.map((m) => m.id);
    const b = drawSample([...pool].reverse(), 6, q, 99).members.map((m) => m.id);
    expect(a).toEqual(b);
    expect(drawSample(pool, 6, q, 100).members.map((m) => m.id)).not.toEqual(a);
  });
  it('an unreachable quota stays under-filled, demographics quotas work', () => {
    const r = drawSample(
      pool,
      30,
      [
        { field: 'tier', value: 'A', target: 10 },
        { field: 'demographics.city', value: 'Lima', target: 2 },
      ],
      1,
    );
    expect(r.fill[0]).toMatchObject({ filled: 5, available: 5 });
    expect(r.fill[1]?.filled).toBe(2);
    // 18 free slots, filled from members outside both quotas
    expect(r.members.length).toBeLessThanOrEqual(30);
  });
});
