// Survey responses export at scale: 200,000 responses (csat_transactional: 4 answers each, so
// 800,000 answer rows) exported as wide CSV, long CSV and XLSX through the real app over HTTP,
// while GET /api/health is sampled every 50 ms. The server runs in a child process (its own
// event loop, its own RSS), started on the database another child seeded (as after a restart);
// its peak RSS is reset (/proc/<pid>/clear_refs) right before each export, so each figure is
// that export's peak.
//   npx tsx bench/export-responses.ts pglite   [responses=200000]   (PGlite on disk, as npm start)
//   npx tsx bench/export-responses.ts postgres [responses=200000]   (TEST_DATABASE_URL, else a
//                                                                   throwaway cluster)
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app';
import { type Db, openDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { createOrg, login, testConfig } from '../packages/server/test/harness';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import { SERVER_NODE_ARGS } from '../scripts/server-node-args.mjs';
import { DOWNLOAD_HEAD, download, downloadRow, serveBuilt } from './server-harness';

const CHUNK = 20_000;

/** 200k responses and their answers, generated inside the database (deterministic ids). */
async function seed(db: Db, orgId: string, surveyId: string, n: number) {
  for (let from = 1; from <= n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK - 1);
    await db.query(
      `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
                                     raw, body_hash, started_at, submitted_at, created_at)
       SELECT $1, md5('r' || i)::uuid, $2, 1, 'complete', 'web', 'es', '{}'::jsonb, 'bench',
              now() - make_interval(secs => i), now() - make_interval(secs => i),
              now() - make_interval(secs => i)
         FROM generate_series($3::int, $4::int) i`,
      [orgId, surveyId, from, to],
    );
    await db.query(
      `INSERT INTO survey_answers (org_id, response_id, survey_id, question_key, item, tag, num, txt)
       SELECT $1, md5('r' || i)::uuid, $2, q.key, '', q.tag,
              CASE q.key WHEN 'csat' THEN 1 + i % 5 WHEN 'effort' THEN 1 + i % 7
                         WHEN 'resolved' THEN 1 + i % 3 END,
              CASE q.key WHEN 'resolved' THEN (ARRAY['yes','partly','no'])[1 + i % 3]
                         WHEN 'comment' THEN 'Comentario de prueba número ' || i END
         FROM generate_series($3::int, $4::int) i,
              (VALUES ('csat', 'csat'), ('effort', 'ces'), ('resolved', NULL),
                      ('comment', NULL)) q(key, tag)`,
      [orgId, surveyId, from, to],
    );
  }
}

const openBench = (engine: string, dir: string) =>
  engine === 'pglite'
    ? openDb({ dataDir: dir })
    : openDb({ databaseUrl: process.env.BENCH_DB_URL as string });

/** First child: creates and seeds the database, then exits (its memory is not the server's). */
async function seedChild(engine: string, dir: string, n: number) {
  const db = await openBench(engine, dir);
  await migrate(db);
  const org = await createOrg(db, 'Export bench');
  const surveyId = await ensureSurveyFromTemplate(
    db,
    org.orgId,
    'csat_transactional',
    'Export bench',
  );
  const t0 = performance.now();
  await seed(db, org.orgId, surveyId, n);
  const seedMs = performance.now() - t0;
  if (engine === 'postgres') await db.query('ANALYZE');
  await db.close();
  process.send?.({ surveyId, seedMs, user: org.users.owner });
  process.disconnect?.();
}

/** Second child: the server as started on an existing database; reports how to call it. */
async function serve(engine: string, dir: string, user: { email: string; password: string }) {
  const db = await openBench(engine, dir);
  const app = await buildApp({ config: testConfig(), db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const s = await login(app, user);
  process.on('message', async (m) => {
    if (m === 'stop') {
      await app.close();
      await db.close();
      process.exit(0);
    }
  });
  process.send?.({ port: (app.server.address() as AddressInfo).port, headers: s.headers });
}

function child<T>(args: string[], env: Record<string, string>) {
  const c = fork(fileURLToPath(import.meta.url), args, {
    // BENCH_NODE_ARGS: extra flags for the children, e.g. a heap cap to tell garbage from growth
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const first = new Promise<T>((res, rej) => {
    c.once('message', (m) => res(m as T));
    c.once('exit', (code) => rej(new Error(`${args[0]} exited ${code}`)));
  });
  return { c, first };
}

async function main() {
  const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
  const n = Number(process.argv[3] ?? 200_000);
  const load0 = loadavg()[0] ?? 0;
  let cluster: { url: string; stop: () => Promise<void> } | null = null;
  let dbName = '';
  let admin: pg.Client | null = null;
  const env: Record<string, string> = {};
  if (engine === 'postgres') {
    let base = process.env.TEST_DATABASE_URL;
    if (!base) {
      cluster = await startCluster();
      base = cluster?.url as string;
    }
    dbName = `bench_export_${process.pid}`;
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    env.BENCH_DB_URL = u.toString();
  }
  const dir = mkdtempSync(join(tmpdir(), 'fidelia-export-bench-'));
  const seeded = child<{
    surveyId: string;
    seedMs: number;
    user: { email: string; password: string };
  }>(['seed', engine, dir, String(n)], env);
  const made = await seeded.first;
  await new Promise((r) => (seeded.c.exitCode === null ? seeded.c.once('exit', r) : r(null)));
  const tsx = process.env.BENCH_SERVER === 'tsx';
  let srv: ChildProcess;
  let info: { port: number; headers: Record<string, string> } & typeof made;
  if (tsx) {
    const served = child<{ port: number; headers: Record<string, string> }>(
      ['serve', engine, dir, JSON.stringify(made.user)],
      env,
    );
    srv = served.c;
    info = { ...(await served.first), ...made };
  } else {
    const b = await serveBuilt(engine, dir, made.user, env);
    srv = b.c;
    info = { port: b.port, headers: b.headers, ...made };
  }
  const pid = srv.pid as number;
  const base = `http://127.0.0.1:${info.port}`;
  console.log(`seeded ${n} responses in ${(info.seedMs / 1000).toFixed(1)} s (${engine})`);
  const out: string[] = [];
  for (const [label, q] of [
    ['wide CSV', 'format=csv&shape=wide'],
    ['long CSV', 'format=csv&shape=long'],
    ['XLSX', 'format=xlsx&shape=wide'],
  ] as const) {
    const d = await download(
      pid,
      base,
      `/api/surveys/${info.surveyId}/export?${q}&status=all`,
      info.headers,
    );
    const row = downloadRow(engine, label, d, label !== 'XLSX');
    console.log(row);
    out.push(row);
  }
  const exited = new Promise((r) => srv.once('exit', r));
  if (tsx) srv.send('stop');
  else srv.kill('SIGTERM');
  await exited;
  rmSync(dir, { recursive: true, force: true });
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.end();
  }
  await cluster?.stop();
  console.log(
    `load average ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}; server: ${
      process.env.BENCH_SERVER === 'tsx' ? 'tsx sources' : 'compiled (as npm start)'
    } ${[...SERVER_NODE_ARGS, process.env.BENCH_NODE_ARGS ?? ''].join(' ')}`,
  );
  console.log(DOWNLOAD_HEAD);
  for (const r of out) console.log(r);
}

const [, , mode, a1, a2, a3] = process.argv;
if (mode === 'seed') await seedChild(a1 as string, a2 as string, Number(a3));
else if (mode === 'serve') await serve(a1 as string, a2 as string, JSON.parse(a3 as string));
else await main();
