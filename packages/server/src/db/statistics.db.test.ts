// The embedded database's statistics keeper: a table never analysed, or grown by more than a
// tenth since, is ANALYZEd (pg_class and pg_stats show it); one already current is left alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/harness';
import { analyzeStaleTables } from './statistics';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const tuples = async () =>
  (
    await db.query<{ n: number }>(
      `SELECT reltuples::int AS n FROM pg_class WHERE relname = 'stat_probe'`,
    )
  ).rows[0]?.n;

it('analyses tables without statistics or grown since, largest first, and then stops', async () => {
  // (autovacuum off: on PostgreSQL it must not analyse the table between the steps)
  await db.query('CREATE TABLE stat_probe (id int, note text) WITH (autovacuum_enabled = false)');
  await db.query(`INSERT INTO stat_probe SELECT g, 'nota ' || g FROM generate_series(1, 5000) g`);
  // the whole migrated schema may be unanalysed too: pass until nothing is left
  let all: string[] = [];
  for (let i = 0; i < 100; i++) {
    const done = await analyzeStaleTables(db, 10);
    if (!done.length) break;
    all = all.concat(done);
  }
  expect(all).toContain('stat_probe');
  expect(await tuples()).toBe(5000);
  const stats = await db.query(`SELECT 1 FROM pg_stats WHERE tablename = 'stat_probe'`);
  expect(stats.rows.length).toBeGreaterThan(0);
  expect(await analyzeStaleTables(db, 10)).toEqual([]);

  // +2 % is not enough to matter; +40 % is
  await db.query(`INSERT INTO stat_probe SELECT g, 'nota ' || g FROM generate_series(1, 100) g`);
  expect(await analyzeStaleTables(db, 10)).toEqual([]);
  await db.query(`INSERT INTO stat_probe SELECT g, 'nota ' || g FROM generate_series(1, 2000) g`);
  expect(await analyzeStaleTables(db, 10)).toEqual(['stat_probe']);
  expect(await tuples()).toBe(7100);
  await db.query('DROP TABLE stat_probe');
});
