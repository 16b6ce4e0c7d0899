// Report text: escaping and the locale rules the web app uses (values worked out by hand).
import { describe, expect, it } from 'vitest';
import { esc, fill, formatter, textIn } from './pdf-format';

describe('esc', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(esc(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
    expect(esc(null)).toBe('');
    expect(esc(3)).toBe('3');
  });
});

describe('formatter', () => {
  const es = formatter('es');
  const en = formatter('en');
  it('decimal comma and "30,5 %" in Spanish, point and "30.5%" in English', () => {
    expect(es.g(-0.8765)).toBe('-0,88');
    expect(en.g(-0.8765)).toBe('-0.88');
    expect(es.num(42.25, 1)).toBe('42,3');
    expect(en.num(42.25, 1)).toBe('42.3');
    expect(es.pct(0.305)).toBe('30,5\u00a0%');
    expect(en.pct(0.305)).toBe('30.5%');
    expect(es.pct(0.5, 0)).toBe('50\u00a0%');
    // Spanish groups from five digits
    expect(es.int(1234)).toBe('1234');
    expect(es.int(12345)).toBe('12.345');
    expect(en.int(1234)).toBe('1,234');
  });
  it('a dash for what is missing, never "NaN" or "null"', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(es.g(v)).toBe('—');
      expect(es.pct(v)).toBe('—');
      expect(es.int(v)).toBe('—');
    }
  });
  it('dates and trend buckets in words, in UTC', () => {
    expect(es.date('2026-01-31')).toBe('31 de enero de 2026');
    expect(en.date('2026-01-31')).toBe('January 31, 2026');
    expect(es.period('2026-03')).toBe('Marzo de 2026');
    expect(en.period('2026-03')).toBe('March 2026');
    expect(es.period('2026-Q2')).toBe('T2 2026');
    expect(en.period('2026-Q2')).toBe('Q2 2026');
    expect(en.period('2026-03-02')).toBe('March 2, 2026');
    expect(es.signed(1.25, 1)).toBe('+1,3');
    expect(es.signed(-2, 1)).toBe('-2,0');
  });
});

describe('fill / textIn', () => {
  it('fills placeholders and falls back to the other language', () => {
    expect(fill('Del {a} al {b}{c}', { a: '1', b: '2' })).toBe('Del 1 al 2');
    expect(textIn({ es: 'Hola', en: '' }, 'en')).toBe('Hola');
    expect(textIn({ es: ' ', en: 'Hi' }, 'es')).toBe('Hi');
    expect(textIn(undefined, 'es')).toBe('');
  });
});
