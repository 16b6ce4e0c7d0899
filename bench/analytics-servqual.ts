// SERVQUAL report, branch league and the overview's gap tile over many stored SERVQUAL
// responses (22 E + 22 P items and the five weights: 49 answers each), with DuckDB over an
// export of the same data as the baseline in the same run. N responses over 200 units, 3
// channels and the 365 days of 2026, in time order as they would arrive, are written straight
// into the tables in SQL chunks (the aggregate triggers fire as for any writer); the responses are then read back from the database
// as one wide row each (E1..E22, P1..P22, W1..W5) and loaded into DuckDB, outside the timing.
//   npx tsx bench/analytics-servqual.ts postgres [responses=1000000] [requests=10]
//     (TEST_DATABASE_URL: a throwaway database on it; else a throwaway cluster)
//   npx tsx bench/analytics-servqual.ts pglite [responses=200000] [requests=10]
import { writeFileSync } from 'node:fs';
import { migrate } from '../packages/server/src/db/migrate';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { createOrg } from '../packages/server/test/harness';
import { openBenchDb, type TEndpoint, timeEndpoints } from './analytics-harness';
import {
  appSession,
  DIMS,
  duckOverExport,
  exportFiles,
  ITEMS,
  VALUE_COLUMNS,
} from './servqual-export';

const engine = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const N = Number(process.argv[3] ?? (engine === 'pglite' ? 200_000 : 1_000_000));
const R = Number(process.argv[4] ?? 10);
const bench = await openBenchDb(engine, 'bench_sq');
const { db } = bench;
const { responses: csv, units: unitsCsv } = exportFiles(bench.dir);
const head = ['id,unit_id,day', ...VALUE_COLUMNS];

try {
  await migrate(db);
  const kept = bench.kept as {
    orgId: string;
    surveyId: string;
    owner: { email: string; password: string };
    loadMs: number;
    exportMs: number;
  } | null;
  const { orgId, surveyId, owner, loadMs, exportMs } = kept ?? (await load());
  process.stderr.write(kept ? 'reusing the kept database and export\n' : 'loaded\n');

  const duck = await duckOverExport(bench.dir);
  const { app, headers, unit } = await appSession(db, orgId, owner);
  const a = `/api/analytics/surveys/${surveyId}`;
  const fUnit = `unitId=${unit}&from=2026-03-10&to=2026-04-09`;
  const sub = `unit_id IN (WITH RECURSIVE t(id) AS (SELECT '${unit}'::uuid UNION ALL
                 SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t)`;
  const fSql = `${sub} AND day BETWEEN DATE '2026-03-10' AND DATE '2026-04-09'`;
  // DuckDB: what the report is made of, per item (pairs, means, sd of the gap) and per
  // dimension (Cronbach's alpha of P over complete cases), the weights, and (by unit) the gap.
  const itemSel = Array.from({ length: 22 }, (_, i) => {
    const k = i + 1;
    const pair = `e${k} IS NOT NULL AND p${k} IS NOT NULL`;
    return `count(*) FILTER (${pair})::INT AS n${k}, avg(p${k} - e${k}) AS g${k},
            stddev_samp(p${k} - e${k}) AS sd${k}`;
  }).join(',\n');
  const alphaSel = ITEMS.map((its, j) => {
    const complete = its.map((k) => `p${k} IS NOT NULL`).join(' AND ');
    const total = its.map((k) => `p${k}`).join(' + ');
    const sumVar = its.map((k) => `var_samp(p${k}) FILTER (${complete})`).join(' + ');
    return `${its.length}.0 / ${its.length - 1} * (1 - (${sumVar}) / var_samp(${total}) FILTER (${complete})) AS alpha${j + 1}`;
  }).join(',\n');
  const gapOf = (row: Record<string, unknown>) =>
    ITEMS.map((its) => its.reduce((t, k) => t + Number(row[`g${k}`]), 0) / its.length).reduce(
      (t, g) => t + g,
      0,
    ) / 5;
  // null on our side where DuckDB has no value (too few cases for an alpha)
  const close = (x: unknown, y: unknown) =>
    x === null || x === undefined
      ? y === null || y === undefined || Number.isNaN(Number(y))
      : typeof x === 'number' && Math.abs(x - Number(y)) <= 1e-9 * Math.max(1, Math.abs(x));
  type TBody = {
    n?: number;
    items?: { n: number; gap: number | null; ci95: [number, number] | null }[];
    dimensions?: { alphaPerception: number | null }[];
    overall?: { gap: number | null };
    units?: { unitId: string; gap: number | null }[];
    servqualGap?: { value: number | null };
  };
  const reportCheck = (o: TBody, d: Record<string, unknown>[]) => {
    const x = d[0] ?? {};
    return (
      (o.items ?? []).every(
        (it, i) => it.n === Number(x[`n${i + 1}`]) && close(it.gap, x[`g${i + 1}`]),
      ) &&
      (o.dimensions ?? []).every((dim, j) => close(dim.alphaPerception, x[`alpha${j + 1}`])) &&
      close(o.overall?.gap, gapOf(x))
    );
  };
  const leagueCheck = (o: TBody, d: Record<string, unknown>[]) => {
    const m = new Map(d.map((x) => [String(x.unit_id), gapOf(x)]));
    return (
      (o.units ?? []).length === d.length &&
      (o.units ?? []).every((u) => close(u.gap, m.get(u.unitId)))
    );
  };
  const overviewCheck = (o: TBody, d: Record<string, unknown>[]) =>
    close(o.servqualGap?.value, gapOf(d[0] ?? {}));
  const gapSel = Array.from(
    { length: 22 },
    (_, i) => `avg(p${i + 1} - e${i + 1}) AS g${i + 1}`,
  ).join(', ');
  const endpoints: TEndpoint<TBody>[] = [
    {
      label: 'servqual report, whole year',
      url: `${a}/servqual`,
      duck: `SELECT ${itemSel}, ${alphaSel} FROM r`,
      check: reportCheck,
    },
    {
      label: 'servqual report, 31 days across two months',
      url: `${a}/servqual?from=2026-06-10&to=2026-07-10`,
      duck: `SELECT ${itemSel}, ${alphaSel} FROM r WHERE day BETWEEN DATE '2026-06-10' AND DATE '2026-07-10'`,
      check: reportCheck,
    },
    {
      label: 'league (200 units), whole year',
      url: `${a}/league`,
      duck: `SELECT unit_id, ${gapSel} FROM r GROUP BY 1`,
      check: leagueCheck,
    },
    {
      label: 'overview, whole year (+ previous year)',
      url: '/api/analytics/overview?from=2026-01-01&to=2026-12-31',
      duck: `SELECT ${gapSel} FROM r WHERE day BETWEEN DATE '2025-01-01' AND DATE '2026-12-31'`,
      check: overviewCheck,
    },
    {
      label: 'filtered: servqual report, one unit subtree, 31 days',
      url: `${a}/servqual?${fUnit}`,
      duck: `SELECT ${itemSel}, ${alphaSel} FROM r WHERE ${fSql}`,
      check: reportCheck,
    },
    {
      label: 'filtered: league, one unit subtree, 31 days',
      url: `${a}/league?${fUnit}`,
      duck: `SELECT unit_id, ${gapSel} FROM r WHERE ${fSql} GROUP BY 1`,
      check: leagueCheck,
    },
    {
      label: 'filtered: overview, one unit subtree, 31 days',
      url: `/api/analytics/overview?${fUnit}`,
      duck: `SELECT ${gapSel} FROM r WHERE ${fSql}`,
      check: overviewCheck,
    },
  ];
  const results = await timeEndpoints(app, headers, endpoints, R, bench.cpuMs, duck.rows);
  const agg = await db.query<{ d: string; m: string; a: string }>(
    `SELECT (SELECT count(*) FROM analytics_servqual_daily) AS d,
            (SELECT count(*) FROM analytics_servqual_monthly) AS m,
            (SELECT count(*) FROM survey_answers) AS a`,
  );
  process.stdout.write(
    `${JSON.stringify({
      engine,
      responses: N,
      answers: Number(agg.rows[0]?.a),
      units: 200,
      requests: R,
      loadMs,
      exportMs,
      servqualDailyRows: Number(agg.rows[0]?.d),
      servqualMonthlyRows: Number(agg.rows[0]?.m),
      loadAvg: bench.loads(),
      results,
    })}\n`,
  );
  duck.close();
  await app.close();
} finally {
  await bench.close();
}

/** Writes the data and its export; with BENCH_KEEP, marks them reusable. */
async function load() {
  const org = await createOrg(db, 'Bench');
  const orgId = org.orgId;
  const surveyId = await ensureSurveyFromTemplate(db, orgId, 'servqual', 'Bench SERVQUAL', {
    slug: 'bench-sq',
  });
  await db.query(
    `INSERT INTO org_units (org_id, parent_id, name, kind)
     SELECT $1, $2, 'Sucursal ' || lpad(g::text, 3, '0'), 'branch' FROM generate_series(1, 200) g`,
    [orgId, org.companyUnitId],
  );
  const t0 = Date.now();
  const chunk = 10_000;
  for (let off = 0; off < N; off += chunk) {
    const n = Math.min(chunk, N - off);
    await db.query(
      `WITH u AS (SELECT array_agg(id ORDER BY name) AS ids FROM org_units
                   WHERE org_id = $1 AND kind = 'branch'),
       v AS (SELECT g, (lpad(to_hex(g), 8, '0') || substr(md5($2::text || g), 9))::uuid AS id FROM generate_series($3::int, $4::int) g),
       r AS (INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel,
               language, org_unit_id, raw, body_hash, submitted_at)
             SELECT $1, v.id, $2::uuid, 1, 'complete',
                    (ARRAY['web','phone','postal'])[1 + (v.g / 200) % 3], 'es', u.ids[1 + v.g % 200],
                    '{}'::jsonb, 'h',
                    timestamptz '2026-01-01' + (v.g::bigint * 365 / $5) * interval '1 day'
                      + interval '10 hours'
               FROM v, u RETURNING id)
       SELECT count(*) FROM r`,
      [orgId, surveyId, off, off + n - 1, N],
    );
    // E in 4..7 and P in 1..7, varying by respondent, item and dimension (alpha is defined);
    // about 1 in 23 answers left out, so pairs and complete cases differ from n; the weights
    // sum to 100.
    await db.query(
      `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num)
       SELECT $1, $2::uuid, (lpad(to_hex(g), 8, '0') || substr(md5($2::text || g), 9))::uuid, x.q, x.item, x.tag, x.num
         FROM generate_series($3::int, $4::int) g,
         LATERAL (
           SELECT 'sq_e' AS q, 'e' || k AS item, 'servqual:E:' || k AS tag,
                  4 + ((g * 7 + k * 5) % 4) AS num
             FROM generate_series(1, 22) k WHERE (g + k) % 23 <> 0
           UNION ALL
           SELECT 'sq_p', 'p' || k, 'servqual:P:' || k,
                  1 + ((g % 5) + (g / 7 + k) % 3 + (g * 3 + k) % 3)
             FROM generate_series(1, 22) k WHERE (g * 3 + k) % 23 <> 0
           UNION ALL
           SELECT 'weights', d, 'importance:' || d,
                  CASE d WHEN 'tangibles' THEN 10 + g % 21 WHEN 'reliability' THEN 30 - g % 21
                         ELSE 20 END
             FROM unnest($5::text[]) d) x`,
      [orgId, surveyId, off, off + n - 1, DIMS],
    );
    if ((off + n) % 50_000 === 0 || off + n === N) process.stderr.write(`loaded ${off + n}\n`);
  }
  const loadMs = Date.now() - t0;
  await db.query('ANALYZE');

  // The export DuckDB reads: one wide row per response, and the unit tree.
  const t1 = Date.now();
  const lines: string[] = [head.join(',')];
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = await db.query<{ id: string; unit_id: string; day: string }>(
      `SELECT r.id, r.org_unit_id AS unit_id,
              to_char(coalesce(r.submitted_at, r.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
         FROM survey_responses r
        WHERE r.org_id = $1 AND r.survey_id = $2 AND r.status = 'complete' AND r.id > $3
        ORDER BY r.id LIMIT 20000`,
      [orgId, surveyId, last],
    );
    if (r.rows.length === 0) break;
    const ids = r.rows.map((x) => x.id);
    const a = await db.query<{ response_id: string; tag: string; num: number }>(
      `SELECT response_id, tag, num FROM survey_answers
        WHERE org_id = $1 AND response_id = ANY($2::uuid[])`,
      [orgId, ids],
    );
    const vals = new Map<string, (number | string)[]>();
    for (const x of r.rows) vals.set(x.id, new Array<number | string>(49).fill(''));
    for (const x of a.rows) {
      const v = vals.get(x.response_id);
      if (!v) continue;
      const [, side, key] = x.tag.split(':');
      if (x.tag.startsWith('importance:')) v[44 + DIMS.indexOf(side as string)] = x.num;
      else v[(side === 'E' ? 0 : 22) + Number(key) - 1] = x.num;
    }
    for (const x of r.rows)
      lines.push(`${x.id},${x.unit_id},${x.day},${(vals.get(x.id) ?? []).join(',')}`);
    last = ids[ids.length - 1] as string;
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  lines.length = 0;
  const units = await db.query<{ id: string; parent_id: string | null; name: string }>(
    'SELECT id, parent_id, name FROM org_units WHERE org_id = $1',
    [orgId],
  );
  writeFileSync(
    unitsCsv,
    `id,parent_id,name\n${units.rows.map((u) => `${u.id},${u.parent_id ?? ''},${u.name}`).join('\n')}\n`,
  );
  const exportMs = Date.now() - t1;
  const meta = { orgId, surveyId, owner: org.users.owner, loadMs, exportMs };
  bench.keep(meta);
  return meta;
}
