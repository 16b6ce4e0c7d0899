// Test/bench database for the customer module: the core client (PGlite in memory, or a fresh
// database on TEST_DATABASE_URL) with every migration applied. Used until the shared harness
// covers it.
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Db, pgliteDb, postgresDb } from '../../../db/client';
import { migrate } from '../../../db/migrate';

export type TTestSql = Db;

export async function openPglite(): Promise<Db> {
  const db = pgliteDb(new PGlite());
  await migrate(db);
  return db;
}

/** A fresh database on the server at `url`, dropped on close. */
export async function openPostgres(url: string): Promise<Db> {
  const name = `cust_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = postgresDb(u.toString(), 4);
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

export function openTestSql(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  return process.env.FIDELIA_TEST_ENGINE === 'postgres' && url ? openPostgres(url) : openPglite();
}

/** A new org; returns its id. */
export async function createOrg(db: Db): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO orgs (id, name, slug) VALUES ($1, $2, $3)', [id, `Org ${id}`, id]);
  return id;
}

/** A unit under `parentId` (or a root); returns its id. */
export async function createUnit(
  db: Db,
  orgId: string,
  name: string,
  kind: 'company' | 'region' | 'branch' | 'team',
  parentId: string | null,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING id',
    [orgId, parentId, name, kind],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('unit insert returned nothing');
  return id;
}
