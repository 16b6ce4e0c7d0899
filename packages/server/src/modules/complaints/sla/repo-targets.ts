// SQL of the stored SLA targets: reads, the recompute write and the durable timers they
// schedule; separate from the per-case facts (repo.ts) and the set-based recompute.
import type { Sql } from '../../../db/client';
import { iso } from '../../../lib/iso';
import type { SlaTarget } from './compute';
import { ms, TIMER_JOB } from './repo-shared';

// ------------------------------------------------------------------------------- targets

export interface TTargetRow {
  complaintId: string;
  target: SlaTarget;
  policyId: string | null;
  calendarId: string | null;
  targetMin: number;
  startedAt: number;
  dueAt: number | null;
  warnAt: number | null;
  metAt: number | null;
  paused: boolean;
  warnedAt: number | null;
  breachedAt: number | null;
  version: number;
  jobId: string | null;
}

function toTarget(x: Record<string, unknown>): TTargetRow {
  return {
    complaintId: x.complaint_id as string,
    target: x.target as SlaTarget,
    policyId: (x.policy_id as string | null) ?? null,
    calendarId: (x.calendar_id as string | null) ?? null,
    targetMin: Number(x.target_min),
    startedAt: ms(x.started_at) as number,
    dueAt: ms(x.due_at),
    warnAt: ms(x.warn_at),
    metAt: ms(x.met_at),
    paused: Boolean(x.paused),
    warnedAt: ms(x.warned_at),
    breachedAt: ms(x.breached_at),
    version: Number(x.version),
    jobId: (x.job_id as string | null) ?? null,
  };
}

export async function loadTargets(db: Sql, orgId: string, ids: string[]): Promise<TTargetRow[]> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT * FROM complaint_sla_targets WHERE org_id = $1 AND complaint_id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return r.rows.map(toTarget);
}

export async function getTarget(db: Sql, orgId: string, caseId: string, target: string) {
  const r = await db.query<Record<string, unknown>>(
    `SELECT * FROM complaint_sla_targets WHERE org_id = $1 AND complaint_id = $2 AND target = $3`,
    [orgId, caseId, target],
  );
  return r.rows[0] ? toTarget(r.rows[0]) : null;
}

export type TTargetWrite = Omit<TTargetRow, 'warnedAt' | 'breachedAt' | 'version' | 'jobId'>;

/** One timer job per (case, target, version), in bulk; records each job id on its target. */
export async function enqueueTimers(
  db: Sql,
  orgId: string,
  timers: { complaintId: string; target: string; version: number; runAt: number }[],
): Promise<void> {
  if (!timers.length) return;
  await db.query(
    `WITH u AS (
       SELECT * FROM unnest($2::uuid[], $3::text[], $4::int[], $5::timestamptz[])
                AS u(cid, target, version, run_at)),
     j AS (
       INSERT INTO jobs (org_id, kind, payload, run_at, max_attempts)
       SELECT $1, '${TIMER_JOB}',
              jsonb_build_object('caseId', u.cid, 'target', u.target, 'version', u.version),
              u.run_at, 5
         FROM u
       RETURNING id, payload)
     UPDATE complaint_sla_targets t SET job_id = j.id
       FROM j
      WHERE t.org_id = $1 AND t.complaint_id = (j.payload->>'caseId')::uuid
        AND t.target = j.payload->>'target' AND t.version = (j.payload->>'version')::int`,
    [
      orgId,
      timers.map((t) => t.complaintId),
      timers.map((t) => t.target),
      timers.map((t) => t.version),
      timers.map((t) => new Date(t.runAt).toISOString()),
    ],
  );
}

/** A target as it will be stored, with the timer job (if any) that now watches it. */
export interface TTargetStored extends TTargetWrite {
  version: number;
  /** the timer job queued for this version; null: none (the row keeps the one it had) */
  jobId: string | null;
}

export interface TRecomputeWrite {
  /** targets no longer planned */
  gone: { complaintId: string; target: string }[];
  /** superseded timer jobs, dropped when they have not started */
  staleJobs: string[];
  /** targets inserted or changed */
  targets: TTargetStored[];
  /** new timer jobs, ids chosen by the caller so the target rows can name them */
  timers: { id: string; complaintId: string; target: string; version: number; runAt: number }[];
  /** the case list's denormalised next due instant, for the cases whose targets changed */
  dues: { id: string; dueAt: number | null }[];
}

/**
 * Every write of a recomputation batch in one statement (data-modifying CTEs over unnest
 * arrays): whatever the batch size, it is one round trip and one plan, with no RETURNING and
 * no join back from the jobs to the targets. The parts touch disjoint rows, as the CTEs of one
 * statement must.
 */
export async function writeRecompute(db: Sql, orgId: string, w: TRecomputeWrite): Promise<void> {
  if (!w.gone.length && !w.staleJobs.length && !w.targets.length && !w.dues.length) return;
  const t = w.targets;
  await db.query(
    `WITH gone AS (
       DELETE FROM complaint_sla_targets t USING unnest($2::uuid[], $3::text[]) AS u(cid, target)
        WHERE t.org_id = $1 AND t.complaint_id = u.cid AND t.target = u.target),
     stale AS (
       DELETE FROM jobs WHERE org_id = $1 AND id = ANY($4::uuid[]) AND status = 'queued'),
     timers AS (
       INSERT INTO jobs (id, org_id, kind, payload, run_at, max_attempts)
       SELECT u.id, $1, '${TIMER_JOB}',
              jsonb_build_object('caseId', u.cid, 'target', u.target, 'version', u.version),
              u.run_at, 5
         FROM unnest($5::uuid[], $6::uuid[], $7::text[], $8::int[], $9::timestamptz[])
              AS u(id, cid, target, version, run_at)),
     dues AS (
       UPDATE complaints c SET due_at = u.due
         FROM unnest($10::uuid[], $11::timestamptz[]) AS u(id, due)
        WHERE c.org_id = $1 AND c.id = u.id AND c.due_at IS DISTINCT FROM u.due)
     INSERT INTO complaint_sla_targets AS t (org_id, complaint_id, target, policy_id, calendar_id,
       target_min, started_at, due_at, warn_at, met_at, paused, job_id)
     SELECT $1, u.cid, u.target, u.pid, u.calid, u.tmin, u.started, u.due, u.warn, u.met, u.paused,
            u.job
       FROM unnest($12::uuid[], $13::text[], $14::uuid[], $15::uuid[], $16::int[],
                   $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[],
                   $21::boolean[], $22::uuid[])
            AS u(cid, target, pid, calid, tmin, started, due, warn, met, paused, job)
     ON CONFLICT (org_id, complaint_id, target) DO UPDATE SET
       policy_id = EXCLUDED.policy_id, calendar_id = EXCLUDED.calendar_id,
       target_min = EXCLUDED.target_min, started_at = EXCLUDED.started_at,
       due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, met_at = EXCLUDED.met_at,
       paused = EXCLUDED.paused,
       warned_at = CASE WHEN t.warn_at IS DISTINCT FROM EXCLUDED.warn_at THEN NULL ELSE t.warned_at END,
       breached_at = CASE WHEN t.due_at IS DISTINCT FROM EXCLUDED.due_at THEN NULL ELSE t.breached_at END,
       version = t.version + 1, computed_at = now(),
       job_id = COALESCE(EXCLUDED.job_id, t.job_id)`,
    [
      orgId,
      w.gone.map((x) => x.complaintId),
      w.gone.map((x) => x.target),
      w.staleJobs,
      w.timers.map((x) => x.id),
      w.timers.map((x) => x.complaintId),
      w.timers.map((x) => x.target),
      w.timers.map((x) => x.version),
      w.timers.map((x) => new Date(x.runAt).toISOString()),
      w.dues.map((x) => x.id),
      w.dues.map((x) => iso(x.dueAt)),
      t.map((x) => x.complaintId),
      t.map((x) => x.target),
      t.map((x) => x.policyId),
      t.map((x) => x.calendarId),
      t.map((x) => x.targetMin),
      t.map((x) => iso(x.startedAt)),
      t.map((x) => iso(x.dueAt)),
      t.map((x) => iso(x.warnAt)),
      t.map((x) => iso(x.metAt)),
      t.map((x) => x.paused),
      t.map((x) => x.jobId),
    ],
  );
}

/**
 * Targets of the cases whose ids lie in [firstId, lastId] (a keyset page of loadCases): a range
 * scan of the primary key instead of probing it once per id; the caller keeps the page's own.
 */
export async function loadTargetsInRange(
  db: Sql,
  orgId: string,
  firstId: string,
  lastId: string,
): Promise<TTargetRow[]> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT * FROM complaint_sla_targets
      WHERE org_id = $1 AND complaint_id >= $2::uuid AND complaint_id <= $3::uuid`,
    [orgId, firstId, lastId],
  );
  return r.rows.map(toTarget);
}

export async function markTarget(
  db: Sql,
  orgId: string,
  caseId: string,
  target: string,
  version: number,
  mark: 'warned_at' | 'breached_at',
  at: number,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE complaint_sla_targets SET ${mark} = $5
      WHERE org_id = $1 AND complaint_id = $2 AND target = $3 AND version = $4 AND ${mark} IS NULL
      RETURNING complaint_id`,
    [orgId, caseId, target, version, new Date(at).toISOString()],
  );
  return r.rows.length > 0;
}
