// Planner statistics on the embedded database. PostgreSQL's autovacuum ANALYZEs a table once a
// tenth of it has changed; PGlite runs no background workers (and keeps no pg_stat counters), so
// its tables were never analysed: the planner guessed 150 rows for 50,000 complaints and probed
// the customers' key 50,000 times (the complaints report at 0.5 s instead of 0.2 s).
//
// The keeper does autovacuum's job by size instead of by change counts: a table is analysed when
// it never was (no column statistics), or when its size in pages moved by more than a tenth (and 8 pages) since its
// last ANALYZE (pg_class.relpages, which ANALYZE sets). A few tables per pass, the largest first,
// so the one embedded connection is never held for long; on PostgreSQL autovacuum does it.
import type { Logger } from 'pino';
import { startPolling, type TPolling } from '../lib/poll';
import type { Db, Sql } from './client';

const STALE_TABLES = `
  SELECT c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r'
     AND pg_relation_size(c.oid) > 0
     AND (c.reltuples < 0
          -- sizes set (CREATE INDEX does that) but no column statistics yet
          OR NOT EXISTS (SELECT 1 FROM pg_stats s
                          WHERE s.schemaname = 'public' AND s.tablename = c.relname)
          OR abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages)
             > 8 + 0.1 * c.relpages)
   ORDER BY pg_relation_size(c.oid) DESC
   LIMIT $1`;

/** ANALYZEs up to `limit` tables whose statistics are missing or stale; returns their names. */
export async function analyzeStaleTables(db: Sql, limit = 3): Promise<string[]> {
  const r = await db.query<{ name: string }>(STALE_TABLES, [limit]);
  // names from pg_class, quoted as identifiers
  for (const { name } of r.rows) await db.query(`ANALYZE "${name.replaceAll('"', '""')}"`);
  return r.rows.map((x) => x.name);
}

/**
 * On PGlite, a pass every `intervalMs` (the first soon after start); nothing on PostgreSQL.
 * Returns stop(), which waits for a pass in progress.
 */
export function startStatisticsKeeper(db: Db, log: Logger, intervalMs = 5 * 60_000): TPolling {
  if (db.engine !== 'pglite') return { stop: async () => {} };
  return startPolling(
    async () => {
      const t0 = performance.now();
      const tables = await analyzeStaleTables(db);
      if (tables.length)
        log.info({ tables, ms: Math.round(performance.now() - t0) }, 'planner statistics updated');
    },
    {
      intervalMs,
      firstMs: Math.min(intervalMs, 30_000),
      onError: (err) => log.error({ err }, 'planner statistics update failed'),
      unref: true,
    },
  );
}
