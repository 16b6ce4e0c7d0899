// Dashboard endpoints over many stored responses: N NPS+CSAT responses spread over 200 org
// units, 3 channels and 365 days are written straight into the tables (the aggregate triggers
// fire as for any writer), then each endpoint is called R times through app.inject and its
// p50/p95 reported, unfiltered and filtered (one unit subtree, one month). PostgreSQL.
//   npx tsx bench/analytics-dashboard.ts [responses=200000] [requests per endpoint=30]
//   (TEST_DATABASE_URL, else a throwaway cluster via scripts/pg-cluster.mjs)
import pg from 'pg';
import { buildApp } from '../packages/server/src/app';
import { postgresDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { nullMailer } from '../packages/server/src/mail/mailer';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { createOrg, login, testConfig } from '../packages/server/test/harness';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const N = Number(process.argv[2] ?? 200_000);
const R = Number(process.argv[3] ?? 30);
const cluster = process.env.TEST_DATABASE_URL ? null : await startCluster();
const base = process.env.TEST_DATABASE_URL ?? cluster.url;
const name = `bench_dash_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const u = new URL(base);
u.pathname = `/${name}`;
const db = postgresDb(u.toString(), 4);
try {
  await migrate(db);
  const org = await createOrg(db, 'Bench');
  const surveyId = await ensureSurveyFromTemplate(db, org.orgId, 'nps_relational', 'Bench NPS', {
    slug: 'bench-dash',
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
    // One statement per table per chunk: the statement triggers aggregate each chunk once.
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
  }
  const loadMs = Date.now() - t0;
  const app = await buildApp({
    config: testConfig(),
    db,
    mailer: nullMailer(),
    logger: false,
  });
  await app.ready();
  const s = await login(app, org.users.owner);
  const unit = (
    await db.query<{ id: string }>(
      `SELECT id FROM org_units WHERE org_id = $1 AND kind = 'branch' ORDER BY name LIMIT 1`,
      [org.orgId],
    )
  ).rows[0]?.id;
  const a = `/api/analytics/surveys/${surveyId}`;
  const endpoints: [string, string][] = [
    ['overview (year)', '/api/analytics/overview?from=2026-01-01&to=2026-12-31'],
    ['overview (30 days)', '/api/analytics/overview?from=2026-06-01&to=2026-06-30'],
    ['nps', `${a}/nps`],
    ['nps by unit', `${a}/nps?groupBy=unit`],
    ['nps by month', `${a}/nps?groupBy=month`],
    ['trend nps by week', `${a}/trends?metric=nps&period=week`],
    ['trend csat by month', `${a}/trends?metric=csat&period=month`],
    ['nps, one unit, one month', `${a}/nps?unitId=${unit}&from=2026-03-01&to=2026-03-31`],
    ['kano (no Kano questions)', `${a}/kano`],
  ];
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const [label, url] of endpoints) {
    const ms: number[] = [];
    for (let i = 0; i < R; i++) {
      const t = process.hrtime.bigint();
      const r = await app.inject({ method: 'GET', url, headers: s.headers });
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body}`);
    }
    ms.sort((x, y) => x - y);
    const q = (p: number) =>
      +(ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] ?? 0).toFixed(1);
    results[label] = { p50: q(0.5), p95: q(0.95) };
    process.stderr.write(`${label}: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms\n`);
  }
  const agg = await db.query<{ n: string }>('SELECT count(*) AS n FROM analytics_daily');
  process.stdout.write(
    `${JSON.stringify({ responses: N, units: 200, loadMs, aggregateRows: Number(agg.rows[0]?.n), requests: R, results })}\n`,
  );
  await app.close();
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
  await cluster?.stop?.();
}
