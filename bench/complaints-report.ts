// The complaints report at scale (issue 11): GET /api/analytics/complaints (the report screen:
// volume and trend, category/cause Pareto, unit, channel, form, times, ratings, defection, SLA
// compliance) and the complaints module's /api/complaints/reports, over N cases (default
// 200,000: a year of a 1M-response company with one complaint per five answers) across 200
// units, 12 categories, 8 root causes and 50,000 customers (5 % lost). DuckDB over an export of
// the same cases is the baseline in the same run, computing the same figures; a report is
// `same` when its totals, counts by channel and unit, trend sum, median and p90 hours, rating
// mean and defection equal DuckDB's (1e-9 on the hours).
//   [BENCH_KEEP=key] [TEST_DATABASE_URL=…] npx tsx bench/complaints-report.ts postgres|pglite [N] [requests=10]
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../packages/server/src/db/migrate';
import { analyzeStaleTables } from '../packages/server/src/db/statistics';
import { createOrg } from '../packages/server/test/harness';
import { duckDb, openBenchDb, type TEndpoint, timeEndpoints } from './analytics-harness';
import { appSession } from './servqual-export';

const engine = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const N = Number(process.argv[3] ?? 200_000);
const R = Number(process.argv[4] ?? 10);
const bench = await openBenchDb(engine, 'bench_cr');
const { db } = bench;

interface TKept {
  orgId: string;
  owner: { email: string; password: string };
  loadMs: number;
}

/** Cases as a function of their number g, written set-based (no service logic is timed here). */
async function load(): Promise<TKept> {
  await migrate(db);
  const org = await createOrg(db, 'Bench complaints');
  const orgId = org.orgId;
  const t0 = Date.now();
  await db.query(
    `INSERT INTO org_units (org_id, parent_id, name, kind)
     SELECT $1, $2, 'Sucursal ' || lpad(g::text, 3, '0'), 'branch' FROM generate_series(1, 200) g`,
    [orgId, org.companyUnitId],
  );
  await db.query(
    `INSERT INTO complaint_categories (org_id, tree, name)
     SELECT $1::uuid, 'category', 'Categoría ' || g FROM generate_series(1, 12) g
     UNION ALL SELECT $1::uuid, 'cause', 'Causa ' || g FROM generate_series(1, 8) g`,
    [orgId],
  );
  await db.query(
    `INSERT INTO customers (org_id, id, name, status)
     SELECT $1, md5('cust' || g)::uuid, 'Cliente ' || g,
            CASE WHEN g % 20 = 0 THEN 'lost' ELSE 'active' END
       FROM generate_series(1, 50000) g`,
    [orgId],
  );
  for (let lo = 1; lo <= N; lo += 20_000) {
    const hi = Math.min(N, lo + 19_999);
    await db.query(
      `WITH u AS (SELECT array_agg(id ORDER BY name) AS ids FROM org_units
                   WHERE org_id = $1 AND kind = 'branch'),
       cat AS (SELECT array_agg(id ORDER BY name) FILTER (WHERE tree = 'category') AS c,
                      array_agg(id ORDER BY name) FILTER (WHERE tree = 'cause') AS k
                 FROM complaint_categories WHERE org_id = $1),
       g AS (SELECT g, timestamptz '2025-12-01 08:00+00' + (g::float8 * 365 / $4) * interval '1 day'
                       + (g % 9) * interval '1 hour' AS at,
                    (ARRAY['received','acknowledged','assessed','investigating','responded',
                           'closed','closed','closed','closed','rejected','reopened'])[1 + g % 11] AS st
               FROM generate_series($2::int, $3::int) g)
       INSERT INTO complaints (org_id, id, reference, channel, form, status, subject, description,
              category_id, severity, customer_id, contact_email, unit_id, received_at,
              first_response_at, closed_at, cause_id, reopen_count, rating, customer_decision)
       SELECT $1, md5('case' || g)::uuid, 'RC-B-' || lpad(g::text, 7, '0'),
              (ARRAY['web','counter','phone','email','survey'])[1 + g % 5],
              (ARRAY['complaint','complaint','complaint','unexpressed','avoidable','trivial'])[1 + (g / 5) % 6],
              st, 'Reclamación ' || g, 'Bench', cat.c[1 + (g / 7) % 12],
              (ARRAY['low','medium','medium','high','critical'])[1 + (g / 3) % 5],
              CASE WHEN g % 10 < 7 THEN md5('cust' || (1 + (g * 7919) % 50000))::uuid END,
              CASE WHEN g % 10 >= 7 THEN 'c' || (g % 30000) || '@example.com' END,
              u.ids[1 + (g / 11) % 200], at,
              CASE WHEN g % 5 <> 0 THEN at + ((g * 37) % 9973) * interval '1 minute'
                                          + ((g * 13) % 1000) * interval '1 millisecond' END,
              CASE WHEN st = 'closed' THEN at + ((g * 53) % 33331) * interval '1 minute' END,
              CASE WHEN st = 'closed' AND g % 10 <> 3 THEN cat.k[1 + (g * 3) % 8] END,
              CASE WHEN g % 29 = 0 THEN 1 ELSE 0 END,
              CASE WHEN st = 'closed' AND g % 5 < 2 THEN 1 + (g * 7) % 5 END,
              CASE WHEN st = 'closed' THEN (ARRAY['accepted','accepted','rejected'])[1 + g % 3] END
         FROM g, u, cat`,
      [orgId, lo, hi, N],
    );
    process.stderr.write(`loaded ${hi}\n`);
  }
  // SLA targets: first response in 48 h, resolution in 10 days, met when the case says so
  await db.query(
    `INSERT INTO complaint_sla_targets (org_id, complaint_id, target, target_min, started_at, due_at, met_at)
     SELECT org_id, id, 'first_response', 2880, received_at, received_at + interval '48 hours',
            first_response_at FROM complaints WHERE org_id = $1
     UNION ALL
     SELECT org_id, id, 'resolution', 14400, received_at, received_at + interval '10 days', closed_at
       FROM complaints WHERE org_id = $1`,
    [orgId],
  );
  await db.query('ANALYZE');
  return { orgId, owner: org.users.owner, loadMs: Date.now() - t0 };
}

/** The cases with their names, as DuckDB's table `c` (outside the timings). */
async function duckOver(orgId: string) {
  const file = join(bench.dir, 'cases.csv');
  const out = createWriteStream(file);
  out.write(
    'id,channel,form,status,category,unit_id,unit,cause,received,fr,res,reopen,rating,who,lost,decision\n',
  );
  const q = (v: unknown) =>
    v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`;
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = await db.query<Record<string, unknown> & { id: string }>(
      `SELECT c.id, c.channel, c.form, c.status, cat.name AS category, c.unit_id, u.name AS unit,
              cause.name AS cause, to_char(c.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS received,
              extract(epoch FROM date_trunc('milliseconds', c.first_response_at) - date_trunc('milliseconds', c.received_at)) AS fr,
              extract(epoch FROM date_trunc('milliseconds', c.closed_at) - date_trunc('milliseconds', c.received_at)) AS res,
              c.reopen_count AS reopen, c.rating, COALESCE(c.customer_id::text, lower(c.contact_email)) AS who,
              (cu.status = 'lost') AS lost, c.customer_decision AS decision
         FROM complaints c
         LEFT JOIN complaint_categories cat ON cat.org_id = c.org_id AND cat.id = c.category_id
         LEFT JOIN complaint_categories cause ON cause.org_id = c.org_id AND cause.id = c.cause_id
         LEFT JOIN org_units u ON u.org_id = c.org_id AND u.id = c.unit_id
         LEFT JOIN customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id
        WHERE c.org_id = $1 AND c.id > $2 ORDER BY c.id LIMIT 50000`,
      [orgId, last],
    );
    if (r.rows.length === 0) break;
    for (const x of r.rows) out.write(`${Object.values(x).map(q).join(',')}\n`);
    last = (r.rows[r.rows.length - 1] as { id: string }).id;
  }
  await new Promise((res) => out.end(res));
  const duck = await duckDb();
  await duck.run(
    `CREATE TABLE c AS SELECT * FROM read_csv('${file}', header = true, columns = {
       'id': 'UUID', 'channel': 'VARCHAR', 'form': 'VARCHAR', 'status': 'VARCHAR',
       'category': 'VARCHAR', 'unit_id': 'UUID', 'unit': 'VARCHAR', 'cause': 'VARCHAR',
       'received': 'DATE', 'fr': 'DOUBLE', 'res': 'DOUBLE', 'reopen': 'INT', 'rating': 'INT',
       'who': 'VARCHAR', 'lost': 'BOOLEAN', 'decision': 'VARCHAR'})`,
  );
  return duck;
}

/** DuckDB's version of the report over the cases matching `where` (the same figures). */
function duckReport(where: string): string {
  return `WITH p AS (SELECT *, fr / 3600 AS frh, CASE WHEN status = 'closed' THEN res / 3600 END AS resh
                      FROM c WHERE ${where}),
    g AS (SELECT channel, unit, category, status, form, cause, received, count(*) AS n,
                 count(*) FILTER (WHERE status = 'closed' AND cause IS NOT NULL) AS caused
            FROM p GROUP BY GROUPING SETS ((channel), (unit), (category), (status), (form), (cause), (received))),
    lost AS (SELECT who, bool_or(status <> 'closed' OR coalesce(rating <= 2, false)
                                 OR coalesce(decision = 'rejected', false)) AS bad
               FROM p WHERE lost GROUP BY who)
    SELECT (SELECT count(*) FROM p) AS total,
           (SELECT count(*) FILTER (WHERE status NOT IN ('closed', 'rejected')) FROM p) AS open,
           (SELECT quantile_cont(frh, 0.5) FROM p) AS fr_median,
           (SELECT quantile_cont(frh, 0.9) FROM p) AS fr_p90,
           (SELECT quantile_cont(resh, 0.5) FROM p) AS res_median,
           (SELECT avg(rating) FROM p) AS rating_mean,
           (SELECT count(*) FROM (SELECT who FROM p WHERE who IS NOT NULL GROUP BY who HAVING count(*) >= 2)) AS repeat,
           (SELECT count(*) FROM lost) AS lost, (SELECT count(*) FILTER (WHERE bad) FROM lost) AS lost_bad,
           (SELECT string_agg(channel || '=' || n, ',' ORDER BY channel) FROM g WHERE channel IS NOT NULL) AS channels,
           (SELECT count(*) FROM g WHERE unit IS NOT NULL) AS units,
           (SELECT sum(n) FROM g WHERE received IS NOT NULL) AS days,
           (SELECT sum(caused) FROM g WHERE cause IS NOT NULL) AS caused`;
}

interface TReport {
  total: number;
  open: number;
  byChannel: { key: string; count: number }[];
  byUnit: { key: string; count: number }[];
  pareto: { count: number }[];
  firstResponseHours: { median: number | null; p90: number | null };
  resolutionHours: { median: number | null };
  satisfaction: { mean: number | null };
  /** the complaints module's report only */
  repeatComplainants?: { customers: number };
  defection: { lostWithComplaints: number; unresolvedOrBadlyHandled: number };
  trend?: { count: number }[];
}

const near = (a: number | null, b: unknown) =>
  a === null ? b === null : b !== null && Math.abs(a - Number(b)) <= 1e-9;

function check(ours: TReport, duck: Record<string, unknown>[]): boolean {
  const d = duck[0] as Record<string, unknown>;
  const channels = [...ours.byChannel]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((x) => `${x.key}=${x.count}`)
    .join(',');
  const ok = {
    total: ours.total === Number(d.total),
    open: ours.open === Number(d.open),
    channels: channels === (d.channels ?? ''),
    units: ours.byUnit.length === Number(d.units),
    pareto: ours.pareto.reduce((a, x) => a + x.count, 0) === Number(d.caused ?? 0),
    trend: !ours.trend || ours.trend.reduce((a, x) => a + x.count, 0) === Number(d.days ?? 0),
    fr:
      near(ours.firstResponseHours.median, d.fr_median) &&
      near(ours.firstResponseHours.p90, d.fr_p90),
    res: near(ours.resolutionHours.median, d.res_median),
    rating: near(ours.satisfaction.mean, d.rating_mean),
    repeat: !ours.repeatComplainants || ours.repeatComplainants.customers === Number(d.repeat),
    defection:
      ours.defection.lostWithComplaints === Number(d.lost) &&
      ours.defection.unresolvedOrBadlyHandled === Number(d.lost_bad),
  };
  const bad = Object.entries(ok).filter(([, v]) => !v);
  if (bad.length)
    process.stderr.write(`differs from DuckDB: ${bad.map(([k]) => k)} ${JSON.stringify(d)}\n`);
  return bad.length === 0;
}

try {
  const kept = bench.kept as TKept | null;
  const meta = kept ?? (await load());
  if (!kept) bench.keep(meta as unknown as Record<string, unknown>);
  // a kept database may get new migrations (their tables filled from the cases): statistics
  // for them as the server's keeper (db/statistics.ts) or autovacuum would have them by now
  await migrate(db);
  while ((await analyzeStaleTables(db, 20)).length) {}
  const duck = await duckOver(meta.orgId);
  const { app, headers, unit } = await appSession(db, meta.orgId, meta.owner);
  const a = '/api/analytics/complaints';
  const month = `received BETWEEN DATE '2026-11-01' AND DATE '2026-11-30'`;
  const endpoints: TEndpoint<TReport>[] = [
    {
      label: 'complaints report, whole year by month',
      url: `${a}?period=month`,
      duck: duckReport('TRUE'),
      check,
    },
    {
      label: 'complaints report, one month by week',
      url: `${a}?period=week&from=2026-11-01&to=2026-11-30`,
      duck: duckReport(month),
      check,
    },
    {
      label: 'filtered: one unit, whole year by month',
      url: `${a}?period=month&unitId=${unit}`,
      duck: duckReport(`unit_id = '${unit}'`),
      check,
    },
    {
      label: 'filtered: one unit, one month by week',
      url: `${a}?period=week&from=2026-11-01&to=2026-11-30&unitId=${unit}`,
      duck: duckReport(`unit_id = '${unit}' AND ${month}`),
      check,
    },
    {
      label: 'complaints module report (/api/complaints/reports), whole year',
      url: '/api/complaints/reports',
      duck: duckReport('TRUE'),
      check,
    },
  ];
  const results = await timeEndpoints(app, headers, endpoints, R, bench.cpuMs, duck.rows);
  process.stdout.write(
    `${JSON.stringify({ engine, cases: N, requests: R, loadMs: meta.loadMs, loadAvg: bench.loads(), results })}\n`,
  );
  duck.close();
  await app.close();
} finally {
  await bench.close();
}
