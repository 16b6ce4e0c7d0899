import { describe, expect, it } from 'vitest';
import { iso } from './iso';

describe('iso', () => {
  it('formats Date, string and epoch ms the same, and keeps null', () => {
    const t = Date.UTC(2026, 11, 1, 9, 30, 5, 7);
    expect(iso(new Date(t))).toBe('2026-12-01T09:30:05.007Z');
    expect(iso('2026-12-01 10:30:05.007+01')).toBe('2026-12-01T09:30:05.007Z');
    expect(iso(t)).toBe('2026-12-01T09:30:05.007Z');
    expect(iso(null)).toBeNull();
    expect(iso(undefined)).toBeNull();
  });
});
