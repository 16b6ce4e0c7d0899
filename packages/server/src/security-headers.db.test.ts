// Issue 13 defect 5: every kind of response carries the security headers — the staff app
// (index.html, SPA routes, assets), the respondent page (/s/*, framable only by EMBED_ORIGINS)
// and the API (answers and errors). HSTS only when the install is on https.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testConfig } from '../test/harness';
import { buildApp } from './app';
import type { TConfig } from './config';
import { loadConfig } from './config';

let db: TestDb;
let dir: string;
const apps: Awaited<ReturnType<typeof buildApp>>[] = [];

async function app(over: Partial<TConfig> = {}) {
  const a = await buildApp({ config: testConfig(over), db, logger: false, webDist: dir });
  await a.ready();
  apps.push(a);
  return a;
}

/** CSP as directive -> sources. */
function csp(h: unknown): Record<string, string[]> {
  expect(typeof h, 'content-security-policy header').toBe('string');
  return Object.fromEntries(
    String(h)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k as string, v]),
  );
}

function expectCommon(h: Record<string, unknown>, where: string) {
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['referrer-policy'], where).toBe('no-referrer');
  expect(String(h['permissions-policy']), where).toContain('camera=()');
  expect(String(h['permissions-policy']), where).toContain('geolocation=()');
  expect(h['strict-transport-security'], `${where}: no HSTS on plain http`).toBeUndefined();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fid-headers-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>staff</title>');
  writeFileSync(join(dir, 'respond.html'), '<!doctype html><title>respond</title>');
  writeFileSync(join(dir, 'assets', 'main-AbC123.js'), 'export {};\n');
  db = await createTestDb();
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('staff app: own scripts only, never framed (index, SPA route, asset)', async () => {
    const a = await app();
    for (const url of ['/', '/customers/123', '/assets/main-AbC123.js']) {
      const r = await a.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expectCommon(r.headers, url);
      const p = csp(r.headers['content-security-policy']);
      expect(p['script-src'], url).toEqual(["'self'"]);
      expect(p['script-src-attr'], url).toEqual(["'none'"]);
      expect(p['frame-ancestors'], url).toEqual(["'none'"]);
      expect(p['object-src'], url).toEqual(["'none'"]);
      expect(p['upgrade-insecure-requests'], url).toBeUndefined();
      expect(r.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('respondent page: framable by any site by default, no inline style', async () => {
    const a = await app();
    const r = await a.inject({ method: 'GET', url: '/s/my-survey?c=embed' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('respond');
    expectCommon(r.headers, '/s/');
    const p = csp(r.headers['content-security-policy']);
    expect(p['script-src']).toEqual(["'self'"]);
    expect(p['style-src']).toEqual(["'self'"]);
    expect(p['frame-ancestors']).toEqual(['*']);
    expect(r.headers['x-frame-options']).toBeUndefined();
  });

  it('respondent page: framable only by EMBED_ORIGINS when set, by none with `none`', async () => {
    const env = { DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(32) };
    const listed = loadConfig({
      ...env,
      EMBED_ORIGINS: 'https://shop.example, https://b.example:8443',
    });
    expect(listed.embedOrigins).toEqual(['https://shop.example', 'https://b.example:8443']);
    const a = await app({ embedOrigins: listed.embedOrigins });
    const r = await a.inject({ method: 'GET', url: '/s/my-survey' });
    expect(csp(r.headers['content-security-policy'])['frame-ancestors']).toEqual([
      "'self'",
      'https://shop.example',
      'https://b.example:8443',
    ]);
    const off = loadConfig({ ...env, EMBED_ORIGINS: 'none' });
    const b = await app({ embedOrigins: off.embedOrigins });
    const r2 = await b.inject({ method: 'GET', url: '/s/my-survey' });
    expect(csp(r2.headers['content-security-policy'])['frame-ancestors']).toEqual(["'self'"]);
    expect(() =>
      loadConfig({ ...env, EMBED_ORIGINS: "https://a.example 'unsafe-inline'" }),
    ).toThrow(/EMBED_ORIGINS/);
    expect(loadConfig(env).embedOrigins).toBeUndefined();
  });

  it('API: nothing loads, nothing frames — on answers and on errors', async () => {
    const a = await app();
    for (const [url, status] of [
      ['/api/health', 200],
      ['/api/users', 401],
      ['/api/nope', 404],
      ['/api/public/complaints/a%00b', 400],
    ] as const) {
      const r = await a.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(status);
      expectCommon(r.headers, url);
      const p = csp(r.headers['content-security-policy']);
      expect(p['default-src'], url).toEqual(["'none'"]);
      expect(p['frame-ancestors'], url).toEqual(["'none'"]);
      expect(r.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('HSTS and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
    const a = await app({ publicUrl: 'https://cx.example.com' });
    for (const url of ['/', '/s/x', '/api/health']) {
      const r = await a.inject({ method: 'GET', url });
      expect(r.headers['strict-transport-security'], url).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
    const r = await a.inject({ method: 'GET', url: '/' });
    expect(csp(r.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
  });
});
