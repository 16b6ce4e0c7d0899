// Cohort retention curves vs an independent plain-Python computation
// (fixtures/retention/make_reference.py) on ../shared/datasets/CDNOW_master.txt, plus hand cases.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortRetention, type TCohortPurchase } from '../src/index';

const root = resolve(import.meta.dirname, '../../..');
const datasets = resolve(root, '../shared/datasets');
const ref = JSON.parse(
  readFileSync(resolve(root, 'packages/stats/test/fixtures/retention/reference.json'), 'utf8'),
) as { cohorts: { cohort: string; size: number; active: number[]; surviving: number[] }[] };
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('CDNOW master cohorts (Jan–Mar 1997, observed to June 1998)', () => {
  const purchases: TCohortPurchase[] = readFileSync(resolve(datasets, 'CDNOW_master.txt'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 4 && /^\d{8}$/.test(f[1] ?? ''))
    .map((f) => {
      const s = f[1] ?? '';
      return {
        customerId: f[0] ?? '',
        day: day(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))),
      };
    });
  const r = cohortRetention(purchases);

  it('matches the Python counts exactly (integers) and rates to 1e-15', () => {
    expect(r.cohorts.map((c) => [c.cohort, c.size])).toEqual(
      ref.cohorts.map((c) => [c.cohort, c.size]),
    );
    r.cohorts.forEach((c, i) => {
      expect(c.active).toEqual(ref.cohorts[i]?.active);
      expect(c.surviving).toEqual(ref.cohorts[i]?.surviving);
      c.activeRate.forEach((v, k) => {
        expect(Math.abs(v - (ref.cohorts[i]?.active[k] ?? 0) / c.size)).toBeLessThan(1e-15);
      });
    });
    expect(r.cohorts.reduce((s, c) => s + c.size, 0)).toBe(23_570);
  });

  it('average curve: size-weighted over the cohorts observed at each offset', () => {
    expect(r.average[0]).toMatchObject({ month: 0, cohorts: 3, customers: 23_570, activeRate: 1 });
    const m17 = r.average[17];
    expect(m17?.cohorts).toBe(1);
    expect(m17?.activeRate).toBe((ref.cohorts[0]?.active[17] ?? 0) / 7846);
  });
});

describe('hand-worked', () => {
  const p = (customerId: string, y: number, m: number, d: number) => ({
    customerId,
    day: day(y, m, d),
  });
  const data = [
    p('a', 2024, 1, 5),
    p('a', 2024, 1, 20),
    p('a', 2024, 3, 2),
    p('b', 2024, 1, 31),
    p('b', 2024, 2, 1),
    p('c', 2024, 2, 10),
    p('c', 2024, 4, 15),
  ];

  it('grid by hand; the partial last month is unobserved unless asked for', () => {
    const r = cohortRetention(data);
    // as of 2024-04-15: April is partial, so Jan cohort observes Jan..Mar, Feb cohort Feb..Mar.
    expect(r.cohorts).toEqual([
      {
        cohort: '2024-01',
        size: 2,
        active: [2, 1, 1],
        activeRate: [1, 0.5, 0.5],
        surviving: [2, 2, 1],
        survivingRate: [1, 1, 0.5],
      },
      {
        cohort: '2024-02',
        size: 1,
        active: [1, 0],
        activeRate: [1, 0],
        surviving: [1, 1],
        survivingRate: [1, 1],
      },
    ]);
    const q = cohortRetention(data, { includePartialMonth: true });
    expect(q.cohorts[1]?.active).toEqual([1, 0, 1]);
    expect(q.average.map((x) => x.customers)).toEqual([3, 3, 3, 2]);
    expect(cohortRetention(data, { maxMonths: 1 }).cohorts[0]?.active).toEqual([2, 1]);
  });

  it('properties: rates in [0, 1], month 0 is 100 %, surviving ≥ active and non-increasing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 400 })), {
          minLength: 1,
          maxLength: 200,
        }),
        (pairs) => {
          const r = cohortRetention(
            pairs.map(([c, d]) => ({ customerId: String(c), day: day(2023, 1, 1) + d })),
            { includePartialMonth: true },
          );
          for (const c of r.cohorts) {
            expect(c.activeRate[0]).toBe(1);
            c.survivingRate.forEach((s, k) => {
              expect(s).toBeGreaterThanOrEqual(c.activeRate[k] ?? 0);
              expect(s).toBeLessThanOrEqual(1);
              if (k > 0) expect(s).toBeLessThanOrEqual(c.survivingRate[k - 1] ?? 1);
            });
          }
          expect(r.cohorts.reduce((s, c) => s + c.size, 0)).toBe(
            new Set(pairs.map((x) => x[0])).size,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
