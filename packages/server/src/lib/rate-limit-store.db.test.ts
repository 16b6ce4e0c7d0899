// The database-backed rate-limit counter: exact under concurrency, shared by several counters
// (= server instances) on one database, never admitting more than the limit, fixed windows,
// expired rows deleted. Runs on PGlite and PostgreSQL.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../../test/harness';
import { RateLimitCounter } from './rate-limit-store';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const MINUTE = 60_000;
const rows = async (key: string) =>
  (await db.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE key = $1', [key])).rows.map(
    (r) => r.hits,
  );

it('counts concurrent hits from two instances exactly (small limit: no reserved block)', async () => {
  const a = new RateLimitCounter(db);
  const b = new RateLimitCounter(db);
  const hits = await Promise.all(
    Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit('exact', MINUTE, 10)),
  );
  expect(hits.map((h) => h.current).sort((x, y) => x - y)).toEqual(
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  for (const h of hits) expect(h.ttl).toBeGreaterThan(0);
  expect(await rows('exact')).toEqual([30]);
});

it('never admits more than the limit over several instances (large limit: reserved blocks)', async () => {
  const counters = [new RateLimitCounter(db), new RateLimitCounter(db), new RateLimitCounter(db)];
  const max = 200; // blocks of 10
  const hits: number[] = [];
  for (let round = 0; round < 10; round++) {
    const r = await Promise.all(
      Array.from({ length: 60 }, (_, i) => counters[i % 3]?.hit('blocks', MINUTE, max)),
    );
    hits.push(...r.map((h) => h?.current as number));
  }
  const admitted = hits.filter((c) => c <= max).length;
  expect(admitted).toBeLessThanOrEqual(max);
  // unused blocks of the other two instances at most
  expect(admitted).toBeGreaterThanOrEqual(max - 2 * 10);
  expect(new Set(hits).size).toBe(hits.length); // every hit got its own number
  const [stored] = await rows('blocks');
  expect(stored).toBeGreaterThanOrEqual(600);
});

it('starts a new count in the next window and deletes ended windows', async () => {
  let now = 10 * MINUTE + 5;
  const c = new RateLimitCounter(db, () => now);
  expect((await c.hit('win', MINUTE, 5)).current).toBe(1);
  expect((await c.hit('win', MINUTE, 5)).current).toBe(2);
  now += MINUTE;
  const next = await c.hit('win', MINUTE, 5);
  expect(next).toEqual({ current: 1, ttl: MINUTE });
  // A minute after the last cleanup, a write also deletes the ended window's row.
  await c.hit('other', MINUTE, 5);
  await vi.waitFor(async () => expect(await rows('win')).toEqual([1]), { timeout: 10_000 });
  expect(await rows('other')).toEqual([1]);
});

it('fails the hit, not the process, when the database errors', async () => {
  const broken = { ...db, query: () => Promise.reject(new Error('db down')) };
  const c = new RateLimitCounter(broken);
  await expect(c.hit('x', MINUTE, 5)).rejects.toThrow('db down');
});
