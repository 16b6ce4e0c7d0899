// Customer import throughput: 100,000-row CSV through the real pipeline (streamed read,
// validation, diff, batched upserts) vs a baseline of plain batched INSERTs of the same rows
// with no validation, on PGlite and on PostgreSQL, in the same run. Also samples the latency
// of the app's GET /api/health (buildApp on the same database, same process) during the import.
//   npx tsx bench/import-customers.ts pglite|postgres [rows]   (one engine per process, so peak
//   RSS is that engine's)

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import { openDelimited } from '../packages/server/src/lib/tabular';
import { runImport } from '../packages/server/src/modules/customers/import/engine';
import { suggestMapping } from '../packages/server/src/modules/customers/import/mapping';
import {
  createBareOrg,
  createTestDb,
  type TestDb,
  testConfig,
} from '../packages/server/test/harness';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const ENGINE = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const N = Number(process.argv[3] ?? 100_000);
const FIRST = [
  'María',
  'José',
  'Lucía',
  'Javier',
  'Carmen',
  'Íñigo',
  'Ana',
  'Raúl',
  'Nuria',
  'Pablo',
];
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Muñoz', 'Ibáñez'];

function makeCsv(path: string): void {
  const lines = ['código,nombre,correo,teléfono,tipo,nivel,idioma,acepta email'];
  for (let i = 0; i < N; i++) {
    const f = FIRST[i % FIRST.length];
    const l = LAST[(i * 7) % LAST.length];
    lines.push(
      `C${String(i).padStart(7, '0')},${f} ${l},c${i}@ejemplo.es,+34 6${String(i).padStart(8, '0')},externo,${'ABC'[i % 3]},es,${i % 2 ? 'sí' : 'no'}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Baseline: the same rows, already split, inserted in 1000-row batches, nothing checked. */
async function baseline(db: TestDb, org: string, path: string): Promise<number> {
  const file = await openDelimited(path);
  const t0 = performance.now();
  let batch: string[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const recs = batch.map((v) => ({ external_id: v[0], name: v[1], email: v[2], phone: v[3] }));
    batch = [];
    await db.transaction((tx) =>
      tx.query(
        `INSERT INTO customers (org_id, external_id, name, email, phone)
         SELECT $1, r.external_id, r.name, r.email, r.phone
           FROM jsonb_to_recordset($2::jsonb) AS r(external_id text, name text, email text, phone text)`,
        [org, JSON.stringify(recs)],
      ),
    );
  };
  for await (const row of file.rows) {
    batch.push(row.values);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  return performance.now() - t0;
}

async function pipeline(db: TestDb, org: string, path: string) {
  const file = await openDelimited(path);
  const t0 = performance.now();
  const counts = await runImport(db, org, {
    header: file.header,
    rows: file.rows,
    mapping: suggestMapping(file.header),
    fields: new Map(),
    dryRun: false,
  });
  return { ms: performance.now() - t0, counts };
}

/** Samples GET /api/health of the real app (buildApp, same db, same process) every 50 ms. */
async function withHealthSampling<T>(
  db: TestDb,
  work: () => Promise<T>,
): Promise<{ out: T; n: number; p50: number; p99: number; max: number }> {
  const app = await buildApp({ config: testConfig(), db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const samples: number[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      const t = performance.now();
      await new Promise<void>((r) =>
        get(`http://127.0.0.1:${port}/api/health`, (res) => res.resume().on('end', r)),
      );
      samples.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const out = await work();
  running = false;
  await sampler;
  await app.close();
  samples.sort((a, b) => a - b);
  const q = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
  return { out, n: samples.length, p50: q(0.5), p99: q(0.99), max: samples.at(-1) ?? 0 };
}

async function benchEngine(name: string, open: () => Promise<TestDb>, path: string) {
  const db = await open();
  try {
    const base = await baseline(db, await createBareOrg(db), path);
    const orgH = await createBareOrg(db);
    const h = await withHealthSampling(db, () => pipeline(db, orgH, path));
    const org = await createBareOrg(db);
    await pipeline(db, org, path);
    const again = await pipeline(db, org, path);
    const rowsPerS = (ms: number) => Math.round(N / (ms / 1000));
    console.log(
      `${name}: import ${rowsPerS(h.out.ms)} rows/s (${(h.out.ms / 1000).toFixed(1)} s, inserted ${h.out.counts.inserted}), ` +
        `baseline plain INSERT ${rowsPerS(base)} rows/s (${(base / 1000).toFixed(1)} s), ` +
        `ratio import/baseline time ${(h.out.ms / base).toFixed(2)}x; ` +
        `re-import (all unchanged: ${again.counts.unchanged}) ${rowsPerS(again.ms)} rows/s; ` +
        `health during import (${h.n} samples) p50 ${h.p50.toFixed(1)} ms p99 ${h.p99.toFixed(1)} ms max ${h.max.toFixed(1)} ms`,
    );
  } finally {
    await db.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'fidelia-bench-'));
const csv = join(dir, 'customers.csv');
makeCsv(csv);
try {
  if (ENGINE === 'pglite')
    await benchEngine('PGlite', () => createTestDb({ engine: 'pglite' }), csv);
  else {
    const cluster = await startCluster();
    try {
      await benchEngine(
        'PostgreSQL',
        () => createTestDb({ engine: 'postgres', url: cluster.url }),
        csv,
      );
    } finally {
      await cluster.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`rows ${N}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
