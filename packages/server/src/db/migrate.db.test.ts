// Two processes migrating the same empty database at once (replicas starting together, or
// `fidelia migrate` next to a running server) apply every migration exactly once.
import pg from 'pg';
import { expect, it } from 'vitest';
import { testEngine } from '../../test/harness';
import type { Db } from './client';
import { migrate, migrationFiles } from './migrate';
import { postgresDb } from './postgres';

async function emptyDatabase(): Promise<{ a: Db; b: Db; cleanup: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `fidelia_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const a = postgresDb(u.toString(), 2);
  const b = postgresDb(u.toString(), 2);
  return {
    a,
    b,
    cleanup: async () => {
      await a.close();
      await b.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

// PostgreSQL only: a PGlite data directory belongs to one process.
it.runIf(testEngine() === 'postgres')(
  'concurrent migrations apply each file exactly once',
  async () => {
    const { a, b, cleanup } = await emptyDatabase();
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      const names = migrationFiles().map((m) => m.name);
      expect([...ra, ...rb].sort()).toEqual(names);
      const rows = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows.rows[0]?.n).toBe(names.length);
      expect(await migrate(b)).toEqual([]); // and a later start finds nothing to do
    } finally {
      await cleanup();
    }
  },
);
