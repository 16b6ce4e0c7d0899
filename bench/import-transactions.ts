// Transactions import (retention) on the full CDNOW_master file (69,659 purchases of 23,570
// customers, whitespace text converted to CSV at upload), through the real pipeline: upload,
// then runImport — streamed read, row validation (dates, amounts, duplicates, unknown
// customers), 2000-row batched upserts with insert/update/unchanged counts, rejection report.
// Baseline in the same run: the same rows (parsed once, outside the timing) written with plain
// batched `INSERT … unnest` into a table of the same shape (no validation, no diff) — the floor
// of writing them at all on that engine. Rounds alternate baseline / import / re-import (all
// unchanged) and the figures are medians.
//   npx tsx bench/import-transactions.ts pglite [rounds]     (PGlite in memory)
//   npx tsx bench/import-transactions.ts postgres [rounds]   (DATABASE_URL, or a throwaway cluster)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Db, pgliteDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { postgresDb } from '../packages/server/src/db/postgres';
import type { AuthContext } from '../packages/server/src/lib/access';
import { runImport, status, upload } from '../packages/server/src/modules/retention/import';
import { cdnowTextToCsv } from '../packages/server/src/modules/retention/rows';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const ENGINE = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const ROUNDS = Number(process.argv[3] ?? 3);
const FILE = resolve(import.meta.dirname, '../../shared/datasets/CDNOW_master.txt');

async function open(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (ENGINE === 'pglite') {
    const db = pgliteDb(await PGlite.create());
    return { db, cleanup: () => db.close() };
  }
  let cluster: { url: string; stop: () => void } | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    cluster = await startCluster();
    url = (cluster as { url: string }).url;
  }
  const name = `fidelia_bench_tx_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = postgresDb(u.toString(), 4);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
      cluster?.stop();
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// PROF=1: time every statement of the import by its first words (to find where time goes).
const prof = new Map<string, [number, number]>();
function timed(d: Db): Db {
  const wrap = (q: Db['query']) => async (text: string, params?: unknown[]) => {
    const k = text.replace(/\s+/g, ' ').slice(0, 60);
    const t = performance.now();
    try {
      return await q(text, params);
    } finally {
      const p = prof.get(k) ?? [0, 0];
      p[0] += performance.now() - t;
      p[1]++;
      prof.set(k, p);
    }
  };
  const w = (x: Db): Db =>
    ({
      ...x,
      query: wrap(x.query.bind(x)) as Db['query'],
      transaction: (fn: (tx: Db) => Promise<unknown>) => x.transaction((tx) => fn(w(tx as Db))),
    }) as Db;
  return w(d);
}

const bytes = readFileSync(FILE);
const opened = await open();
const cleanup = opened.cleanup;
const db = process.env.PROF ? timed(opened.db) : opened.db;
try {
  await migrate(db);
  const orgId = (
    await db.query<{ id: string }>(
      `INSERT INTO orgs (name, slug) VALUES ('Bench', 'bench-tx') RETURNING id`,
    )
  ).rows[0]?.id as string;
  const userId = (
    await db.query<{ id: string }>(
      `INSERT INTO users (org_id, email, name, role, password_hash)
       VALUES ($1, 'bench@example.es', 'Bench', 'owner', 'x') RETURNING id`,
      [orgId],
    )
  ).rows[0]?.id as string;
  const auth: AuthContext = {
    orgId,
    userId,
    role: 'owner',
    unitId: null,
    email: 'bench@example.es',
    via: 'session',
    scopes: [],
  };
  // The customers the purchases belong to (CDNOW ids 00001–23570), set-based.
  await db.query(
    `INSERT INTO customers (org_id, external_id, name)
     SELECT $1, lpad(g::text, 5, '0'), 'Cliente ' || g FROM generate_series(1, 23570) g`,
    [orgId],
  );
  // Baseline rows: the file parsed once, outside the timing.
  const csv = cdnowTextToCsv(bytes.toString('utf8')) as string;
  const lines = csv.trim().split('\n').slice(1);
  const ids = new Map(
    (
      await db.query<{ id: string; external_id: string }>(
        'SELECT id, external_id FROM customers WHERE org_id = $1',
        [orgId],
      )
    ).rows.map((r) => [r.external_id, r.id]),
  );
  const seen = new Map<string, number>();
  const plain = lines.map((l) => {
    const [c, d, u, a] = l.split(',') as [string, string, string, string];
    const key = `${c}:${d}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      e: `${key}:${n}`,
      c: ids.get(c) as string,
      d: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
      a,
      u: Number(u),
    };
  });
  await db.exec(`CREATE TABLE bench_plain (org_id uuid NOT NULL, external_id text NOT NULL,
    customer_id uuid NOT NULL, occurred_on date NOT NULL, amount numeric NOT NULL,
    currency text NOT NULL, type text NOT NULL, units int, PRIMARY KEY (org_id, external_id))`);

  const base: number[] = [];
  const imp: number[] = [];
  const impCpu: number[] = [];
  const again: number[] = [];
  const loads: number[] = [];
  let counts: unknown = null;
  let recounts: unknown = null;
  let rejected = -1;
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg()[0] as number);
    await db.query('TRUNCATE bench_plain');
    let t = performance.now();
    for (let i = 0; i < plain.length; i += 2000) {
      const b = plain.slice(i, i + 2000);
      await db.query(
        `INSERT INTO bench_plain (org_id, external_id, customer_id, occurred_on, amount, currency, type, units)
         SELECT $1, e, c, d::date, a, 'USD', 'purchase', u
           FROM unnest($2::text[], $3::uuid[], $4::text[], $5::numeric[], $6::int[]) AS t(e, c, d, a, u)`,
        [
          orgId,
          b.map((x) => x.e),
          b.map((x) => x.c),
          b.map((x) => x.d),
          b.map((x) => x.a),
          b.map((x) => x.u),
        ],
      );
    }
    base.push(performance.now() - t);

    await db.query('DELETE FROM retention_transactions WHERE org_id = $1', [orgId]);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const up = await upload(db, auth, 'CDNOW_master.txt', bytes);
    counts = await runImport(db, orgId, up.id);
    imp.push(performance.now() - t);
    const cpu = process.cpuUsage(cpu0);
    impCpu.push((cpu.user + cpu.system) / 1000);
    rejected = (await status(db, orgId, up.id)).rejected;

    t = performance.now();
    const up2 = await upload(db, auth, 'CDNOW_master.txt', bytes);
    recounts = await runImport(db, orgId, up2.id);
    again.push(performance.now() - t);
  }
  const n = plain.length;
  const rate = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');
  console.log(
    `\nTransactions import — engine ${ENGINE}, ${n.toLocaleString('en')} rows (CDNOW_master), ${ROUNDS} alternating rounds, medians; 1-min load average at each round ${loads.map((x) => x.toFixed(1)).join(', ')}; ${new Date().toISOString()}`,
  );
  console.log(
    `import counts ${JSON.stringify(counts)}; re-import ${JSON.stringify(recounts)}; rejections stored ${rejected}`,
  );
  console.log(
    '| engine | import (upload + run) | rows/s | process CPU | baseline plain INSERT | baseline rows/s | import / baseline | re-import (all unchanged) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${ENGINE} | ${(median(imp) / 1000).toFixed(2)} s | ${rate(median(imp))} | ${(median(impCpu) / 1000).toFixed(2)} s | ${(median(base) / 1000).toFixed(2)} s | ${rate(median(base))} | ${(median(imp) / median(base)).toFixed(2)}x | ${(median(again) / 1000).toFixed(2)} s (${rate(median(again))} rows/s) |`,
  );
  for (const [k, [ms, c]] of [...prof].sort((a, b) => b[1][0] - a[1][0]).slice(0, 12))
    console.log(ms.toFixed(0).padStart(8), String(c).padStart(6), k);
} finally {
  await cleanup();
}
