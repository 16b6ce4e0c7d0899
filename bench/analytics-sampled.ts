// The raw-row reports at scale (issue 11): key drivers over the kept SERVQUAL bench database
// (bench/analytics-servqual.ts with BENCH_KEEP, 1M responses), which read a deterministic random
// sample above the cap (analytics/sample.ts) instead of every answer. An NPS answer is added to
// each response once (a function of the response, so the drivers have an outcome to explain);
// DuckDB is the baseline in the same run, computing what an analyst would, each dimension's
// correlation with NPS over every response in the scope. Checks: a sampled report is within
// 4 standard errors of DuckDB's full-data correlation ((1 − r²)/√n); a scope under the cap is
// read whole and equals DuckDB to 1e-9.
//   BENCH_KEEP=1m [TEST_DATABASE_URL=…] npx tsx bench/analytics-sampled.ts postgres|pglite [requests=10]
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../packages/server/src/db/migrate';
import { openBenchDb, type TEndpoint, timeEndpoints } from './analytics-harness';
import { appSession, DIMS, duckOverExport, ITEMS } from './servqual-export';

const engine = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const R = Number(process.argv[3] ?? 10);
if (!process.env.BENCH_KEEP) throw new Error('set BENCH_KEEP to the key of a kept SERVQUAL load');
const bench = await openBenchDb(engine, 'bench_sq');
const { db } = bench;
try {
  const kept = bench.kept as {
    orgId: string;
    surveyId: string;
    owner: { email: string; password: string };
  } | null;
  if (!kept) throw new Error('no kept load: run bench/analytics-servqual.ts with BENCH_KEEP first');
  await migrate(db);
  const { orgId, surveyId, owner } = kept;
  // g, the generator's row number, is the id's first 8 hex digits (analytics-servqual.ts).
  const g = `('x' || substr(replace(r.id::text, '-', ''), 1, 8))::bit(32)::int`;
  const has = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM survey_answers
      WHERE org_id = $1 AND survey_id = $2 AND tag = 'nps' LIMIT 1) x`,
    [orgId, surveyId],
  );
  let npsMs = 0;
  if (has.rows[0]?.n === 0) {
    const t0 = Date.now();
    const total = (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM survey_responses WHERE org_id = $1',
        [orgId],
      )
    ).rows[0]?.n as number;
    for (let lo = 0; lo < total; lo += 50_000) {
      const b = (x: number) => `${x.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
      await db.query(
        `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num)
         SELECT r.org_id, r.survey_id, r.id, 'nps', '', 'nps',
                least(10, 2 * (${g} % 5) + (${g} / 3) % 3 + ((${g} * 7) / 11) % 2)
           FROM survey_responses r
          WHERE r.org_id = $1 AND r.id >= $2::uuid AND r.id < $3::uuid`,
        [orgId, b(lo), b(lo + 50_000)],
      );
    }
    npsMs = Date.now() - t0;
    process.stderr.write(`NPS answers added in ${npsMs} ms\n`);
  }
  // DuckDB: the SERVQUAL export of the load plus each response's NPS
  const npsCsv = join(bench.dir, 'nps.csv');
  const out = createWriteStream(npsCsv);
  out.write('id,nps\n');
  const rows = await db.query<{ id: string; num: number }>(
    `SELECT response_id AS id, num FROM survey_answers WHERE org_id = $1 AND tag = 'nps'`,
    [orgId],
  );
  for (const x of rows.rows) out.write(`${x.id},${x.num}\n`);
  await new Promise((r) => out.end(r));
  const duck = await duckOverExport(bench.dir);
  await duck.run(
    `CREATE TABLE n AS SELECT * FROM read_csv('${npsCsv}', header = true,
       columns = {'id': 'UUID', 'nps': 'DOUBLE'})`,
  );
  const { app, headers, unit } = await appSession(db, orgId, owner);
  const a = `/api/analytics/surveys/${surveyId}`;
  // a dimension's perception: the mean of the items answered (as the report), over complete cases
  const dimExpr = ITEMS.map((its, j) => {
    const sum = its.map((k) => `coalesce(p${k}, 0)`).join(' + ');
    const cnt = its.map((k) => `(p${k} IS NOT NULL)::INT`).join(' + ');
    return `(${sum}) / nullif(${cnt}, 0) AS d${j + 1}`;
  }).join(', ');
  const corrSel = DIMS.map((_, j) => `corr(d${j + 1}, nps) AS c${j + 1}`).join(', ');
  const duckOf = (where: string) =>
    `SELECT count(*)::INT AS n, ${corrSel} FROM (
       SELECT ${dimExpr}, n.nps FROM r JOIN n USING (id) WHERE ${where}) x
      WHERE ${DIMS.map((_, j) => `d${j + 1} IS NOT NULL`).join(' AND ')} AND nps IS NOT NULL`;
  type TBody = {
    n?: number;
    sample?: { n: number; of: number | null } | null;
    drivers?: { attribute: string; correlation: number }[];
  };
  const check = (o: TBody, d: Record<string, unknown>[]) => {
    const x = d[0] ?? {};
    const drivers = o.drivers ?? [];
    if (drivers.length !== 5) return false;
    return drivers.every((dr) => {
      const full = Number(x[`c${DIMS.indexOf(dr.attribute) + 1}`]);
      if (!o.sample) return Math.abs(dr.correlation - full) <= 1e-9 && o.n === Number(x.n);
      return Math.abs(dr.correlation - full) <= (4 * (1 - full * full)) / Math.sqrt(o.n ?? 1);
    });
  };
  const sub = `unit_id IN (WITH RECURSIVE t(id) AS (SELECT '${unit}'::uuid UNION ALL
                 SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t)`;
  const endpoints: TEndpoint<TBody>[] = [
    {
      label: 'drivers, whole year (sampled)',
      url: `${a}/drivers`,
      duck: duckOf('TRUE'),
      check,
    },
    {
      label: 'drivers, 31 days across two months (sampled)',
      url: `${a}/drivers?from=2026-06-10&to=2026-07-10`,
      duck: duckOf(`day BETWEEN DATE '2026-06-10' AND DATE '2026-07-10'`),
      check,
    },
    {
      label: 'filtered: drivers, one unit subtree, 31 days (whole)',
      url: `${a}/drivers?unitId=${unit}&from=2026-03-10&to=2026-04-09`,
      duck: duckOf(`${sub} AND day BETWEEN DATE '2026-03-10' AND DATE '2026-04-09'`),
      check,
    },
    {
      label: 'text themes, whole year (sampled; this load has no comments)',
      url: `${a}/text`,
      duck: 'SELECT 1',
      check: null,
    },
  ];
  const results = await timeEndpoints(app, headers, endpoints, R, bench.cpuMs, duck.rows);
  const sampleOf = await app.inject({ method: 'GET', url: `${a}/drivers`, headers });
  process.stdout.write(
    `${JSON.stringify({
      engine,
      requests: R,
      npsMs,
      sample: sampleOf.json().sample,
      loadAvg: bench.loads(),
      results,
    })}\n`,
  );
  duck.close();
  await app.close();
} finally {
  await bench.close();
}
