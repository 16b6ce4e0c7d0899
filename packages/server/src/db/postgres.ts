// The PostgreSQL engine (DATABASE_URL) over node-postgres. Its own module so that a server on the
// embedded database never loads node-postgres: `openDb` imports it only for a URL, and loading
// pg at start-up (with the fetch implementation its Cloudflare check pulls in) took ≈ 20 ms of
// the main thread in a profile of a PGlite restart.
import pg from 'pg';
import type { Db, Sql, TQueryOptions } from './client';

function wrapPg(c: pg.Pool | pg.PoolClient, inTx: boolean): Sql {
  return {
    query: async <R>(text: string, params?: unknown[], opts?: TQueryOptions) => {
      const r = opts?.prepare
        ? await c.query({ name: opts.prepare, text, values: params ?? [] })
        : await c.query(text, params);
      return { rows: r.rows as R[] };
    },
    transaction: async (fn) => {
      if (inTx) return fn(wrapPg(c, true));
      const client = await (c as pg.Pool).connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrapPg(client, true));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (script) => {
      await c.query(script);
    },
  };
}

export function postgresDb(url: string, max = 10): Db {
  // JIT off for the app's sessions: its statements are index reads and sums of rollups, and a
  // misestimated plan (the sampled reports' per-response probes are costed at ~7M) would
  // otherwise spend 0.2–1.2 s compiling before a 0.3 s execution. A DBA can turn it back on
  // for a role; migrations 504's functions already set it off for themselves.
  // TimeZone UTC: a period's dates (`received_at >= $2::date`, CURRENT_DATE) and the rollups'
  // days are UTC days, as on PGlite; a server or database set to another zone must not shift a
  // period's edges by hours against its trend. A client's startup option outranks the server's,
  // database's and role's settings.
  const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off -c TimeZone=UTC' });
  // An idle client error (server restart) must not crash the process.
  pool.on('error', () => {});
  return {
    engine: 'postgres',
    ...wrapPg(pool, false),
    close: () => pool.end(),
  };
}
