import { describe, expect, it } from 'vitest';
import { parseTarget } from './App';
import { pickLang, seededShuffle } from './logic';

// The display/skip logic, piping and answer checks moved with their code to
// packages/contracts/src/survey-logic (logic.test.ts there).
describe('helpers', () => {
  it('seeded shuffle is a stable permutation', () => {
    const l = [1, 2, 3, 4, 5, 6, 7, 8];
    const a = seededShuffle(l, 'abc');
    expect(seededShuffle(l, 'abc')).toEqual(a);
    expect([...a].sort()).toEqual(l);
    expect(seededShuffle(l, 'xyz')).not.toEqual(a);
  });
  it('language: url > server pick > browser > default, only among the survey languages', () => {
    expect(pickLang(['es', 'en'], 'es', ['en', 'es'])).toBe('en');
    expect(pickLang(['es'], 'es', ['en-GB'])).toBe('es');
    expect(pickLang(['es', 'en'], 'es', [null, 'en-US'])).toBe('en');
    expect(pickLang(['es', 'en'], 'en', ['fr'])).toBe('en');
  });
  it('parses respondent URLs', () => {
    expect(parseTarget({ pathname: '/s/nps-2026', search: '?c=kiosk' })).toMatchObject({
      kind: 'slug',
      id: 'nps-2026',
    });
    expect(parseTarget({ pathname: '/s/t/abc', search: '' })).toMatchObject({
      kind: 'token',
      id: 'abc',
    });
    expect(parseTarget({ pathname: '/s/unsubscribe/zz', search: '' }).kind).toBe('unsubscribe');
    const t = parseTarget({ pathname: '/respond.html', search: '?p=%2Fs%2Fabc%3Fc%3Dqr' });
    expect(t).toMatchObject({ kind: 'slug', id: 'abc' });
    expect(t.query.get('c')).toBe('qr');
    expect(parseTarget({ pathname: '/x', search: '' }).kind).toBe('none');
  });
});
