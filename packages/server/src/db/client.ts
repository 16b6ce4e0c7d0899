// The one database handle. A deliberately thin wrapper (no ORM): `query(text, params)` with
// $1.. placeholders returning `{ rows }`, `exec(script)` for multi-statement SQL, and
// `transaction(fn)`. It matches the customers module's TSql shape, and runs on PGlite (embedded,
// default, data in DATA_DIR/pgdata) or node-postgres (DATABASE_URL, db/postgres.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './lock';
import { copyTemplateInto } from './pglite-template';
import { prefetchedPgliteWasm } from './pglite-wasm';

export type Engine = 'pglite' | 'postgres';

export interface TQueryOptions {
  /** PostgreSQL: a named prepared statement (parsed and planned once per connection) for a
   * hot statement whose text never changes. Ignored on PGlite. */
  prepare?: string;
}

export interface Sql {
  query<R = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    opts?: TQueryOptions,
  ): Promise<{ rows: R[] }>;
  /** Runs fn in one transaction (nested calls join the outer one). */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Multi-statement script without parameters (migrations, DDL). */
  exec(script: string): Promise<void>;
}

export interface Db extends Sql {
  readonly engine: Engine;
  close(): Promise<void>;
}

// int8/numeric come back as strings from pg; we keep ids as uuid and counts as ::int in SQL.
function wrapPglite(db: PGlite | Transaction, inTx: boolean): Sql {
  return {
    query: async <R>(text: string, params?: unknown[]) => {
      const r = await db.query<R>(text, params);
      return { rows: r.rows };
    },
    transaction: (fn) =>
      inTx
        ? fn(wrapPglite(db, true))
        : (db as PGlite).transaction((tx) => fn(wrapPglite(tx, true))),
    exec: async (script) => {
      await db.exec(script);
    },
  };
}

export function pgliteDb(db: PGlite): Db {
  return {
    engine: 'pglite',
    ...wrapPglite(db, false),
    close: () => db.close(),
  };
}

/**
 * PGlite's buffer pool. The embedded postgres sets up its shared buffers inside the WASM heap,
 * which never shrinks: once a scan has been through them, all of them are resident. PostgreSQL's
 * default 128 MB put the server at ≈ 310 MB before any request, 32 MB at ≈ 205 MB (a scan of a
 * 2M-row table took the same time with both: the data files stay in the OS page cache, outside
 * the process); 16 MB took ≈ 20 MB off the server during a 200,000-response export, same CPU.
 * bench/RESULTS.md, "Survey responses export" and "Boot", has the measurements.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** Who opens the embedded database (named to a second process that finds it locked). */
  holder?: string;
}

/**
 * PostgreSQL when a URL is given, else PGlite persisted under dataDir/pgdata, locked to this
 * process until close (throws DataDirLockedError when another process has it open).
 */
export async function openDb(o: OpenDbOptions): Promise<Db> {
  if (o.databaseUrl) return (await import('./postgres')).postgresDb(o.databaseUrl);
  const dataDir = o.dataDir ?? './data';
  const dir = join(dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  const lock = lockDataDir(
    dataDir,
    o.holder ?? `a Fidelia process (${process.argv.slice(1).join(' ')})`,
  );
  try {
    // Under the lock, so two processes never fill the same directory at once.
    copyTemplateInto(dir);
    const pgliteWasmModule = await prefetchedPgliteWasm();
    const db = pgliteDb(
      await PGlite.create({
        dataDir: dir,
        startParams: [
          ...PGlite.defaultStartParams,
          '-c',
          `shared_buffers=${PGLITE_SHARED_BUFFERS}`,
        ],
        ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
      }),
    );
    return { ...db, close: () => db.close().finally(lock.release) };
  } catch (e) {
    lock.release();
    throw e;
  }
}
