// Timeline cursors: only what we made decodes, and times compare correctly as strings.
import { describe, expect, it } from 'vitest';
import { decodeBefore, encodeBefore, isBefore, normaliseAt } from './timeline';

describe('timeline cursor', () => {
  it('round-trips and refuses anything else', () => {
    const b = { at: '2026-03-01T00:00:00.000000Z', key: 'purchase:abc' };
    expect(decodeBefore(encodeBefore(b))).toEqual(b);
    for (const raw of ['nope', '', encodeBefore({ at: '2026-03-01', key: 'x' })])
      expect(decodeBefore(raw)).toBeNull();
    expect(
      decodeBefore(Buffer.from('["2026-03-01T00:00:00.000000Z",1]').toString('base64url')),
    ).toBeNull();
  });

  it('pads times to microseconds so that string order is time order', () => {
    expect(normaliseAt('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000000Z');
    expect(normaliseAt('2026-03-01T10:00:00.5Z')).toBe('2026-03-01T10:00:00.500000Z');
    const cur = { at: '2026-03-01T10:00:00.500000Z', key: 'm' };
    expect(isBefore({ at: '2026-03-01T10:00:00.4999Z', key: 'z' }, cur)).toBe(true);
    expect(isBefore({ at: '2026-03-01T10:00:00.5Z', key: 'a' }, cur)).toBe(true);
    expect(isBefore({ at: '2026-03-01T10:00:00.5Z', key: 'm' }, cur)).toBe(false);
    expect(isBefore({ at: '2026-03-01T10:00:01Z', key: 'a' }, cur)).toBe(false);
  });
});
