import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, likeContains, sortSql } from './cursor';

describe('keyset cursor', () => {
  const id = '123e4567-e89b-12d3-a456-426614174000';
  it('round-trips and is bound to its sort', () => {
    const c = encodeCursor({ sort: '-createdAt', value: '2024-01-01T00:00:00.000001Z', id });
    expect(decodeCursor(c, '-createdAt')).toEqual({
      sort: '-createdAt',
      value: '2024-01-01T00:00:00.000001Z',
      id,
    });
    expect(decodeCursor(c, 'createdAt')).toBeNull();
  });
  it('refuses garbage and forged ids', () => {
    expect(decodeCursor('%%%', 'name')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'), 'name')).toBeNull();
    expect(
      decodeCursor(
        Buffer.from(JSON.stringify(['name', 'a', "x' OR 1=1"])).toString('base64url'),
        'name',
      ),
    ).toBeNull();
  });
  it('maps sorts to SQL and escapes LIKE wildcards', () => {
    expect(sortSql('-name')).toMatchObject({ key: 'name_key', desc: true });
    expect(sortSql('updatedAt')).toMatchObject({
      key: 'updated_at',
      cast: 'timestamptz',
      desc: false,
    });
    expect(likeContains('50%_A\\')).toBe('%50\\%\\_a\\\\%');
  });
});
