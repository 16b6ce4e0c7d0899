import { describe, expect, it } from 'vitest';
import type { TStandardVersion } from './api';
import { changedFields, safeLink, targetText } from './model';

const t = (k: string) => k;
const base = { measureKind: 'number' as const, uomEs: 'min', uomEn: 'min' };

describe('targetText', () => {
  it('spells each kind of target', () => {
    expect(targetText({ ...base, targetMin: null, targetMax: 5 }, 'es', t)).toBe('≤ 5 min');
    expect(targetText({ ...base, targetMin: 99.5, targetMax: null, uomEs: '%' }, 'es', t)).toBe(
      '≥ 99,5 %',
    );
    expect(targetText({ ...base, targetMin: 2, targetMax: 5 }, 'en', t)).toBe('2–5 min');
    expect(targetText({ ...base, targetMin: null, targetMax: null }, 'es', t)).toBe(
      'standards.target.none',
    );
    expect(
      targetText({ ...base, measureKind: 'yesno', targetMin: null, targetMax: null }, 'es', t),
    ).toBe('standards.target.yesno');
  });
});

describe('changedFields / safeLink', () => {
  it('lists what changed between versions', () => {
    const v = { targetMax: 5, changeNote: 'a', servqualItems: [11] } as unknown as TStandardVersion;
    const w = { targetMax: 7, changeNote: 'b', servqualItems: [11] } as unknown as TStandardVersion;
    expect(changedFields(v, w)).toEqual(['targetMax']);
    expect(changedFields(v, undefined)).toEqual([]);
  });
  it('keeps only same-origin or http(s) links', () => {
    expect(safeLink('/analytics/servqual?survey=1')).toBe('/analytics/servqual?survey=1');
    expect(safeLink('https://example.org/x')).toBe('https://example.org/x');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('//evil.example')).toBeNull();
  });
});
