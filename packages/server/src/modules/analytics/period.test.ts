// Period keys of the trend endpoint, checked against calendar facts: 2026-01-01 is a Thursday
// (its ISO week starts Monday 2025-12-29), 2026-03-31 closes Q1, 2026-04-01 opens Q2.
import { describe, expect, it } from 'vitest';
import { periodOf } from './service';

describe('periodOf', () => {
  it('weeks start on Monday (ISO), across a year boundary', () => {
    expect(periodOf('2026-01-01', 'week')).toBe('2025-12-29');
    expect(periodOf('2026-01-04', 'week')).toBe('2025-12-29'); // Sunday
    expect(periodOf('2026-01-05', 'week')).toBe('2026-01-05'); // Monday
  });
  it('months and quarters', () => {
    expect(periodOf('2026-02-28', 'month')).toBe('2026-02');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-04-01', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-12-31', 'quarter')).toBe('2026-Q4');
  });
});
