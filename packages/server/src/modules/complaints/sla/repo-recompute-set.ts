// SQL of the set-based recompute: whole groups of cases computed in the database in a few
// statements (the 100,000-case path); separate because it is one large SQL of its own.
import type { Sql } from '../../../db/client';
import { NEVER, OPEN, TIMER_JOB } from './repo-shared';

// ------------------------------------------------------------------------------- set-based

/**
 * One calendar group of an org recomputation, set-based: the group's open (or never computed)
 * cases, up to `limit` after `afterId`, get their targets recomputed by SQL in ONE statement —
 * due and warning instants by business-time addition over the calendar's working intervals
 * (given here, as computed by the calendar code: [a, b) epoch ms with the working ms before
 * each), the changed targets written, gone ones deleted, superseded queued timers dropped, new
 * timers queued and the cases' next due instants updated, with the same rules as
 * service.recomputeCases (tested against it).
 *
 * The arithmetic, in "calendar position" C(t) = working ms of the calendar before t:
 *   C(t) = cum_i + max(0, t - a_i) for the first interval i with b_i > t;
 *   Cinv(x) = earliest t with C(t) = x = a_j + (x - cum_j) for the first j with cum_j + len_j >= x.
 * Without pauses, due = Cinv(C(start) + budget). Finished pauses (sorted, merged) remove working
 * time: with P_k = C(pause_start_k), E_k = C(pause_end_k), Q_k = sum of (E_l - P_l) for l < k and
 * V_k = P_k - Q_k, the unpaused position of the start is U = C(s) - sum(min(C(s), E) - min(C(s), P))
 * and due = Cinv(X + sum of (E_k - P_k) over pauses with V_k < X), X = U + budget.
 */
export interface TRecomputeGroup {
  /** calendar of the group (null: the built-in one) */
  calendarId: string | null;
  /** key of this group in unitCal; cases whose unit is not listed take defaultKey */
  key: number;
  units: { unitId: string; key: number }[];
  defaultKey: number;
  /** resolved policy per (category or null, severity) */
  policies: {
    categoryId: string | null;
    severity: string;
    policyId: string | null;
    firstResponseMin: number;
    updateMin: number | null;
    resolutionMin: number;
    warnPercent: number;
  }[];
  /** working intervals of the calendar over the horizon: flat [a0, b0, a1, b1, ...] ascending */
  intervals: number[];
  afterId: string | null;
  limit: number;
}

const NO_CATEGORY = '00000000-0000-0000-0000-000000000000';
const MS = (x: string) => `floor(extract(epoch FROM ${x}) * 1000)::float8`;
const TS = (x: string) => `to_timestamp((${x}) / 1000.0)`;
const C = (t: string) =>
  `(SELECT i.cum + GREATEST(0, (${t}) - i.a) FROM sla_iv i WHERE i.b > (${t}) ORDER BY i.b LIMIT 1)`;
const CINV = (x: string) =>
  `(SELECT i.a + ((${x}) - i.cum) FROM sla_iv i WHERE i.ce >= (${x}) ORDER BY i.ce LIMIT 1)`;

const GROUP_SQL = `
WITH um AS (SELECT * FROM unnest($2::uuid[], $3::int[]) AS um(unit_id, k)),
pm AS (SELECT * FROM unnest($4::uuid[], $5::text[], $6::uuid[], $7::int[], $8::int[], $9::int[],
                              $10::int[]) AS pm(cat, sev, pid, fr, upd, res, wp)),
cs AS MATERIALIZED (
  SELECT c.id, c.status, c.received_at, c.first_response_at, c.responded_at, c.closed_at,
         c.category_id, c.severity
    FROM complaints c LEFT JOIN um ON um.unit_id = c.unit_id
   WHERE c.org_id = $1 AND COALESCE(um.k, $11::int) = $12::int
     AND ($13::uuid IS NULL OR c.id > $13::uuid)
     AND (c.status NOT IN ('closed', 'rejected')
          OR NOT EXISTS (SELECT 1 FROM complaint_sla_targets t
                          WHERE t.org_id = c.org_id AND t.complaint_id = c.id))
   ORDER BY c.id LIMIT $14),
lu AS (
  SELECT e.complaint_id AS cid, ${MS('max(e.at)')} AS at
    FROM complaint_events e JOIN cs ON cs.id = e.complaint_id
   WHERE e.org_id = $1 AND e.visibility = 'customer' AND e.actor_id IS NOT NULL
   GROUP BY e.complaint_id),
pr AS MATERIALIZED (
  SELECT p.complaint_id AS cid, ${MS('p.start_at')} AS s, ${MS('p.end_at')} AS e
    FROM complaint_sla_pauses p JOIN cs ON cs.id = p.complaint_id
   WHERE p.org_id = $1),
op AS (SELECT cid, max(s) AS since FROM pr WHERE e IS NULL GROUP BY cid),
pf AS (
  SELECT cid, s, e, max(e) OVER (PARTITION BY cid ORDER BY s, e
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
    FROM pr WHERE e > s),
pi AS (
  SELECT cid, s, e, sum(CASE WHEN before IS NULL OR s > before THEN 1 ELSE 0 END)
                      OVER (PARTITION BY cid ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS g
    FROM pf),
pn AS (SELECT cid, min(s) AS s, max(e) AS e FROM pi GROUP BY cid, g),
pc AS MATERIALIZED (SELECT cid, s, ${C('s')} AS p, ${C('e')} AS q FROM pn),
pz AS MATERIALIZED (
  SELECT cid, p, q, p - COALESCE(sum(q - p) OVER (PARTITION BY cid ORDER BY s
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS v
    FROM pc),
f AS (
  SELECT cs.id AS cid, pm.pid, pm.fr, pm.upd, pm.res, pm.wp, op.since,
         ${MS('cs.received_at')} AS recv, ${MS('cs.first_response_at')} AS fra, lu.at AS lua,
         CASE WHEN cs.status IN ('closed', 'rejected', 'responded')
              THEN ${MS('COALESCE(cs.responded_at, cs.closed_at, cs.received_at)')} END AS resolved
    FROM cs
    JOIN pm ON pm.sev = cs.severity
           AND pm.cat = CASE WHEN cs.category_id = ANY($4::uuid[]) THEN cs.category_id
                             ELSE '${NO_CATEGORY}'::uuid END
    LEFT JOIN lu ON lu.cid = cs.id
    LEFT JOIN op ON op.cid = cs.id),
fc AS (SELECT f.*, ${C('f.recv')} AS crecv FROM f),
tp AS (
  SELECT cid, 'first_response' AS target, pid, wp, since, fr AS tmin, recv AS st, fra AS met,
         crecv AS cst FROM fc
  UNION ALL
  SELECT cid, 'update', pid, wp, since, upd, GREATEST(fra, COALESCE(lua, fra)), resolved,
         ${C('GREATEST(fra, COALESCE(lua, fra))')} FROM fc
   WHERE upd IS NOT NULL AND fra IS NOT NULL
  UNION ALL
  SELECT cid, 'resolution', pid, wp, since, res, recv, resolved, crecv FROM fc),
ua AS (
  SELECT tp.cid, tp.target, sum(LEAST(tp.cst, pz.q) - LEAST(tp.cst, pz.p)) AS adj
    FROM tp JOIN pz ON pz.cid = tp.cid GROUP BY tp.cid, tp.target),
tx AS MATERIALIZED (
  SELECT tp.*, tp.cst - COALESCE(ua.adj, 0) + tp.tmin * 60000.0 AS xd,
         tp.cst - COALESCE(ua.adj, 0) + tp.tmin * 600.0 * tp.wp AS xw
    FROM tp LEFT JOIN ua ON ua.cid = tp.cid AND ua.target = tp.target),
qa AS (
  SELECT tx.cid, tx.target, sum(CASE WHEN pz.v < tx.xd THEN pz.q - pz.p ELSE 0 END) AS qd,
         sum(CASE WHEN pz.v < tx.xw THEN pz.q - pz.p ELSE 0 END) AS qw
    FROM tx JOIN pz ON pz.cid = tx.cid GROUP BY tx.cid, tx.target),
tr AS MATERIALIZED (
  SELECT tx.cid, tx.target, tx.pid, tx.tmin, tx.st, tx.met, tx.since,
         ${CINV('tx.xd + COALESCE(qa.qd, 0)')} AS due, ${CINV('tx.xw + COALESCE(qa.qw, 0)')} AS warn
    FROM tx LEFT JOIN qa ON qa.cid = tx.cid AND qa.target = tx.target),
np AS MATERIALIZED (
  SELECT cid, target, pid, tmin, ${TS('st')} AS st, ${TS('met')} AS met,
         (since IS NOT NULL AND met IS NULL AND due > since) AS paused,
         CASE WHEN since IS NOT NULL AND met IS NULL AND due > since THEN NULL
              ELSE ${TS('due')} END AS due,
         CASE WHEN since IS NOT NULL AND met IS NULL AND warn > since THEN NULL
              ELSE ${TS('warn')} END AS warn
    FROM tr),
jn AS (
  SELECT np.*, t.complaint_id AS o_cid, t.version AS o_version, t.job_id AS o_job,
         CASE WHEN t.complaint_id IS NOT NULL AND t.warn_at IS NOT DISTINCT FROM np.warn
              THEN t.warned_at END AS warned,
         CASE WHEN t.complaint_id IS NOT NULL AND t.due_at IS NOT DISTINCT FROM np.due
              THEN t.breached_at END AS breached
    FROM np LEFT JOIN complaint_sla_targets t
      ON t.org_id = $1 AND t.complaint_id = np.cid AND t.target = np.target
   WHERE t.complaint_id IS NULL
      OR NOT (t.policy_id IS NOT DISTINCT FROM np.pid
              AND t.calendar_id IS NOT DISTINCT FROM $15::uuid
              AND t.target_min = np.tmin AND t.started_at = np.st
              AND t.due_at IS NOT DISTINCT FROM np.due AND t.warn_at IS NOT DISTINCT FROM np.warn
              AND t.met_at IS NOT DISTINCT FROM np.met AND t.paused = np.paused)),
fire AS (
  SELECT jn.*, COALESCE(jn.o_version, 0) + 1 AS version,
         CASE WHEN jn.met IS NOT NULL OR jn.due IS NULL OR jn.breached IS NOT NULL THEN NULL
              WHEN jn.warned IS NULL AND jn.warn IS NOT NULL AND jn.warn < jn.due THEN jn.warn
              ELSE jn.due END AS run_at
    FROM jn),
chg AS MATERIALIZED (
  SELECT fire.*, CASE WHEN run_at IS NOT NULL THEN gen_random_uuid() END AS job FROM fire),
gone AS (
  DELETE FROM complaint_sla_targets t USING cs
   WHERE t.org_id = $1 AND t.complaint_id = cs.id
     AND NOT EXISTS (SELECT 1 FROM np WHERE np.cid = t.complaint_id AND np.target = t.target)
  RETURNING t.complaint_id, t.job_id),
stale AS (
  DELETE FROM jobs WHERE org_id = $1 AND status = 'queued'
     AND id IN (SELECT o_job FROM chg WHERE o_job IS NOT NULL
                UNION ALL SELECT job_id FROM gone WHERE job_id IS NOT NULL)),
timers AS (
  INSERT INTO jobs (id, org_id, kind, payload, run_at, max_attempts)
  SELECT job, $1, '${TIMER_JOB}',
         jsonb_build_object('caseId', cid, 'target', target, 'version', version), run_at, 5
    FROM chg WHERE job IS NOT NULL),
upd AS (
  UPDATE complaint_sla_targets t SET policy_id = chg.pid, calendar_id = $15::uuid,
         target_min = chg.tmin, started_at = chg.st, due_at = chg.due, warn_at = chg.warn,
         met_at = chg.met, paused = chg.paused, warned_at = chg.warned,
         breached_at = chg.breached, version = chg.version, computed_at = now(),
         job_id = COALESCE(chg.job, t.job_id)
    FROM chg
   WHERE chg.o_cid IS NOT NULL AND t.org_id = $1 AND t.complaint_id = chg.cid
     AND t.target = chg.target),
ins AS (
  INSERT INTO complaint_sla_targets (org_id, complaint_id, target, policy_id, calendar_id,
    target_min, started_at, due_at, warn_at, met_at, paused, version, job_id)
  SELECT $1, cid, target, pid, $15::uuid, tmin, st, due, warn, met, paused, version, job
    FROM chg WHERE o_cid IS NULL
  ON CONFLICT DO NOTHING),
touched AS (SELECT cid FROM chg UNION SELECT complaint_id FROM gone),
dues AS (
  UPDATE complaints c SET due_at = d.due
    FROM (SELECT np.cid, min(np.due) FILTER (WHERE np.met IS NULL) AS due
            FROM np WHERE np.cid IN (SELECT cid FROM touched) GROUP BY np.cid) d
   WHERE c.org_id = $1 AND c.id = d.cid AND c.due_at IS DISTINCT FROM d.due)
SELECT (SELECT count(*) FROM cs)::int AS cases,
       (SELECT id FROM cs ORDER BY id DESC LIMIT 1) AS last,
       ((SELECT count(*) FROM chg) + (SELECT count(*) FROM gone))::int AS changed,
       (SELECT count(*) FROM chg WHERE job IS NOT NULL)::int AS timers`;

/** Runs one chunk of a calendar group (see TRecomputeGroup), in the caller's transaction. */
export async function recomputeGroup(
  db: Sql,
  orgId: string,
  g: TRecomputeGroup,
): Promise<{ cases: number; last: string | null; changed: number; timers: number }> {
  // The calendar's working intervals, for this transaction only (not tenant data: the org's
  // calendar as computed by calendar.ts; every query below filters org_id).
  await db.query('DROP TABLE IF EXISTS pg_temp.sla_iv');
  await db.query(
    `CREATE TEMP TABLE sla_iv (a float8 NOT NULL, b float8 NOT NULL, cum float8 NOT NULL,
       ce float8 NOT NULL) ON COMMIT DROP`,
  );
  const a: number[] = [];
  const b: number[] = [];
  const cum: number[] = [];
  let total = 0;
  for (let i = 0; i + 1 < g.intervals.length; i += 2) {
    const s = g.intervals[i] as number;
    const e = g.intervals[i + 1] as number;
    a.push(s);
    b.push(e);
    cum.push(total);
    total += e - s;
  }
  await db.query(
    `INSERT INTO sla_iv (a, b, cum, ce)
     SELECT a, b, cum, cum + (b - a) FROM unnest($1::float8[], $2::float8[], $3::float8[]) AS u(a, b, cum)`,
    [a, b, cum],
  );
  await db.query('CREATE INDEX ON sla_iv (b)');
  await db.query('CREATE INDEX ON sla_iv (ce)');
  await db.query('ANALYZE sla_iv');
  // The planner cannot estimate the CTEs' sizes (unnest parameters, computed keys): with nested
  // loops it re-aggregates a CTE once per case. Hash joins are right at every size here; the
  // interval lookups stay index scans (subplans). JIT would only add compile time.
  await db.query('SET LOCAL enable_nestloop = off');
  await db.query('SET LOCAL jit = off');
  const p = g.policies;
  const r = await db.query<{ cases: number; last: string | null; changed: number; timers: number }>(
    GROUP_SQL,
    [
      orgId,
      g.units.map((u) => u.unitId),
      g.units.map((u) => u.key),
      p.map((x) => x.categoryId ?? NO_CATEGORY),
      p.map((x) => x.severity),
      p.map((x) => x.policyId),
      p.map((x) => x.firstResponseMin),
      p.map((x) => x.updateMin),
      p.map((x) => x.resolutionMin),
      p.map((x) => x.warnPercent),
      g.defaultKey,
      g.key,
      g.afterId,
      g.limit,
      g.calendarId,
    ],
  );
  await db.query('DROP TABLE IF EXISTS pg_temp.sla_iv');
  const row = r.rows[0] as { cases: number; last: string | null; changed: number; timers: number };
  return {
    cases: Number(row.cases),
    last: row.last,
    changed: Number(row.changed),
    timers: Number(row.timers),
  };
}

/**
 * The instants an org recomputation looks up (starts, first responses, pause bounds, staff
 * updates) of its open or never computed cases: earliest and latest, epoch ms; null: no case.
 */
export async function recomputeSpan(
  db: Sql,
  orgId: string,
): Promise<{ from: number; to: number } | null> {
  const r = await db.query<{ lo: number | null; hi: number | null }>(
    `SELECT ${MS('min(x.lo)')} AS lo, ${MS('max(x.hi)')} AS hi FROM (
       SELECT LEAST(c.received_at, c.first_response_at) AS lo,
              GREATEST(c.received_at, c.first_response_at) AS hi
         FROM complaints c WHERE c.org_id = $1 AND (${OPEN} OR ${NEVER})
       UNION ALL
       SELECT p.start_at, COALESCE(p.end_at, p.start_at)
         FROM complaint_sla_pauses p JOIN complaints c ON c.id = p.complaint_id
        WHERE p.org_id = $1 AND c.org_id = $1 AND (${OPEN} OR ${NEVER})
       UNION ALL
       SELECT NULL, max(e.at) FROM complaint_events e
        WHERE e.org_id = $1 AND e.visibility = 'customer' AND e.actor_id IS NOT NULL) x`,
    [orgId],
  );
  const row = r.rows[0];
  if (!row || row.lo === null || row.hi === null) return null;
  return { from: Number(row.lo), to: Number(row.hi) };
}
