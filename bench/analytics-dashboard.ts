// Dashboard endpoints over many stored responses, with DuckDB as the baseline in the same run.
// N complete NPS+CSAT responses spread over 200 org units, 3 channels and 365 days of 2026 are
// written straight into the tables in SQL chunks (the aggregate triggers fire as for any
// writer); the same data is then exported from the database (wide CSV: one row per response)
// and loaded into DuckDB, outside the timing. Each endpoint is called R times through
// app.inject, alternating with DuckDB answering the same aggregates over the export (one
// DuckDB query per endpoint, one thread like one database backend), full data and filtered
// (one unit subtree, one month). Reports p50/p95 of both, the ratio, the process CPU time
// (for PostgreSQL plus the CPU of this database's backends, read from /proc), and whether both
// give the same numbers.
//   npx tsx bench/analytics-dashboard.ts postgres [responses=1000000] [requests=10]
//     (TEST_DATABASE_URL: a throwaway database on it; else a throwaway cluster)
//   npx tsx bench/analytics-dashboard.ts pglite [responses=1000000] [requests=10]
//     (PGlite on disk in a temp directory, as npm start)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import { migrate } from '../packages/server/src/db/migrate';
import { nullMailer } from '../packages/server/src/mail/mailer';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { createOrg, login, testConfig } from '../packages/server/test/harness';
import { duckDb, openBenchDb, type TEndpoint, timeEndpoints } from './analytics-harness';

const engine = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const N = Number(process.argv[3] ?? 1_000_000);
const R = Number(process.argv[4] ?? 10);
const bench = await openBenchDb(engine, 'bench_dash');
const { db } = bench;

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
    process.stderr.write(`loaded ${off + n}\n`);
  }
  const loadMs = Date.now() - t0;
  await db.query('ANALYZE');

  // The export DuckDB reads: one row per response (its wide layout), and the unit tree.
  const t1 = Date.now();
  const csv = join(bench.dir, 'responses.csv');
  const lines: string[] = ['id,unit_id,channel,day,nps,csat'];
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = await db.query<{
      id: string;
      unit_id: string;
      channel: string;
      day: string;
      nps: number | null;
      csat: number | null;
    }>(
      `SELECT r.id, r.org_unit_id AS unit_id, r.channel,
              to_char(coalesce(r.submitted_at, r.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
              n.num AS nps, c.num AS csat
         FROM survey_responses r
         LEFT JOIN survey_answers n ON n.org_id = r.org_id AND n.response_id = r.id AND n.tag = 'nps'
         LEFT JOIN survey_answers c ON c.org_id = r.org_id AND c.response_id = r.id AND c.tag = 'csat'
        WHERE r.org_id = $1 AND r.survey_id = $2 AND r.status = 'complete' AND r.id > $3
        ORDER BY r.id LIMIT 50000`,
      [org.orgId, surveyId, last],
    );
    if (r.rows.length === 0) break;
    for (const x of r.rows)
      lines.push(`${x.id},${x.unit_id},${x.channel},${x.day},${x.nps ?? ''},${x.csat ?? ''}`);
    last = (r.rows[r.rows.length - 1] as { id: string }).id;
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  lines.length = 0;
  const units = await db.query<{ id: string; parent_id: string | null; name: string }>(
    'SELECT id, parent_id, name FROM org_units WHERE org_id = $1',
    [org.orgId],
  );
  const unitsCsv = join(bench.dir, 'units.csv');
  writeFileSync(
    unitsCsv,
    `id,parent_id,name\n${units.rows.map((u) => `${u.id},${u.parent_id ?? ''},${u.name}`).join('\n')}\n`,
  );
  const duck = await duckDb();
  await duck.run(
    `CREATE TABLE r AS SELECT * FROM read_csv('${csv}', header = true, columns = {
       'id': 'UUID', 'unit_id': 'UUID', 'channel': 'VARCHAR', 'day': 'DATE',
       'nps': 'DOUBLE', 'csat': 'DOUBLE'})`,
  );
  await duck.run(
    `CREATE TABLE units AS SELECT * FROM read_csv('${unitsCsv}', header = true, columns = {
       'id': 'UUID', 'parent_id': 'UUID', 'name': 'VARCHAR'})`,
  );
  const exportMs = Date.now() - t1;
  const duckRows = duck.rows;

  const app = await buildApp({ config: testConfig(), db, mailer: nullMailer(), logger: false });
  await app.ready();
  const s = await login(app, org.users.owner);
  const unit = (
    await db.query<{ id: string }>(
      `SELECT id FROM org_units WHERE org_id = $1 AND kind = 'branch' ORDER BY name LIMIT 1`,
      [org.orgId],
    )
  ).rows[0]?.id as string;
  const a = `/api/analytics/surveys/${surveyId}`;
  const fUnit = `unitId=${unit}&from=2026-03-01&to=2026-03-31`;
  // DuckDB's side: the subtree of the filter unit, and the counts each report is made of.
  const sub = `unit_id IN (WITH RECURSIVE t(id) AS (SELECT '${unit}'::uuid UNION ALL
                 SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t)`;
  const fSql = `${sub} AND day BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'`;
  const npsSel = `count(nps)::INT AS n, count(*) FILTER (nps >= 9)::INT AS promoters,
                  count(*) FILTER (nps >= 7 AND nps < 9)::INT AS passives,
                  count(*) FILTER (nps < 7)::INT AS detractors`;
  const overviewSql = (from: string, to: string, prevFrom: string, prevTo: string, w = 'true') =>
    `SELECT p, channel, count(*)::INT AS responses, ${npsSel}, count(csat)::INT AS csat_n,
            count(*) FILTER (csat >= 4)::INT AS csat_hi
       FROM (SELECT CASE WHEN day >= DATE '${from}' THEN 'cur' ELSE 'prev' END AS p, * FROM r
              WHERE ${w} AND (day BETWEEN DATE '${from}' AND DATE '${to}'
                 OR day BETWEEN DATE '${prevFrom}' AND DATE '${prevTo}'))
      GROUP BY ALL`;
  const csatSql = (w: string) =>
    `SELECT csat::INT AS v, count(*)::INT AS n FROM r WHERE ${w} AND csat IS NOT NULL GROUP BY 1 ORDER BY 1`;
  type Body = {
    n: number;
    promoters: number;
    passives: number;
    detractors: number;
    groups: { group: string; n: number; promoters: number }[];
    distribution: number[];
    periods: { period: string; n: number }[];
  };
  type Check = (ours: Body, duck: Record<string, unknown>[]) => boolean;
  const npsCheck: Check = (o, d) =>
    JSON.stringify([o.n, o.promoters, o.passives, o.detractors]) ===
    JSON.stringify([d[0]?.n, d[0]?.promoters, d[0]?.passives, d[0]?.detractors].map(Number));
  const groupsCheck: Check = (o, d) => {
    const m = new Map(d.map((x) => [String(x.g), x]));
    return (
      o.groups.length === d.length &&
      o.groups.every((g) => {
        const x = m.get(g.group);
        return x && Number(x.n) === g.n && Number(x.promoters) === g.promoters;
      })
    );
  };
  const csatCheck: Check = (o, d) =>
    o.n === d.reduce((t, x) => t + Number(x.n), 0) &&
    d.every((x) => o.distribution[Number(x.v) - 1] === Number(x.n));
  const trendCheck: Check = (o, d) => {
    const m = new Map(d.map((x) => [String(x.g), Number(x.n)]));
    const nonEmpty = o.periods.filter((p) => p.n > 0);
    return nonEmpty.length === d.length && nonEmpty.every((p) => m.get(p.period) === p.n);
  };
  const overviewCheck: Check = (o, d) => {
    const cur = d.filter((x) => x.p === 'cur');
    const total = cur.reduce((t, x) => t + Number(x.responses), 0);
    const text = JSON.stringify(o);
    // the overview's total responses of the period appear in its body
    return text.includes(`:${total}`) && total > 0;
  };
  const endpoints: TEndpoint<Body>[] = [
    {
      label: 'overview, whole year (+ previous year)',
      url: '/api/analytics/overview?from=2026-01-01&to=2026-12-31',
      duck: overviewSql('2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'),
      check: overviewCheck,
    },
    {
      label: 'overview, 30 days (+ previous 30)',
      url: '/api/analytics/overview?from=2026-06-01&to=2026-06-30',
      duck: overviewSql('2026-06-01', '2026-06-30', '2026-05-02', '2026-05-31'),
      check: overviewCheck,
    },
    { label: 'nps', url: `${a}/nps`, duck: `SELECT ${npsSel} FROM r`, check: npsCheck },
    {
      label: 'nps by unit',
      url: `${a}/nps?groupBy=unit`,
      duck: `SELECT u.name AS g, ${npsSel} FROM r JOIN units u ON u.id = r.unit_id WHERE nps IS NOT NULL GROUP BY 1`,
      check: groupsCheck,
    },
    {
      label: 'nps by month',
      url: `${a}/nps?groupBy=month`,
      duck: `SELECT strftime(day, '%Y-%m') AS g, ${npsSel} FROM r WHERE nps IS NOT NULL GROUP BY 1`,
      check: groupsCheck,
    },
    { label: 'csat', url: `${a}/csat`, duck: csatSql('true'), check: csatCheck },
    {
      label: 'trend nps by week',
      url: `${a}/trends?metric=nps&period=week`,
      duck: `SELECT strftime(date_trunc('week', day), '%Y-%m-%d') AS g, count(nps)::INT AS n FROM r WHERE nps IS NOT NULL GROUP BY 1`,
      check: trendCheck,
    },
    {
      label: 'trend csat by month',
      url: `${a}/trends?metric=csat&period=month`,
      duck: `SELECT strftime(day, '%Y-%m') AS g, count(csat)::INT AS n FROM r WHERE csat IS NOT NULL GROUP BY 1`,
      check: trendCheck,
    },
    {
      label: 'league (SERVQUAL by unit; this survey has none)',
      url: `${a}/league`,
      duck: `SELECT 1`,
      check: null,
    },
    {
      label: 'filtered: overview, one unit subtree, one month',
      url: `/api/analytics/overview?${fUnit}`,
      duck: overviewSql('2026-03-01', '2026-03-31', '2026-01-29', '2026-02-28', sub),
      check: overviewCheck,
    },
    {
      label: 'filtered: nps, one unit subtree, one month',
      url: `${a}/nps?${fUnit}`,
      duck: `SELECT ${npsSel} FROM r WHERE ${fSql}`,
      check: npsCheck,
    },
    {
      label: 'filtered: csat, one unit subtree, one month',
      url: `${a}/csat?${fUnit}`,
      duck: csatSql(fSql),
      check: csatCheck,
    },
    {
      label: 'filtered: trend nps by week, one unit subtree, one month',
      url: `${a}/trends?metric=nps&period=week&${fUnit}`,
      duck: `SELECT strftime(date_trunc('week', day), '%Y-%m-%d') AS g, count(nps)::INT AS n FROM r WHERE ${fSql} AND nps IS NOT NULL GROUP BY 1`,
      check: trendCheck,
    },
  ];
  const results = await timeEndpoints(app, s.headers, endpoints, R, bench.cpuMs, duckRows);
  const agg = await db.query<{ d: string; m: string }>(
    `SELECT (SELECT count(*) FROM analytics_daily) AS d, (SELECT count(*) FROM analytics_monthly) AS m`,
  );
  process.stdout.write(
    `${JSON.stringify({
      engine,
      responses: N,
      units: 200,
      requests: R,
      loadMs,
      exportMs,
      dailyRows: Number(agg.rows[0]?.d),
      monthlyRows: Number(agg.rows[0]?.m),
      loadAvg: bench.loads(),
      results,
    })}\n`,
  );
  duck.close();
  await app.close();
} finally {
  await bench.close();
}
