// Plain SQL migrations, db/migrations/NNN_name.sql, applied in order once each and recorded in
// schema_migrations. 001–099 core, 100–199 customers, further ranges per module.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Sql } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export function migrationFiles(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ''), sql: readFileSync(`${dir}/${f}`, 'utf8') }));
}

// Any constant shared by every Fidelia process: the advisory lock that serialises migrations.
const MIGRATION_LOCK = 4_200_917_311;

/**
 * Applies pending migrations; returns the names applied. Each file runs in its own transaction
 * that first takes a transaction-scoped advisory lock and re-checks schema_migrations, so two
 * servers starting at once against the same PostgreSQL (replicas, a rolling deploy, `fidelia
 * migrate` next to a running server) apply each migration exactly once instead of racing.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  // A restart finds the table: no transaction (a commit each start) just to not create it.
  const exists = await db.query<{ t: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    });
  }
  const done = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map(
      (r) => r.name,
    ),
  );
  const applied: string[] = [];
  for (const m of migrationFiles(dir)) {
    if (done.has(m.name)) continue;
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const already = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (already.rows.length) return false; // another process applied it while we waited
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations(name) VALUES ($1)', [m.name]);
      return true;
    });
    if (ran) applied.push(m.name);
  }
  return applied;
}

export async function latestMigration(db: Sql): Promise<string | null> {
  const r = await db.query<{ name: string }>(
    'SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1',
  );
  return r.rows[0]?.name ?? null;
}
