// Survey submissions/s on PostgreSQL through the real app (public POST: zod shape check, answer
// validation against the published version, idempotent insert of response + long answers,
// follow-up/webhook/quota checks) vs a bare Fastify route doing one INSERT of the same JSON on
// the same database. Both servers run in one child process (its own event loop); autocannon runs
// in this process, alternating short rounds so that load from other processes hits both alike.
// Afterwards: every acknowledged (201) id is in the database (zero lost), ids are unique, answer
// rows match, and re-sending 500 acknowledged bodies replays (200) without new rows (zero dup).
//   npx tsx bench/surveys-submit.ts [seconds per round=4] [connections=32] [rounds=8]
// The headline is the median of the per-round-pair ratios (each pair back to back), which is
// far steadier than either absolute figure on a shared machine.
//   (PostgreSQL: TEST_DATABASE_URL, else a throwaway cluster via scripts/pg-cluster.mjs)
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app';
import { migrate } from '../packages/server/src/db/migrate';
import { postgresDb } from '../packages/server/src/db/postgres';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { testConfig } from '../packages/server/test/harness';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const SERVE = process.argv[2] === 'serve';
const POOL = 10;
const PATH = '/api/public/surveys/bench-nps/responses';
const REASONS = ['Muy buena atención', 'Esperé demasiado', 'Correcto', 'La app va muy bien'];

/** Child: both servers on one database, ports reported to the parent. */
async function serve(url: string) {
  process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
  const db = postgresDb(url, POOL);
  const barePool = new pg.Pool({ connectionString: url, max: POOL });
  const bare = Fastify({ logger: false });
  bare.post('/bare', async (req, reply) => {
    const b = req.body as { id: string };
    await barePool.query('INSERT INTO bench_bare (id, body) VALUES ($1, $2::jsonb)', [
      b.id,
      JSON.stringify(b),
    ]);
    return reply.status(201).send({ id: b.id });
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const app = await buildApp({
    config: testConfig({ rateLimitAuth: 1e8, rateLimitSurvey: 1e8 }),
    db,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // CPU time of this process on request (µs), to report server CPU per request of each kind.
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ cpu: u.user + u.system });
    }
  });
  process.send?.({
    bare: (bare.server.address() as AddressInfo).port,
    app: (app.server.address() as AddressInfo).port,
  });
}

async function main() {
  const SECONDS = Number(process.argv[2] ?? 4);
  const CONNECTIONS = Number(process.argv[3] ?? 32);
  const ROUNDS = Number(process.argv[4] ?? 8);
  const load0 = loadavg()[0] ?? 0;
  let cluster: { url: string; stop: () => Promise<void> } | null = null;
  let base = process.env.TEST_DATABASE_URL;
  if (!base) {
    cluster = await startCluster();
    base = cluster?.url as string;
  }
  const name = `bench_surveys_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = postgresDb(url, 2);
  await migrate(db);
  const o = await db.query<{ id: string }>(
    `INSERT INTO orgs (name, slug) VALUES ('Bench', 'bench') RETURNING id`,
  );
  const orgId = (o.rows[0] as { id: string }).id;
  await ensureSurveyFromTemplate(db, orgId, 'nps_relational', 'Bench NPS', { slug: 'bench-nps' });
  await db.exec('CREATE TABLE bench_bare (id uuid PRIMARY KEY, body jsonb NOT NULL)');
  // Diagnostic (BENCH_NO_PARENT_FK=1): without the response's FKs to the hot parent rows (the org
  // and the survey version every insert locks FOR KEY SHARE), to measure what they cost.
  if (process.env.BENCH_NO_PARENT_FK) {
    await db.exec(`ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_org_id_fkey;
      ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_org_id_survey_id_version_fkey`);
  }
  // Diagnostic: any schema what-if, e.g. BENCH_SQL='DROP INDEX survey_answers_survey_tag'.
  if (process.env.BENCH_SQL) await db.exec(process.env.BENCH_SQL);

  const child = fork(fileURLToPath(import.meta.url), ['serve', url], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    ],
    stdio: 'inherit',
  });
  const ports = await new Promise<{ bare: number; app: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { bare: number; app: number }));
    child.once('exit', (c) => reject(new Error(`server exited ${c}`)));
  });

  const sent = new Map<string, string>();
  const acked = new Set<string>();
  const bodyOf = () => {
    const id = randomUUID();
    const nps = Math.floor(Math.random() * 11);
    const body = JSON.stringify({
      id,
      status: 'complete',
      language: 'es',
      answers: { nps, reason: REASONS[nps % REASONS.length], satisfaction: Math.min(10, nps + 1) },
    });
    sent.set(id, body);
    return body;
  };
  const run = (port: number, path: string, seconds: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: CONNECTIONS,
          duration: seconds,
          requests: [
            {
              method: 'POST',
              path,
              headers: { 'content-type': 'application/json' },
              setupRequest: (req) => ({ ...req, body: bodyOf() }),
              onResponse: (status, body) => {
                if (status === 201 && path === PATH) {
                  acked.add((JSON.parse(body) as { id: string }).id);
                }
              },
            },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    });

  // Warm-up (JIT, pools, caches), then a clean slate.
  await run(ports.bare, '/bare', 2);
  await run(ports.app, PATH, 2);
  await new Promise((r) => setTimeout(r, 1000));
  await db.query('TRUNCATE survey_answers, survey_responses, bench_bare');
  sent.clear();
  acked.clear();

  const cpu = () =>
    new Promise<number>((resolve) => {
      const on = (m: unknown) => {
        if (typeof m === 'object' && m !== null && 'cpu' in m) {
          child.off('message', on);
          resolve((m as { cpu: number }).cpu);
        }
      };
      child.on('message', on);
      child.send('cpu');
    });
  // CPU time (µs) of the database backends serving this benchmark's database (both servers'
  // pools), read from /proc: with the server's own CPU it gives the total CPU cost per request,
  // a figure that load from other processes does not distort the way req/s is distorted.
  const tick = 1e6 / 100; // USER_HZ is 100 on Linux
  const dbCpu = async () => {
    const pids = (
      await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
        name,
      ])
    ).rows.map((r) => r.pid);
    const us = new Map<number, number>();
    for (const pid of pids) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        us.set(pid, (Number(f[11]) + Number(f[12])) * tick);
      } catch {
        // backend gone (or another host): not counted
      }
    }
    return us;
  };
  /** CPU used between two reads: backends that appeared count whole, vanished ones not at all. */
  const dbDelta = (a: Map<number, number>, b: Map<number, number>) => {
    let us = 0;
    for (const [pid, v] of b) us += v - (a.get(pid) ?? 0);
    return us;
  };
  const rounds: {
    kind: 'bare' | 'surveys';
    rps: number;
    p99: number;
    other: number;
    cpuUsPerReq: number;
    dbUsPerReq: number;
  }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? (['surveys', 'bare'] as const) : (['bare', 'surveys'] as const);
    for (const kind of order) {
      const c0 = await cpu();
      const d0 = await dbCpu();
      const r = await run(
        kind === 'bare' ? ports.bare : ports.app,
        kind === 'bare' ? '/bare' : PATH,
        SECONDS,
      );
      const cpuUsPerReq = (await cpu()) - c0;
      const d1 = await dbCpu();
      const rps = r['2xx'] / (r.duration || SECONDS);
      const perReq = Math.round(cpuUsPerReq / Math.max(1, r['2xx']));
      const dbUs = dbDelta(d0, d1);
      const dbPerReq = Math.round(dbUs / Math.max(1, r['2xx']));
      rounds.push({
        kind,
        rps,
        p99: r.latency.p99,
        other: r.non2xx + r.errors + r.timeouts,
        cpuUsPerReq: perReq,
        dbUsPerReq: dbPerReq,
      });
      process.stdout.write(
        `${kind.padEnd(7)} round ${i + 1}: ${rps.toFixed(0)} req/s, p99 ${r.latency.p99} ms, server CPU ${perReq} µs/req, db CPU ${dbPerReq} µs/req, non-2xx/errors ${r.non2xx + r.errors + r.timeouts}\n`,
      );
    }
  }

  // Let in-flight requests finish, then check the database against what was acknowledged.
  await new Promise((r) => setTimeout(r, 2000));
  const q = async (sql: string, params: unknown[] = []) =>
    ((await db.query<{ n: number }>(sql, params)).rows[0] as { n: number }).n;
  const responses = await q('SELECT count(*)::int AS n FROM survey_responses');
  const distinct = await q('SELECT count(DISTINCT id)::int AS n FROM survey_responses');
  const answers = await q('SELECT count(*)::int AS n FROM survey_answers');
  const ackedIds = [...acked];
  const ackedStored = await q(
    'SELECT count(*)::int AS n FROM survey_responses WHERE id = ANY($1::uuid[])',
    [ackedIds],
  );
  const unknown = await q(
    'SELECT count(*)::int AS n FROM survey_responses WHERE NOT (id = ANY($1::uuid[]))',
    [[...sent.keys()]],
  );
  let replays = 0;
  const resend = ackedIds.slice(0, 500);
  for (const id of resend) {
    const r = await fetch(`http://127.0.0.1:${ports.app}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sent.get(id) as string,
    });
    if (r.status === 200 && ((await r.json()) as { replay: boolean }).replay) replays++;
  }
  const after = await q('SELECT count(*)::int AS n FROM survey_responses');

  const pairs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const b = rounds.find((r, k) => r.kind === 'bare' && Math.floor(k / 2) === i);
    const s = rounds.find((r, k) => r.kind === 'surveys' && Math.floor(k / 2) === i);
    if (b && s) pairs.push(s.rps / b.rps);
  }
  pairs.sort((a, b) => a - b);
  const mean = (k: string) => {
    const xs = rounds.filter((r) => r.kind === k).map((r) => r.rps);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const avgOf = (k: string, f: 'cpuUsPerReq' | 'dbUsPerReq') => {
    const xs = rounds.filter((r) => r.kind === k).map((r) => r[f]);
    return Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  };
  const out = {
    loadAverage: `${load0.toFixed(1)} -> ${(loadavg()[0] ?? 0).toFixed(1)}`,
    secondsPerRound: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    pool: POOL,
    bareRps: Math.round(mean('bare')),
    surveysRps: Math.round(mean('surveys')),
    ratioOfMeans: +(mean('surveys') / mean('bare')).toFixed(2),
    serverCpuUsPerReq: {
      bare: Math.round(
        rounds.filter((r) => r.kind === 'bare').reduce((a, r) => a + r.cpuUsPerReq, 0) / ROUNDS,
      ),
      surveys: Math.round(
        rounds.filter((r) => r.kind === 'surveys').reduce((a, r) => a + r.cpuUsPerReq, 0) / ROUNDS,
      ),
    },
    dbCpuUsPerReq: { bare: avgOf('bare', 'dbUsPerReq'), surveys: avgOf('surveys', 'dbUsPerReq') },
    // total CPU (server + database) per bare request / per survey request: the throughput ratio
    // a CPU-bound machine would show, independent of what else runs on it
    cpuCostRatio: +(
      (avgOf('bare', 'cpuUsPerReq') + avgOf('bare', 'dbUsPerReq')) /
      (avgOf('surveys', 'cpuUsPerReq') + avgOf('surveys', 'dbUsPerReq'))
    ).toFixed(2),
    ratioPerRound: pairs.map((x) => +x.toFixed(2)),
    ratioMedian: +(pairs[Math.floor(pairs.length / 2)] ?? 0).toFixed(2),
    acknowledged: ackedIds.length,
    dbResponses: responses,
    distinctIds: distinct,
    answerRows: answers,
    expectedAnswerRows: responses * 3,
    lost: ackedIds.length - ackedStored,
    unexpectedRows: unknown,
    duplicated: responses - distinct + (after - responses),
    replayed: `${replays}/${resend.length}`,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 1500));
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  if (cluster) await cluster.stop();
  const bad = out.lost || out.duplicated || out.unexpectedRows || answers !== responses * 3;
  process.exit(bad ? 1 : 0);
}

(SERVE ? serve(process.argv[3] as string) : main()).catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
