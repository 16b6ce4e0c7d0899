// Found by the fuzz tier (issue 13): the customer export started streaming before its filters
// were resolved, so a non-uuid unitId (a ::uuid cast error) or an unknown segmentId cut the
// connection mid-answer. Both are now answered properly.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let s: Session;
beforeAll(async () => {
  t = await createTestApp();
  s = await login(t.app, (await createOrg(t.db, 'Export')).users.agent);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const get = (q: string) =>
  t.app.inject({ method: 'GET', url: `/api/customers/export?${q}`, headers: s.headers });

it('a unit id that is not a uuid matches no customer (CSV with the header only)', async () => {
  for (const q of ['unitId=abc', 'unitId=abc&format=xlsx', 'unitId=%2500']) {
    const r = await get(q);
    expect(r.statusCode, q).toBe(200);
  }
  expect((await get('unitId=abc')).body.trim().split('\n')).toHaveLength(1);
});

it('an unknown segment is a 404 before any byte of the file', async () => {
  for (const id of ['abc', '00000000-0000-4000-8000-000000000000']) {
    const r = await get(`segmentId=${id}`);
    expect(r.statusCode, id).toBe(404);
    expect((r.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  }
});
