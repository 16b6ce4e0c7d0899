// Issue 13 defect 12: /api/openapi.json passes Redocly's recommended rules with 0 errors
// (offline: the linter is a library, the document comes from app.inject), declares the session
// cookie + CSRF header and bearer token schemes, applies them per route from config.access,
// and documents the error answers and a summary on every operation.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
type Op = {
  summary?: string;
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
};
let doc: { paths: Record<string, Record<string, Op>>; components: Record<string, unknown> };

beforeAll(async () => {
  t = await createTestApp();
  const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const ops = () =>
  Object.entries(doc.paths).flatMap(([path, m]) =>
    Object.entries(m).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

describe('OpenAPI document', () => {
  it('has 0 errors from the Redocly recommended ruleset', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('declares the session, CSRF and bearer schemes and applies them from config.access', () => {
    const schemes = (doc.components.securitySchemes ?? {}) as Record<string, { type: string }>;
    expect(Object.keys(schemes).sort()).toEqual(['bearer', 'csrf', 'session']);
    const byRoute = new Map(t.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
    let checked = 0;
    for (const { path, method, op } of ops()) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      const access = byRoute.get(`${method} ${url}`);
      if (access === undefined) continue;
      checked++;
      const names = (op.security ?? []).map((s) => Object.keys(s).sort().join('+')).sort();
      if (access === 'public') expect(names, `${method} ${path}`).toEqual([]);
      else if (method === 'GET') expect(names, `${method} ${path}`).toEqual(['bearer', 'session']);
      else expect(names, `${method} ${path}`).toEqual(['bearer', 'csrf+session']);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('documents the 4xx answers with the error body and a summary on every operation', () => {
    for (const { path, method, op } of ops()) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op.responses['400'], where).toBeDefined();
      expect(op.responses['429'], where).toBeDefined();
      if (path.includes('{')) expect(op.responses['404'], where).toBeDefined();
      const body = (op.responses['400'] as { content: Record<string, { schema: unknown }> })
        .content['application/json']?.schema as { required?: string[] };
      expect(body.required, where).toEqual(['error']);
    }
  });
});
