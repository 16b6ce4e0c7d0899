// SLA recomputation for N open complaint cases after a calendar change (time, peak RSS), against
// two baselines measured in the same run:
//  - naive: the minute-stepping oracle (sla/naive.ts, one luxon conversion per minute) computing
//    the same due instants for a sample of cases, extrapolated to N (and checked to agree);
//  - sql: one plain `UPDATE` of the same target rows (the I/O floor of touching them at all).
//   npx tsx bench/complaints-sla.ts pglite 100000
//   npx tsx bench/complaints-sla.ts postgres 100000   (needs DATABASE_URL; uses a throwaway db)
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Db, pgliteDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { postgresDb } from '../packages/server/src/db/postgres';
import type { CalendarSpec } from '../packages/server/src/modules/complaints/sla/calendar';
import { naiveAdd } from '../packages/server/src/modules/complaints/sla/naive';
import * as repo from '../packages/server/src/modules/complaints/sla/repo';
import * as svc from '../packages/server/src/modules/complaints/sla/service';
import { factsOf, loadOrgSla } from '../packages/server/src/modules/complaints/sla/service';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const N = Number(process.argv[3] ?? 100_000);
const SAMPLE = Number(process.argv[4] ?? 60);

let rssPeak = 0;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 20);
const mb = (b: number) => `${Math.round(b / 1048576)} MB`;

async function open(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = pgliteDb(await PGlite.create());
    return { db, cleanup: () => db.close() };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('postgres needs DATABASE_URL');
  const name = `fidelia_bench_sla_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = postgresDb(u.toString(), 4);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

const OFFICE = [
  { start: '09:00', end: '14:00' },
  { start: '15:00', end: '18:00' },
];
const MX = [{ start: '08:00', end: '17:00' }];
const week = (d: typeof OFFICE) => ({ '1': d, '2': d, '3': d, '4': d, '5': d });
const madrid: CalendarSpec = {
  timeZone: 'Europe/Madrid',
  week: week(OFFICE),
  holidays: [{ date: '2026-12-08' }, { date: '2026-12-24', start: '14:00', end: '24:00' }],
};
const mexico: CalendarSpec = { timeZone: 'America/Mexico_City', week: week(MX), holidays: [] };

async function main() {
  const { db, cleanup } = await open();
  try {
    await migrate(db);
    const org = (
      await db.query<{ id: string }>(
        `INSERT INTO orgs (name, slug) VALUES ('Bench', 'bench-sla') RETURNING id`,
      )
    ).rows[0] as { id: string };
    const orgId = org.id;
    const unit = async (name: string, parent: string | null) =>
      (
        (
          await db.query<{ id: string }>(
            `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING id`,
            [orgId, parent, name, parent ? 'branch' : 'company'],
          )
        ).rows[0] as { id: string }
      ).id;
    const company = await unit('Bench', null);
    const units = [company, await unit('Madrid Centro', company), await unit('CDMX', company)];
    const mad = await svc.createCalendar(db, orgId, {
      name: 'Madrid',
      ...madrid,
      holidays: madrid.holidays ?? [],
      isDefault: true,
    });
    const mx = await svc.createCalendar(db, orgId, {
      name: 'CDMX',
      ...mexico,
      holidays: [],
      isDefault: false,
    });
    await repo.setUnitCalendar(db, orgId, units[2] as string, mx.id);
    await svc.createPolicy(db, orgId, {
      name: 'Critical',
      categoryId: null,
      severity: 'critical',
      firstResponseMin: 60,
      updateMin: 240,
      resolutionMin: 960,
      warnPercent: 80,
    });

    // N open cases received over the last 60 days (whole minutes), a quarter per severity,
    // half with a first response, 5 % waiting for the customer.
    let t = performance.now();
    await db.query(
      `INSERT INTO complaints (org_id, reference, channel, subject, description, severity, unit_id,
         status, received_at, first_response_at, waiting_since)
       SELECT $1, 'B-' || g, 'web', 'Bench case', 'Generated', (ARRAY['low','medium','high','critical'])[1 + g % 4],
              ($2::uuid[])[1 + g % 3], 'investigating', r,
              CASE WHEN g % 2 = 0 THEN r + interval '47 minutes' END,
              CASE WHEN g % 20 = 7 THEN r + interval '3 hours' END
         FROM generate_series(1, $3::int) AS g,
              LATERAL (SELECT date_trunc('minute', now()) - ((g * 7919) % 86400) * interval '1 minute' AS r) x`,
      [orgId, units, N],
    );
    const setup = performance.now() - t;
    await db.query(`DELETE FROM jobs WHERE org_id = $1`, [orgId]);

    t = performance.now();
    const initial = await svc.recomputeOrg(db, orgId);
    const initialMs = performance.now() - t;

    // The change: Madrid opens at 08:30 and gets a new holiday. Then recompute everything.
    await svc.changeCalendar(db, orgId, mad.id, {
      name: 'Madrid',
      timeZone: 'Europe/Madrid',
      week: week([
        { start: '08:30', end: '14:00' },
        { start: '15:00', end: '18:00' },
      ]),
      holidays: [...(madrid.holidays ?? []), { date: '2026-11-09' }],
      isDefault: true,
    });
    rssPeak = process.memoryUsage().rss;
    const rssBefore = rssPeak;
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const after = await svc.recomputeOrg(db, orgId);
    const recomputeMs = performance.now() - t;
    const cpu1 = process.cpuUsage(cpu0);
    const recomputeCpu = (cpu1.user + cpu1.system) / 1000;
    const recomputePeak = rssPeak;
    t = performance.now();
    const again = await svc.recomputeOrg(db, orgId);
    const idempotentMs = performance.now() - t;

    // Baseline 1: naive minute stepping on a sample, checked against the stored instants.
    const sample = await repo.loadCases(db, orgId, { afterId: null, limit: SAMPLE });
    const orgSla = await loadOrgSla(db, orgId);
    const specs = await repo.listCalendars(db, orgId);
    const specOf = (id: string | null) => {
      const row = specs.find((c) => c.id === id);
      return row
        ? { timeZone: row.timeZone, week: row.week, holidays: row.holidays }
        : (madrid as CalendarSpec);
    };
    const stored = new Map(
      (
        await repo.loadTargets(
          db,
          orgId,
          sample.map((c) => c.id),
        )
      ).map((x) => [`${x.complaintId}|${x.target}`, x]),
    );
    let checked = 0;
    let mismatches = 0;
    t = performance.now();
    const ncpu0 = process.cpuUsage();
    for (const c of sample) {
      const policy = orgSla.policyFor(c.categoryId, c.severity);
      const spec = specOf(orgSla.calendarFor(c.unitId).id) as CalendarSpec;
      const f = factsOf(c);
      const jobs: [string, number, number][] = [
        ['first_response', f.receivedAt, policy.firstResponseMin],
        ['resolution', f.receivedAt, policy.resolutionMin],
      ];
      if (policy.updateMin && f.firstResponseAt !== null)
        jobs.push(['update', Math.max(f.firstResponseAt, f.lastUpdateAt ?? 0), policy.updateMin]);
      for (const [target, start, min] of jobs) {
        const due = naiveAdd(start, min, spec, f.pauses);
        const s = stored.get(`${c.id}|${target}`);
        if (s?.dueAt !== null && s?.dueAt !== undefined) {
          checked++;
          if (s.dueAt !== due) mismatches++;
        }
      }
    }
    const naivePerCase = (performance.now() - t) / sample.length;
    const ncpu = process.cpuUsage(ncpu0);
    const naiveCpuPerCase = (ncpu.user + ncpu.system) / 1000 / sample.length;

    // Baseline 2: one plain SQL UPDATE of the same target rows.
    t = performance.now();
    const scpu0 = process.cpuUsage();
    await db.query(
      `UPDATE complaint_sla_targets t SET due_at = t.due_at + interval '1 minute',
              warn_at = t.warn_at + interval '1 minute', version = t.version + 1, computed_at = now()
         FROM complaints c
        WHERE t.org_id = $1 AND c.org_id = $1 AND c.id = t.complaint_id
          AND c.status NOT IN ('closed', 'rejected')`,
      [orgId],
    );
    const sqlMs = performance.now() - t;
    const scpu = process.cpuUsage(scpu0);
    const sqlCpu = (scpu.user + scpu.system) / 1000;

    const naiveTotal = naivePerCase * N;
    const lines = [
      `engine ${engine}, ${N} open cases (setup ${(setup / 1000).toFixed(1)} s)`,
      `initial computation: ${(initialMs / 1000).toFixed(2)} s, ${initial.changed} targets, ${initial.timers} timer jobs`,
      `recompute after calendar change: ${(recomputeMs / 1000).toFixed(2)} s (${Math.round(N / (recomputeMs / 1000))} cases/s), ${after.changed} targets changed, ${after.timers} timers requeued; RSS before ${mb(rssBefore)}, peak ${mb(recomputePeak)}; process CPU ${(recomputeCpu / 1000).toFixed(2)} s`,
      `idempotent re-run: ${(idempotentMs / 1000).toFixed(2)} s, ${again.changed} changed`,
      `baseline naive minute-stepping: ${naivePerCase.toFixed(1)} ms/case on ${sample.length} cases -> ${(naiveTotal / 1000).toFixed(0)} s for ${N}; ratio naive/recompute ${(naiveTotal / recomputeMs).toFixed(0)}x (CPU ${((naiveCpuPerCase * N) / recomputeCpu).toFixed(0)}x); ${checked} due instants checked, ${mismatches} mismatches`,
      `baseline plain SQL UPDATE of the same rows: ${(sqlMs / 1000).toFixed(2)} s; ratio recompute/sql ${(recomputeMs / sqlMs).toFixed(2)}x (process CPU ${(sqlCpu / 1000).toFixed(2)} s)`,
    ];
    console.log(lines.join('\n'));
    if (mismatches) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await cleanup();
  }
}

await main();
