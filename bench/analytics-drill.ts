// Drill-down pages over many stored responses (issue 11): N complete NPS+CSAT responses over 200
// units and 365 days of 2026 (the same SQL load as analytics-dashboard.ts), then R timed calls of
// GET /surveys/:id/responses through app.inject: the first page, a page deep in the list (the
// cursor after walking `deep` pages) and a filtered bucket (detractors of one unit subtree in one
// month), limit 25. The page is keyset-paged in SQL (surveys/repo-drill.ts), so its cost should
// not grow with N; the total is a count or the aggregates. Prints p50/p95 per call and the load.
//   npx tsx bench/analytics-drill.ts postgres|pglite [responses=200000] [requests=10] [deep=20]
//     (postgres: TEST_DATABASE_URL names a server where a throwaway database is made)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app';
import { type Db, openDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { nullMailer } from '../packages/server/src/mail/mailer';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { createOrg, login, testConfig } from '../packages/server/test/harness';

const engine = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const N = Number(process.argv[3] ?? 200_000);
const R = Number(process.argv[4] ?? 10);
const DEEP = Number(process.argv[5] ?? 20);
const loads: number[] = [];
const sampleLoad = () => loads.push(+(loadavg()[0] ?? 0).toFixed(2));
const ticker = setInterval(sampleLoad, 5000);
sampleLoad();

let admin: pg.Client | null = null;
const name = `bench_drill_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'fid-drill-'));
let db: Db;
if (engine === 'postgres') {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL: a PostgreSQL server (scripts/pg-cluster.mjs)');
  admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  db = await openDb({ databaseUrl: u.toString() });
} else {
  db = await openDb({ dataDir: dir });
}

const q = (ms: number[], p: number) => {
  const s = [...ms].sort((x, y) => x - y);
  return +(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0).toFixed(1);
};

try {
  await migrate(db);
  const org = await createOrg(db, 'Bench');
  const surveyId = await ensureSurveyFromTemplate(db, org.orgId, 'nps_relational', 'Bench NPS', {
    slug: 'bench-drill',
  });
  await db.query(
    `INSERT INTO org_units (org_id, parent_id, name, kind)
     SELECT $1, $2, 'Sucursal ' || lpad(g::text, 3, '0'), 'branch' FROM generate_series(1, 200) g`,
    [org.orgId, org.companyUnitId],
  );
  const t0 = Date.now();
  const chunk = 50_000;
  for (let off = 0; off < N; off += chunk) {
    const n = Math.min(chunk, N - off);
    await db.query(
      `WITH u AS (SELECT array_agg(id ORDER BY name) AS ids FROM org_units
                   WHERE org_id = $1 AND kind = 'branch'),
       v AS (SELECT g, md5($2::text || g)::uuid AS id FROM generate_series($3::int, $4::int) g),
       r AS (INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel,
               language, org_unit_id, raw, body_hash, submitted_at)
             SELECT $1, v.id, $2::uuid, 1, 'complete', (ARRAY['web','phone','postal'])[1 + v.g % 3],
                    'es', u.ids[1 + v.g % 200], '{}'::jsonb, 'h',
                    timestamptz '2026-01-01' + (v.g % 365) * interval '1 day' + interval '10 hours'
               FROM v, u RETURNING id)
       SELECT count(*) FROM r`,
      [org.orgId, surveyId, off, off + n - 1],
    );
    await db.query(
      `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num)
       SELECT $1, $2::uuid, md5($2::text || g)::uuid, k.key, '', k.tag,
              CASE k.tag WHEN 'nps' THEN (g * 7) % 11 ELSE 1 + (g * 3) % 5 END
         FROM generate_series($3::int, $4::int) g,
              (VALUES ('nps', 'nps'), ('satisfaction', 'csat')) AS k(key, tag)`,
      [org.orgId, surveyId, off, off + n - 1],
    );
    process.stderr.write(`loaded ${off + n}\n`);
  }
  const loadMs = Date.now() - t0;
  await db.query('ANALYZE');
  const app = await buildApp({ config: testConfig(), db, mailer: nullMailer(), logger: false });
  await app.ready();
  const s = await login(app, org.users.owner);
  const unit = (
    await db.query<{ id: string }>(
      `SELECT id FROM org_units WHERE org_id = $1 AND kind = 'branch' ORDER BY name LIMIT 1`,
      [org.orgId],
    )
  ).rows[0]?.id as string;
  const base = `/api/analytics/surveys/${surveyId}/responses?limit=25`;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url, headers: s.headers });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { total: number; next: string | null; items: unknown[] };
  };
  // the cursor DEEP pages in
  let cursor = '';
  for (let i = 0; i < DEEP; i++)
    cursor = (await get(`${base}&metric=nps${cursor ? `&after=${cursor}` : ''}`)).next ?? '';
  const calls = [
    { label: 'nps, first page', url: `${base}&metric=nps` },
    { label: `nps, page ${DEEP + 1}`, url: `${base}&metric=nps&after=${cursor}` },
    { label: 'nps detractors, first page', url: `${base}&metric=nps&bucket=detractor` },
    {
      label: 'detractors, one unit, one month',
      url: `${base}&metric=nps&bucket=detractor&unitId=${unit}&from=2026-03-01&to=2026-03-31`,
    },
    { label: 'servqual (every response), first page', url: `${base}&metric=servqual` },
  ];
  const results = [];
  for (const c of calls) {
    const ms: number[] = [];
    let body = await get(c.url); // warm
    for (let i = 0; i < R; i++) {
      const t = process.hrtime.bigint();
      body = await get(c.url);
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const row = {
      call: c.label,
      total: body.total,
      items: body.items.length,
      p50: q(ms, 0.5),
      p95: q(ms, 0.95),
    };
    results.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
  process.stdout.write(
    `${JSON.stringify({ engine, responses: N, requests: R, loadMs, loadAvg: { min: Math.min(...loads), max: Math.max(...loads) }, results })}\n`,
  );
  await app.close();
} finally {
  clearInterval(ticker);
  await db.close();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
