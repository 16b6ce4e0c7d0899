// The respondent page (/s/*) is served as its own small bundle (respond.html), never the app
// shell; the app shell still answers other client-side routes. Runs on PGlite and PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb, testConfig } from '../../../test/harness';
import { buildApp } from '../../app';

let db: TestDb;
let dir: string;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fid-respond-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app shell</title>');
  writeFileSync(join(dir, 'respond.html'), '<!doctype html><title>respondent</title>');
  db = await createTestDb();
  app = await buildApp({ config: testConfig(), db, logger: false, webDist: dir });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

it.each(['/s/encuesta-nps', '/s/encuesta-nps?c=kiosk&u=1', '/s/t/AbCdEf123', '/s/unsubscribe/xyz'])(
  'serves respond.html for %s',
  async (url) => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain('respondent');
    expect(r.headers['cache-control']).toBe('no-cache');
  },
);

it('other client routes still get the app shell; unknown API paths a JSON 404', async () => {
  const shell = await app.inject({ method: 'GET', url: '/surveys/123/build' });
  expect(shell.body).toContain('app shell');
  const api = await app.inject({ method: 'GET', url: '/api/nope' });
  expect(api.statusCode).toBe(404);
  expect(api.json().error.code).toBe('NOT_FOUND');
});

it('without a built web app /s/* is a clean 404, not a 500', async () => {
  const bare = await buildApp({ config: testConfig(), db, logger: false });
  const r = await bare.inject({ method: 'GET', url: '/s/encuesta-nps' });
  expect(r.statusCode).toBe(404);
  expect(r.json().error.code).toBe('NOT_FOUND');
  await bare.close();
});
