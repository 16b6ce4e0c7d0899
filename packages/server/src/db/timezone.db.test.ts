// The app's sessions count days in UTC on both engines, whatever zone the server or the
// database is set to: a complaints period's edges (`received_at >= $2::date`) and the trend's
// UTC days must agree (a case at 23:30 UTC on 31 March is in March on both).
import pg from 'pg';
import { expect, it } from 'vitest';
import { createTestDb, testEngine } from '../../test/harness';
import { postgresDb } from './postgres';

const LATE_MARCH = `SELECT ('2026-03-31T23:30:00Z'::timestamptz < '2026-04-01'::date) AS in_march`;

it('counts the days in UTC on the engine under test', async () => {
  const db = await createTestDb();
  try {
    const r = await db.query<{ in_march: boolean }>(LATE_MARCH);
    expect(r.rows[0]?.in_march).toBe(true);
  } finally {
    await db.close();
  }
});

// PostgreSQL only: a database whose default zone is not UTC (PGlite has no server settings).
it.runIf(testEngine() === 'postgres')('keeps UTC on a database set to another zone', async () => {
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `fidelia_tz_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`ALTER DATABASE ${name} SET TimeZone = 'America/Bogota'`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const raw = new pg.Client({ connectionString: u.toString() });
  const db = postgresDb(u.toString(), 1);
  try {
    await raw.connect();
    // the database's own default would shift the edge: midnight of 1 April in Bogotá is 05:00
    // UTC, so a case at 02:00 UTC on 1 April would count in March
    const shifted = await raw.query<{ tz: string }>(`SELECT current_setting('TimeZone') AS tz`);
    expect(shifted.rows[0]?.tz).toBe('America/Bogota');
    const r = await db.query<{ tz: string; early: boolean }>(
      `SELECT current_setting('TimeZone') AS tz,
              ('2026-04-01T02:00:00Z'::timestamptz < '2026-04-01'::date) AS early`,
    );
    expect(r.rows[0]).toEqual({ tz: 'UTC', early: false });
  } finally {
    await raw.end();
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
});
