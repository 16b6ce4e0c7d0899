// The built web app is served precompressed (.br/.gz written at build time) when the browser
// accepts it, and hashed assets are cached for good; index.html is not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb, testConfig } from '../test/harness';
import { buildApp } from './app';

let db: TestDb;
let dir: string;
let app: Awaited<ReturnType<typeof buildApp>>;
const js = `export const x = "${'fidelia '.repeat(500)}";\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fid-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app shell</title>');
  const file = join(dir, 'assets', 'index-AbC123.js');
  writeFileSync(file, js);
  writeFileSync(`${file}.br`, brotliCompressSync(js));
  writeFileSync(`${file}.gz`, gzipSync(js));
  db = await createTestDb();
  app = await buildApp({ config: testConfig(), db, logger: false, webDist: dir });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('sends the brotli file to a browser that accepts it, cached as immutable', async () => {
  const r = await app.inject({
    method: 'GET',
    url: '/assets/index-AbC123.js',
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-encoding']).toBe('br');
  expect(r.rawPayload.length).toBeLessThan(js.length / 10);
  expect(brotliDecompressSync(r.rawPayload).toString()).toBe(js);
  expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
});

it('falls back to gzip, then to the plain file', async () => {
  const gz = await app.inject({
    method: 'GET',
    url: '/assets/index-AbC123.js',
    headers: { 'accept-encoding': 'gzip' },
  });
  expect(gz.headers['content-encoding']).toBe('gzip');
  const plain = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body).toBe(js);
});

it('does not cache the app shell for good', async () => {
  const r = await app.inject({ method: 'GET', url: '/' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['cache-control'] ?? '').not.toContain('immutable');
});
