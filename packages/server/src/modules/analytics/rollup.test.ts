// wholeMonths: which part of a day range the monthly rollup answers (migration 503).
import { expect, it } from 'vitest';
import { wholeMonths } from './service';

it('keeps the whole calendar months of a range, edges inside months left to the day grain', () => {
  const w = (dayFrom: string | null, dayTo: string | null) => wholeMonths({ dayFrom, dayTo });
  expect(w(null, null)).toEqual({ from: null, to: null });
  expect(w('2026-01-01', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  expect(w('2026-01-05', '2026-03-10')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  expect(w('2026-01-31', '2026-02-28')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  expect(w('2024-02-01', '2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
  expect(w('2024-02-01', '2024-02-28')).toBeNull(); // leap year: the 28th is not the last day
  expect(w('2026-01-10', '2026-01-20')).toBeNull();
  expect(w('2026-12-15', null)).toEqual({ from: '2027-01-01', to: null });
  expect(w(null, '2026-06-15')).toEqual({ from: null, to: '2026-06-01' });
});
