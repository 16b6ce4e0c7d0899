// Test helpers for the complaints module (used by its *.db.test.ts files only).
import { expect } from 'vitest';
import type { createTestApp, Session } from '../../../test/harness';

type App = Awaited<ReturnType<typeof createTestApp>>['app'];

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export const caller = (app: App) => (s: Session | null, o: Req) =>
  app.inject({
    method: o.method,
    url: o.url,
    headers: { ...(s?.headers ?? {}), ...(o.headers ?? {}) },
    ...(o.payload !== undefined ? { payload: o.payload as object } : {}),
  });

export async function ok<T = Record<string, unknown>>(
  p: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = 200,
): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body.slice(0, 500)).toBe(status);
  return r.json() as T;
}
