// The retention lists at scale: best customers, at-risk customers and the home overview (whose
// at-risk tile reads 500 of them) over one model run of N scored customers, through `app.inject`
// as the owner. The same endpoints are timed with the score index of migration 400
// (`clv DESC`: NULLs first, so `ORDER BY clv DESC NULLS LAST` sorted the whole run) and with
// migration 480's (`clv DESC NULLS LAST`), alternating rounds on the same data, so the ratio is
// the index's alone. Every variant must return the same customers in the same order.
//   npx tsx bench/retention-lists.ts pglite|postgres [customers=1000000] [requests=10]
//   (postgres: TEST_DATABASE_URL, else a throwaway cluster)
import { migrate } from '../packages/server/src/db/migrate';
import { createOrg } from '../packages/server/test/harness';
import { median, openBenchDb, q } from './analytics-harness';
import { appSession } from './servqual-export';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const N = Number(process.argv[3] ?? 1_000_000);
const R = Number(process.argv[4] ?? 10);
const bench = await openBenchDb(engine, 'bench_ret');
const { db } = bench;
const INDEX = {
  old: 'CREATE INDEX bench_scores_clv ON retention_scores (org_id, run_id, clv DESC)',
  new: 'CREATE INDEX bench_scores_clv ON retention_scores (org_id, run_id, clv DESC NULLS LAST)',
};

try {
  await migrate(db);
  const org = await createOrg(db, 'Bench retention');
  const t0 = performance.now();
  for (let from = 1; from <= N; from += 100_000) {
    const to = Math.min(N, from + 99_999);
    await db.query(
      `INSERT INTO customers (org_id, id, name, external_id)
       SELECT $1, md5('c' || g)::uuid, 'Cliente ' || g, 'C' || g FROM generate_series($2::int, $3::int) g`,
      [org.orgId, from, to],
    );
  }
  const run = await db.query<{ id: string }>(
    `INSERT INTO retention_model_runs (org_id, version, status, calibration_end, discount_rate,
                                       horizon_weeks, customers, finished_at)
     VALUES ($1, 1, 'done', '2026-09-30', 0.1, 52, $2, now()) RETURNING id`,
    [org.orgId, N],
  );
  const runId = run.rows[0]?.id as string;
  for (let from = 1; from <= N; from += 100_000) {
    const to = Math.min(N, from + 99_999);
    // 1 in 50 without a CLV (no spend model for them), as a real run leaves some.
    await db.query(
      `INSERT INTO retention_scores (org_id, run_id, customer_id, frequency, recency_weeks, t_weeks,
              p_alive, expected_90d, expected_365d, clv, rfm_r, rfm_f, rfm_m, rfm_segment, tier)
       SELECT $1, $2, md5('c' || g)::uuid, g % 9, (g % 39)::float8, 39, ((g::bigint * 7919) % 1000) / 1000.0,
              (g % 13) / 10.0, (g % 31) / 10.0,
              CASE WHEN g % 50 = 0 THEN NULL ELSE ((g::bigint * 104729) % 1000003) / 100.0 END,
              1 + g % 5, 1 + (g / 5) % 5, 1 + (g / 25) % 5, 'segment', CASE WHEN g % 10 = 0 THEN 'gold' END
         FROM generate_series($3::int, $4::int) g`,
      [org.orgId, runId, from, to],
    );
  }
  const loadMs = performance.now() - t0;
  await db.exec(
    'DROP INDEX IF EXISTS retention_scores_clv_order_idx; DROP INDEX IF EXISTS retention_scores_clv_idx;',
  );
  await db.query('ANALYZE customers');
  await db.query('ANALYZE retention_scores');
  const { app, headers } = await appSession(db, org.orgId, org.users.owner);
  const endpoints = [
    ['best customers, 50', '/api/retention/best?limit=50'],
    ['at-risk customers, 50', '/api/retention/at-risk?limit=50'],
    ['home overview (at-risk tile: 500)', '/api/analytics/overview'],
  ] as const;
  const times = Object.fromEntries(
    endpoints.map(([name]) => [name, { old: [] as number[], new: [] as number[] }]),
  );
  const bodies = Object.fromEntries(
    endpoints.map(([name]) => [name, {} as { old?: string; new?: string }]),
  );
  for (let round = 0; round < 2; round++)
    for (const variant of ['old', 'new'] as const) {
      await db.exec(`DROP INDEX IF EXISTS bench_scores_clv; ${INDEX[variant]};`);
      await db.query('ANALYZE retention_scores');
      for (const [name, url] of endpoints) {
        const slot = times[name] as { old: number[]; new: number[] };
        for (let i = 0; i < R / 2 + 1; i++) {
          const t = performance.now();
          const r = await app.inject({ method: 'GET', url, headers });
          const ms = performance.now() - t;
          if (r.statusCode !== 200) throw new Error(`${url} ${r.statusCode} ${r.body}`);
          if (i > 0) slot[variant].push(ms); // the first after an index change is a warm-up
          const b = url.includes('overview')
            ? JSON.stringify(JSON.parse(r.body).atRiskBestCustomers)
            : JSON.stringify(
                JSON.parse(r.body).items.map((x: { customerId: string }) => x.customerId),
              );
          const seen = bodies[name] as { old?: string; new?: string };
          if (seen[variant] !== undefined && seen[variant] !== b)
            throw new Error(`${name}: unstable`);
          seen[variant] = b;
        }
      }
    }
  await app.close();
  console.log(
    `${engine}, ${N} scored customers (load ${(loadMs / 1000).toFixed(1)} s), ${R} requests per variant, load average ${JSON.stringify(bench.loads())}`,
  );
  console.log(
    '| endpoint | index `clv DESC` p50 / p95 ms | index `clv DESC NULLS LAST` p50 / p95 ms | ratio p50 | same |',
  );
  console.log('|---|---|---|---|---|');
  for (const [name] of endpoints) {
    const t = times[name] as { old: number[]; new: number[] };
    const same = bodies[name]?.old === bodies[name]?.new;
    console.log(
      `| ${name} | ${median(t.old)} / ${q(t.old, 0.95)} | ${median(t.new)} / ${q(t.new, 0.95)} | ${(median(t.new) / median(t.old)).toFixed(2)} | ${same ? 'yes' : 'NO'} |`,
    );
  }
} finally {
  await bench.close();
}
