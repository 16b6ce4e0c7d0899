// Cost of the complaints' report rows (migration 390) on the write path: a case inserted, its
// two SLA targets inserted, then its first response and closing written (three statements as
// the handling services issue them), with the report-row triggers enabled and disabled in
// alternating rounds, over an org that already holds `base` cases from 2,000 customers with their
// SLA targets (so each new case has neighbours to update). Per case: statement time, no HTTP.
//   [TEST_DATABASE_URL=…] npx tsx bench/complaints-facts-cost.ts postgres|pglite [cases per round=300] [rounds=6] [base=50000]
import { randomUUID } from 'node:crypto';
import { migrate } from '../packages/server/src/db/migrate';
import { createOrg } from '../packages/server/test/harness';
import { openBenchDb } from './analytics-harness';

const engine = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const perRound = Number(process.argv[3] ?? 300);
const rounds = Number(process.argv[4] ?? 6);
const base = Number(process.argv[5] ?? 50_000);
const bench = await openBenchDb(engine, 'bench_cf');
const { db } = bench;

const TRIGGERS = {
  complaints: [
    'complaint_report_facts_ins',
    'complaint_report_facts_upd',
    'complaint_report_facts_del',
  ],
  complaint_sla_targets: [
    'complaint_report_facts_targets_ins',
    'complaint_report_facts_targets_upd',
    'complaint_report_facts_targets_del',
  ],
};
const set = (on: boolean) =>
  db.exec(
    Object.entries(TRIGGERS)
      .flatMap(([t, ts]) =>
        ts.map((x) => `ALTER TABLE ${t} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${x};`),
      )
      .join('\n'),
  );

try {
  await migrate(db);
  const org = await createOrg(db, 'Bench report rows');
  const orgId = org.orgId;
  await db.query(
    `INSERT INTO complaints (org_id, reference, channel, subject, description, customer_id,
        received_at)
     SELECT $1, 'B-' || g, 'web', 'Asunto', 'Detalle', md5('c' || (g % 2000))::uuid,
            now() - make_interval(mins => g)
       FROM generate_series(1, $2::int) g`,
    [orgId, base],
  );
  await db.query(
    `INSERT INTO complaint_sla_targets (org_id, complaint_id, target, target_min, started_at,
        due_at, met_at)
     SELECT c.org_id, c.id, t, 60, c.received_at, c.received_at + interval '1 day',
            c.received_at + interval '2 hours'
       FROM complaints c, unnest(ARRAY['first_response', 'resolution']) t WHERE c.org_id = $1`,
    [orgId],
  );
  // statistics as autovacuum or the embedded keeper (db/statistics.ts) keep them
  await db.query('ANALYZE');
  let k = 0;
  const per: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let r = 0; r < rounds * 2; r++) {
    const mode = r % 2 === 0 ? 'off' : 'on';
    await set(mode === 'on');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) {
      const id = randomUUID();
      const n = k++;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO complaints (org_id, id, reference, channel, subject, description,
              customer_id, unit_id)
           VALUES ($1, $2, $3, 'web', 'Asunto', 'Detalle', md5('c' || $4::text)::uuid, $5)`,
          [orgId, id, `N-${n}`, n % 2000, org.companyUnitId],
        );
        await tx.query(
          `INSERT INTO complaint_sla_targets (org_id, complaint_id, target, target_min,
              started_at, due_at)
           SELECT $1, $2, t, 60, now(), now() + interval '1 day'
             FROM unnest(ARRAY['first_response', 'resolution']) t`,
          [orgId, id],
        );
      });
      await db.transaction(async (tx) => {
        await tx.query(
          `UPDATE complaints SET status = 'responded', first_response_at = now(),
              updated_at = now() WHERE org_id = $1 AND id = $2`,
          [orgId, id],
        );
        await tx.query(
          `UPDATE complaint_sla_targets SET met_at = now(), version = version + 1
            WHERE org_id = $1 AND complaint_id = $2 AND target = 'first_response'`,
          [orgId, id],
        );
      });
      await db.query(
        `UPDATE complaints SET status = 'closed', closed_at = now(), rating = 4
          WHERE org_id = $1 AND id = $2`,
        [orgId, id],
      );
    }
    const us = Number(process.hrtime.bigint() - t0) / 1000 / perRound;
    per[mode].push(us);
    process.stderr.write(`${mode} round ${Math.floor(r / 2) + 1}: ${us.toFixed(0)} µs/case\n`);
  }
  await set(true);
  // paired rounds (off, then on): the database grows as rounds go, so differences are taken
  // within a pair
  const diffs = per.on.map((x, i) => x - (per.off[i] ?? 0));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      engine,
      base,
      casesPerRound: perRound,
      rounds,
      usPerCaseOff: Math.round(median(per.off)),
      usPerCaseOn: Math.round(median(per.on)),
      medianPairedOverheadUs: Math.round(median(diffs)),
      loadAvg: bench.loads(),
    })}\n`,
  );
} finally {
  await bench.close();
}
