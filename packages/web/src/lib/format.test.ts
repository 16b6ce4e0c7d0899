import { describe, expect, it } from 'vitest';
import { date, dateTime, fixed, fmtLang, int, money, num, pct, score } from './format';

// Intl puts no-break spaces (U+00A0, U+202F) where Spanish writes a space; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('format (the issue 12 examples)', () => {
  it('percentages', () => {
    expect(plain(pct(0.017, 'es', 1))).toBe('1,7 %');
    expect(pct(0.017, 'en', 1)).toBe('1.7%');
    expect(plain(pct(0.5, 'es'))).toBe('50 %');
  });
  it('a mean on a five-point scale', () => {
    expect(score(10 / 3, 5, 'es')).toBe('3,33 / 5');
    expect(score(10 / 3, 5, 'en')).toBe('3.33 / 5');
  });
  it('days as dd/mm/aaaa in Spanish, mm/dd/yyyy in English, never shifted by the time zone', () => {
    expect(date('2026-12-01', 'es')).toBe('01/12/2026');
    expect(date('2026-12-01', 'en')).toBe('12/01/2026');
    expect(date('2026-01-31T12:00:00Z', 'es')).toBe('31/01/2026');
  });
  it('date and time', () => {
    const s = plain(dateTime('2026-03-04T10:05:00', 'es'));
    expect(s).toMatch(/^04\/03\/2026,? 10:05$/);
  });
  it('numbers: decimal comma and grouping per locale', () => {
    expect(num(1234567.25, 'es', 2)).toBe('1.234.567,25');
    expect(num(1234567.25, 'en', 2)).toBe('1,234,567.25');
    expect(int(2357.4, 'en')).toBe('2,357');
    expect(fixed(2, 'es', 1)).toBe('2,0');
    expect(plain(money(1200, 'es'))).toBe('1200 €');
  });
  it('missing values are a dash, not NaN', () => {
    expect(num(null, 'es')).toBe('—');
    expect(pct(Number.NaN, 'en')).toBe('—');
    expect(date('', 'es')).toBe('—');
    expect(date('not a date', 'es')).toBe('—');
  });
  it('maps regional tags to the two app languages', () => {
    expect(fmtLang('en-GB')).toBe('en');
    expect(fmtLang('es-MX')).toBe('es');
    expect(fmtLang(undefined)).toBe('es');
  });
});
