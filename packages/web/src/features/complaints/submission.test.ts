import { ZStaffComplaintSchema } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { newSubmissionId } from './submission';

describe('newSubmissionId', () => {
  it('gives v4 UUIDs the server schema accepts, all distinct', () => {
    const ids = Array.from({ length: 2000 }, newSubmissionId);
    const schema = ZStaffComplaintSchema.shape.submissionId;
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(schema.parse(id)).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
