// Survey responses export at scale: 200,000 responses (csat_transactional: 4 answers each, so
// 800,000 answer rows) exported as wide CSV, long CSV and XLSX through the real app over HTTP,
// while GET /api/health is sampled every 50 ms. The server runs in a child process (its own
// event loop, its own RSS), started on the database another child seeded (as after a restart);
// its peak RSS is reset (/proc/<pid>/clear_refs) right before each export, so each figure is
// that export's peak.
//   npx tsx bench/export-responses.ts pglite   [responses=200000]   (PGlite on disk, as npm start)
//   npx tsx bench/export-responses.ts postgres [responses=200000]   (TEST_DATABASE_URL, else a
//                                                                   throwaway cluster)
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app';
import { type Db, openDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { createOrg, login, testConfig } from '../packages/server/test/harness';
import { ensureServerBuild } from '../scripts/build-server.mjs';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import { SERVER_NODE_ARGS } from '../scripts/server-node-args.mjs';

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

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
    s.on('error', rej);
  });

/** The server as `npm start` runs it (the compiled bundle, the start script's Node flags), on
 * the seeded database; logs in over HTTP. BENCH_SERVER=tsx runs the `serve` child instead. */
async function serveBuilt(
  engine: string,
  dir: string,
  user: { email: string; password: string },
  env: Record<string, string>,
): Promise<{ c: ChildProcess; port: number; headers: Record<string, string> }> {
  await ensureServerBuild();
  const port = await freePort();
  const c = spawn(
    process.execPath,
    [
      ...SERVER_NODE_ARGS,
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'packages/server/dist/main.js',
    ],
    {
      cwd: resolve(import.meta.dirname, '..'),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        DATA_DIR: dir,
        ...(engine === 'postgres' ? { DATABASE_URL: env.BENCH_DB_URL as string } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (c.exitCode !== null) throw new Error(`server exited ${c.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const m = /fidelia_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '');
  if (r.status !== 200 || !m) throw new Error(`login failed ${r.status}`);
  return { c, port, headers: { cookie: `fidelia_session=${m[1]}` } };
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

const rssMb = (pid: number, field: 'VmHWM' | 'VmRSS') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
/** CPU time (user + system) a live process has used so far, in s. */
const cpuS = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

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
    const before = rssMb(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // peak RSS := current RSS
    const health: number[] = [];
    let done = false;
    const sampler = (async () => {
      while (!done) {
        const t = performance.now();
        const r = await fetch(`${base}/api/health`);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`health ${r.status}`);
        health.push(performance.now() - t);
        await new Promise((s) => setTimeout(s, 50));
      }
    })();
    const cpu0 = cpuS(pid);
    const t0 = performance.now();
    const r = await fetch(`${base}/api/surveys/${info.surveyId}/export?${q}&status=all`, {
      headers: info.headers,
    });
    if (r.status !== 200) throw new Error(`export ${r.status}: ${await r.text()}`);
    let bytes = 0;
    let lines = 0;
    for await (const c of r.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += c.length;
      for (let i = 0; i < c.length; i++) if (c[i] === 10) lines++;
    }
    const ms = performance.now() - t0;
    done = true;
    await sampler;
    const peak = rssMb(pid, 'VmHWM');
    const row = `| ${engine} | ${label} | ${(ms / 1000).toFixed(1)} s (CPU ${(cpuS(pid) - cpu0).toFixed(1)} s) | ${(bytes / 1e6).toFixed(0)} MB${
      label === 'XLSX' ? '' : ` (${lines - 1} rows)`
    } | ${before.toFixed(0)} MB | ${peak.toFixed(0)} MB | ${pct(health, 50).toFixed(1)} / ${pct(
      health,
      95,
    ).toFixed(1)} / ${Math.max(...health).toFixed(1)} ms (${health.length}) |`;
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
  console.log(
    '| engine | export | time (server CPU) | size | RSS before | peak RSS during | /api/health p50 / p95 / max (samples) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of out) console.log(r);
}

const [, , mode, a1, a2, a3] = process.argv;
if (mode === 'seed') await seedChild(a1 as string, a2 as string, Number(a3));
else if (mode === 'serve') await serve(a1 as string, a2 as string, JSON.parse(a3 as string));
else await main();
