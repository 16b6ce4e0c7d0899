import { ZStaffComplaintSchema } from '@fidelia/contracts';
import { afterEach, expect, it, vi } from 'vitest';
import { uuid } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

it('makes distinct version-4 ids, also without a secure context (plain-http LAN address)', () => {
  const secure = new Set(Array.from({ length: 500 }, uuid));
  expect(secure.size).toBe(500);
  for (const id of secure) expect(id).toMatch(V4);
  vi.stubGlobal('isSecureContext', false);
  const fallback = new Set(Array.from({ length: 500 }, uuid));
  expect(fallback.size).toBe(500);
  for (const id of fallback) expect(id).toMatch(V4);
});

it('gives ids the server accepts as a complaint submissionId', () => {
  const schema = ZStaffComplaintSchema.shape.submissionId;
  for (let i = 0; i < 200; i++) {
    const id = uuid();
    expect(schema.parse(id)).toBe(id);
  }
});
