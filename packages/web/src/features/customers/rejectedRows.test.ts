import { describe, expect, it } from 'vitest';
import { splitReason } from './RejectedRows';

describe('splitReason', () => {
  it('separates a reason code from its argument', () => {
    expect(splitReason('duplicate_external_id:2')).toEqual({
      code: 'duplicate_external_id',
      arg: '2',
    });
    expect(splitReason('invalid_email')).toEqual({ code: 'invalid_email', arg: '' });
  });
});
