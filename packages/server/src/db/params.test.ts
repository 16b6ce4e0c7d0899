import { describe, expect, it } from 'vitest';
import { and, keysetAfter, over, params } from './params';

describe('params', () => {
  it('numbers placeholders after the initial values, with casts', () => {
    const p = params('org');
    expect(p.add('x')).toBe('$2');
    expect(p.add(['a', 'b'], 'uuid[]')).toBe('$3::uuid[]');
    expect(p.values).toEqual(['org', 'x', ['a', 'b']]);
  });

  it('appends into an existing array', () => {
    const arr: unknown[] = [1, 2];
    expect(over(arr).add(3)).toBe('$3');
    expect(arr).toEqual([1, 2, 3]);
  });

  it('joins only the conditions that are set', () => {
    expect(and('a = $1', false, null, undefined, '', 'b = $2')).toBe('a = $1 AND b = $2');
    expect(and(false, null)).toBe('TRUE');
  });

  it('builds the keyset condition in both directions', () => {
    const p = params('org');
    expect(
      keysetAfter(p, 'lower(name)', { value: 'ana', id: 'u1' }, { cast: 'text', desc: false }),
    ).toBe('(lower(name), id) > ($2::text, $3::uuid)');
    expect(
      keysetAfter(p, 'created_at', { value: 't', id: 'u2' }, { cast: 'timestamptz', desc: true }),
    ).toBe('(created_at, id) < ($4::timestamptz, $5::uuid)');
    expect(p.values).toEqual(['org', 'ana', 'u1', 't', 'u2']);
  });
});
