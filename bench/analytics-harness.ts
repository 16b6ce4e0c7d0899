// Shared by the analytics benches (dashboard, SERVQUAL): a throwaway database on either engine,
// CPU accounting that includes PostgreSQL's backends, load sampling, quantiles, and the loop
// that times each endpoint alternating with DuckDB answering the same aggregates.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import type { buildApp } from '../packages/server/src/app';
import { type Db, openDb } from '../packages/server/src/db/client';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

export const q = (ms: number[], p: number) => {
  const s = [...ms].sort((x, y) => x - y);
  return +(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0).toFixed(1);
};
export const median = (ms: number[]) => q(ms, 0.5);

export interface TBenchDb {
  db: Db;
  dir: string;
  /** BENCH_KEEP: what an earlier run stored with keep() (its database was loaded), else null */
  kept: Record<string, unknown> | null;
  /** BENCH_KEEP: marks the loaded database reusable by the next run with the same key */
  keep: (meta: Record<string, unknown>) => void;
  /** CPU ms of this process, plus (PostgreSQL) of this database's backends. */
  cpuMs: () => Promise<number>;
  loads: () => { min: number; max: number; median: number };
  close: () => Promise<void>;
}

/**
 * A throwaway database, or with BENCH_KEEP=<key> one kept across runs: a load of 1M SERVQUAL
 * responses takes most of an hour, so the load and the timed reads can run at different times
 * (the reads on a quiet machine). Migrations added since the load apply when the app opens it.
 */
export async function openBenchDb(
  engine: 'pglite' | 'postgres',
  prefix: string,
): Promise<TBenchDb> {
  const keepKey = process.env.BENCH_KEEP ? `${prefix}_${engine}_${process.env.BENCH_KEEP}` : null;
  const metaFile = keepKey ? join(tmpdir(), `fid-keep-${keepKey}.json`) : null;
  const kept =
    metaFile && existsSync(metaFile)
      ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>)
      : null;
  const loads: number[] = [];
  const sample = () => loads.push(+(loadavg()[0] ?? 0).toFixed(2));
  const ticker = setInterval(sample, 5000);
  sample();
  let cluster: { url: string; stop?: () => Promise<void> } | null = null;
  let admin: pg.Client | null = null;
  const name = keepKey ? `keep_${keepKey}`.toLowerCase() : `${prefix}_${process.pid}`;
  const dir = keepKey
    ? join(tmpdir(), `fid-keep-${keepKey}`)
    : mkdtempSync(join(tmpdir(), `fid-${prefix}-`));
  if (keepKey && !kept) {
    // an unfinished earlier load is started again
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  let db: Db;
  if (engine === 'postgres') {
    cluster = process.env.TEST_DATABASE_URL ? null : await startCluster();
    const base = process.env.TEST_DATABASE_URL ?? (cluster as { url: string }).url;
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    if (!kept) {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
    const u = new URL(base);
    u.pathname = `/${name}`;
    db = await openDb({ databaseUrl: u.toString() });
  } else {
    db = await openDb({ dataDir: keepKey ? join(dir, 'pgdata') : dir });
  }
  const cpuMs = async () => {
    const c = process.cpuUsage();
    let ms = (c.user + c.system) / 1000;
    if (admin) {
      const r = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      for (const { pid } of r.rows) {
        try {
          const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const v = f.slice(f.lastIndexOf(')') + 2).split(' ');
          ms += ((Number(v[11]) || 0) + (Number(v[12]) || 0)) * 10; // utime + stime, 100 Hz
        } catch {
          // another host's server, or the backend is gone
        }
      }
    }
    return ms;
  };
  return {
    db,
    dir,
    kept,
    keep: (meta) => {
      if (metaFile) writeFileSync(metaFile, JSON.stringify(meta));
    },
    cpuMs,
    loads: () => ({ min: Math.min(...loads), max: Math.max(...loads), median: median(loads) }),
    close: async () => {
      clearInterval(ticker);
      await db.close();
      if (admin) {
        if (!keepKey) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.end();
      }
      await cluster?.stop?.();
      if (!keepKey) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The baseline: an in-memory DuckDB on one thread (a fair match for our one request at a time). */
export async function duckDb() {
  const duck = await DuckDBInstance.create(':memory:');
  const dc = await duck.connect();
  await dc.run('SET threads = 1');
  return {
    run: (sql: string) => dc.run(sql),
    rows: async (sql: string) =>
      (await (await dc.runAndReadAll(sql)).getRowObjectsJson()) as Record<string, unknown>[],
    close: () => {
      dc.closeSync();
      duck.closeSync();
    },
  };
}

export interface TEndpoint<B> {
  label: string;
  url: string;
  duck: string;
  check: ((ours: B, duck: Record<string, unknown>[]) => boolean) | null;
}

/**
 * R rounds per endpoint, alternating one request of ours with one DuckDB query, after one
 * untimed-in-the-quantiles first round of each: its time is reported apart as `first` (the
 * process's first read of a kept database pulls its pages from disk; a running server has them).
 */
export async function timeEndpoints<B>(
  app: Awaited<ReturnType<typeof buildApp>>,
  headers: Record<string, string>,
  endpoints: TEndpoint<B>[],
  R: number,
  cpuMs: () => Promise<number>,
  duckRows: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<Record<string, unknown>[]> {
  const results: Record<string, unknown>[] = [];
  for (const e of endpoints) {
    const ours: number[] = [];
    const duckMs: number[] = [];
    let oursCpu = 0;
    let duckCpu = 0;
    let body = {} as B;
    let drows: Record<string, unknown>[] = [];
    let first = 0;
    let duckFirst = 0;
    for (let i = -1; i < R; i++) {
      let c = await cpuMs();
      let t = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: e.url, headers });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i < 0) first = ms;
      else ours.push(ms);
      if (i >= 0) oursCpu += (await cpuMs()) - c;
      if (res.statusCode !== 200) throw new Error(`${e.label}: ${res.statusCode} ${res.body}`);
      body = res.json();
      c = await cpuMs();
      t = process.hrtime.bigint();
      drows = await duckRows(e.duck);
      const dms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i < 0) duckFirst = dms;
      else {
        duckMs.push(dms);
        duckCpu += (await cpuMs()) - c;
      }
    }
    const row = {
      endpoint: e.label,
      first: +first.toFixed(1),
      duckFirst: +duckFirst.toFixed(1),
      p50: q(ours, 0.5),
      p95: q(ours, 0.95),
      cpuMs: +(oursCpu / R).toFixed(1),
      duckP50: q(duckMs, 0.5),
      duckP95: q(duckMs, 0.95),
      duckCpuMs: +(duckCpu / R).toFixed(1),
      ratioP50: +(median(ours) / Math.max(0.01, median(duckMs))).toFixed(2),
      same: e.check ? e.check(body, drows) : null,
    };
    results.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
  return results;
}
