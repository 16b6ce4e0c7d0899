// Test/bench database for the customer module alone: PGlite in memory or a fresh database on
// TEST_DATABASE_URL, with migration 100 applied. Used until the shared harness covers it.
import { readFileSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { TSql } from '../sql';

const MIGRATION = new URL('../../../db/migrations/100_customers.sql', import.meta.url);

export interface TTestSql extends TSql {
  close(): Promise<void>;
}

function wrapPglite(db: PGlite | Transaction): TSql {
  return {
    query: async <R>(text: string, params?: unknown[]) => {
      const r = await db.query<R>(text, params);
      return { rows: r.rows };
    },
    transaction: (fn) =>
      'transaction' in db && typeof db.transaction === 'function'
        ? (db as PGlite).transaction((tx) => fn(wrapPglite(tx)))
        : fn(wrapPglite(db)),
  };
}

function wrapClient(c: pg.Pool | pg.PoolClient, inTx: boolean): TSql {
  return {
    query: async <R>(text: string, params?: unknown[]) => {
      const r = await c.query(text, params);
      return { rows: r.rows as R[] };
    },
    transaction: async (fn) => {
      if (inTx) return fn(wrapClient(c, true));
      const client = 'release' in c ? c : await (c as pg.Pool).connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrapClient(client, true));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        if (client !== c) (client as pg.PoolClient).release();
      }
    },
  };
}

export async function openPglite(): Promise<TTestSql> {
  const db = new PGlite();
  await db.exec(readFileSync(MIGRATION, 'utf8'));
  return { ...wrapPglite(db), close: () => db.close() };
}

/** A fresh database on the server at `url`, dropped on close. */
export async function openPostgres(url: string): Promise<TTestSql> {
  const name = `cust_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 4 });
  await pool.query(readFileSync(MIGRATION, 'utf8'));
  return {
    ...wrapClient(pool, false),
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

export function openTestSql(): Promise<TTestSql> {
  const url = process.env.TEST_DATABASE_URL;
  return process.env.FIDELIA_TEST_ENGINE === 'postgres' && url ? openPostgres(url) : openPglite();
}
