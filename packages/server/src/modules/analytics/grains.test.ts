// grainParts: months, then ISO weeks, then days, disjoint and covering the range (migration 505).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { grainParts } from './grains';

const g = (dayFrom: string | null, dayTo: string | null) =>
  grainParts({ dayFrom, dayTo }).map((p) => `${p.grain} ${p.from ?? '…'}..${p.to ?? '…'}`);

it('splits a range into whole months, whole weeks inside the edges and days', () => {
  expect(g(null, null)).toEqual(['month …..…']);
  expect(g('2026-01-01', '2026-12-31')).toEqual(['month 2026-01-01..2027-01-01']);
  // Wednesday 2026-06-10 to Friday 2026-07-10: no whole month; three Mondays inside
  expect(g('2026-06-10', '2026-07-10')).toEqual([
    'day 2026-06-10..2026-06-15',
    'week 2026-06-15..2026-07-06',
    'day 2026-07-06..2026-07-11',
  ]);
  // Monday 2026-01-05 starts a week; 2026-03-01 is a Sunday
  expect(g('2026-01-05', '2026-03-10')).toEqual([
    'month 2026-02-01..2026-03-01',
    'week 2026-01-05..2026-01-26',
    'day 2026-01-26..2026-02-01',
    'day 2026-03-01..2026-03-02',
    'week 2026-03-02..2026-03-09',
    'day 2026-03-09..2026-03-11',
  ]);
  // Tuesday to Friday of one week: days only
  expect(g('2026-01-13', '2026-01-16')).toEqual(['day 2026-01-13..2026-01-17']);
  // open ends: the months on the open side, the edge on the bounded one (2027-01-01 a Friday)
  expect(g('2026-12-15', null)).toEqual([
    'month 2027-01-01..…',
    'day 2026-12-15..2026-12-21',
    'week 2026-12-21..2026-12-28',
    'day 2026-12-28..2027-01-01',
  ]);
  expect(g(null, '2026-06-15')).toEqual([
    'month …..2026-06-01',
    'week 2026-06-01..2026-06-15',
    'day 2026-06-15..2026-06-16',
  ]);
});

it('covers every day of any range exactly once, weeks from Monday, at most 6 edge days a side', () => {
  const day0 = Date.UTC(2024, 0, 1);
  const iso = (i: number) => new Date(day0 + i * 86_400_000).toISOString().slice(0, 10);
  fc.assert(
    fc.property(fc.nat(800), fc.nat(120), (start, len) => {
      const from = iso(start);
      const to = iso(start + len);
      const parts = grainParts({ dayFrom: from, dayTo: to });
      const seen = new Map<string, number>();
      let edgeDays = 0;
      for (const p of parts) {
        const a = p.from as string;
        const b = p.to as string;
        if (p.grain === 'week') {
          expect(new Date(`${a}T00:00:00Z`).getUTCDay()).toBe(1);
          expect(new Date(`${b}T00:00:00Z`).getUTCDay()).toBe(1);
        }
        if (p.grain === 'month') expect([a.slice(8), b.slice(8)]).toEqual(['01', '01']);
        for (let i = 0; i < 1000 && iso(start + i) <= to; i++) {
          const d = iso(start + i);
          if (d >= a && d < b) {
            seen.set(d, (seen.get(d) ?? 0) + 1);
            if (p.grain === 'day') edgeDays++;
          }
        }
        // nothing outside the range
        expect(a >= from || p.grain === 'month').toBe(true);
      }
      expect(seen.size).toBe(len + 1);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(edgeDays).toBeLessThanOrEqual(24); // ≤ 6 on each side of each of two edges
    }),
    { numRuns: 500 },
  );
});
