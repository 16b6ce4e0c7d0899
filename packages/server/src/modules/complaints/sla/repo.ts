// SQL of the complaint SLAs. Every function takes the org id first and filters by it. Bulk
// reads/writes (unnest arrays) so recomputing 100,000 open cases is a few statements per batch.
import type { Sql } from '../../../db/client';
import type { Holiday, Pause, WorkInterval } from './calendar';
import type { SlaPolicy, SlaTarget } from './compute';

export const TIMER_JOB = 'complaints.sla.timer';
export const RECOMPUTE_JOB = 'complaints.sla.recompute';

const ms = (v: unknown): number | null =>
  v == null ? null : v instanceof Date ? v.getTime() : Date.parse(String(v));
const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString());

// ------------------------------------------------------------------------------- calendars

export interface TCalendarRow {
  id: string;
  name: string;
  timeZone: string;
  week: Partial<Record<string, WorkInterval[]>>;
  holidays: Holiday[];
  isDefault: boolean;
  version: number;
  updatedAt: string;
}
const CAL = `id, name, time_zone AS "timeZone", week, holidays, is_default AS "isDefault", version,
  updated_at AS "updatedAt"`;
const calOut = (r: TCalendarRow): TCalendarRow => ({
  ...r,
  updatedAt: new Date(ms(r.updatedAt) as number).toISOString(),
});

export async function listCalendars(db: Sql, orgId: string): Promise<TCalendarRow[]> {
  const r = await db.query<TCalendarRow>(
    `SELECT ${CAL} FROM complaint_sla_calendars WHERE org_id = $1 ORDER BY name, id`,
    [orgId],
  );
  return r.rows.map(calOut);
}

export async function getCalendar(db: Sql, orgId: string, id: string) {
  const r = await db.query<TCalendarRow>(
    `SELECT ${CAL} FROM complaint_sla_calendars WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ? calOut(r.rows[0]) : null;
}

export interface TCalendarInput {
  name: string;
  timeZone: string;
  week: Partial<Record<string, WorkInterval[]>>;
  holidays: Holiday[];
  isDefault: boolean;
}

async function clearDefault(db: Sql, orgId: string, except: string | null) {
  await db.query(
    `UPDATE complaint_sla_calendars SET is_default = false
      WHERE org_id = $1 AND is_default AND id IS DISTINCT FROM $2::uuid`,
    [orgId, except],
  );
}

export async function insertCalendar(db: Sql, orgId: string, c: TCalendarInput) {
  if (c.isDefault) await clearDefault(db, orgId, null);
  const r = await db.query<TCalendarRow>(
    `INSERT INTO complaint_sla_calendars (org_id, name, time_zone, week, holidays, is_default)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6) RETURNING ${CAL}`,
    [orgId, c.name, c.timeZone, JSON.stringify(c.week), JSON.stringify(c.holidays), c.isDefault],
  );
  return calOut(r.rows[0] as TCalendarRow);
}

export async function updateCalendar(db: Sql, orgId: string, id: string, c: TCalendarInput) {
  if (c.isDefault) await clearDefault(db, orgId, id);
  const r = await db.query<TCalendarRow>(
    `UPDATE complaint_sla_calendars
        SET name = $3, time_zone = $4, week = $5::jsonb, holidays = $6::jsonb, is_default = $7,
            version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${CAL}`,
    [
      orgId,
      id,
      c.name,
      c.timeZone,
      JSON.stringify(c.week),
      JSON.stringify(c.holidays),
      c.isDefault,
    ],
  );
  return r.rows[0] ? calOut(r.rows[0]) : null;
}

export async function deleteCalendar(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM complaint_sla_calendars WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function unitExists(db: Sql, orgId: string, unitId: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM org_units WHERE org_id = $1 AND id = $2', [
    orgId,
    unitId,
  ]);
  return r.rows.length > 0;
}

export async function setUnitCalendar(
  db: Sql,
  orgId: string,
  unitId: string,
  calendarId: string | null,
) {
  if (calendarId === null) {
    await db.query('DELETE FROM complaint_sla_unit_calendars WHERE org_id = $1 AND unit_id = $2', [
      orgId,
      unitId,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO complaint_sla_unit_calendars (org_id, unit_id, calendar_id) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, unit_id) DO UPDATE SET calendar_id = EXCLUDED.calendar_id`,
    [orgId, unitId, calendarId],
  );
}

export async function listUnitCalendars(db: Sql, orgId: string) {
  const r = await db.query<{ unitId: string; calendarId: string }>(
    `SELECT unit_id AS "unitId", calendar_id AS "calendarId" FROM complaint_sla_unit_calendars
      WHERE org_id = $1 ORDER BY unit_id`,
    [orgId],
  );
  return r.rows;
}

// ------------------------------------------------------------------------------- policies

export interface TPolicyRow extends SlaPolicy {
  id: string;
  name: string;
  updatedAt: string;
}
const POL = `id, name, category_id AS "categoryId", severity, first_response_min AS "firstResponseMin",
  update_min AS "updateMin", resolution_min AS "resolutionMin", warn_percent AS "warnPercent",
  version, updated_at AS "updatedAt"`;
const polOut = (r: TPolicyRow): TPolicyRow => ({
  ...r,
  updatedAt: new Date(ms(r.updatedAt) as number).toISOString(),
});

export async function listPolicies(db: Sql, orgId: string): Promise<TPolicyRow[]> {
  const r = await db.query<TPolicyRow>(
    `SELECT ${POL} FROM complaint_sla_policies WHERE org_id = $1 ORDER BY name, id`,
    [orgId],
  );
  return r.rows.map(polOut);
}

export interface TPolicyInput {
  name: string;
  categoryId: string | null;
  severity: string | null;
  firstResponseMin: number;
  updateMin: number | null;
  resolutionMin: number;
  warnPercent: number;
}
const polParams = (p: TPolicyInput) => [
  p.name,
  p.categoryId,
  p.severity,
  p.firstResponseMin,
  p.updateMin,
  p.resolutionMin,
  p.warnPercent,
];

export async function insertPolicy(db: Sql, orgId: string, p: TPolicyInput) {
  const r = await db.query<TPolicyRow>(
    `INSERT INTO complaint_sla_policies (org_id, name, category_id, severity, first_response_min,
       update_min, resolution_min, warn_percent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${POL}`,
    [orgId, ...polParams(p)],
  );
  return polOut(r.rows[0] as TPolicyRow);
}

export async function updatePolicy(db: Sql, orgId: string, id: string, p: TPolicyInput) {
  const r = await db.query<TPolicyRow>(
    `UPDATE complaint_sla_policies
        SET name = $3, category_id = $4, severity = $5, first_response_min = $6, update_min = $7,
            resolution_min = $8, warn_percent = $9, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${POL}`,
    [orgId, id, ...polParams(p)],
  );
  return r.rows[0] ? polOut(r.rows[0]) : null;
}

export async function deletePolicy(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM complaint_sla_policies WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function categoryExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM complaint_categories WHERE org_id = $1 AND id = $2 AND tree = 'category'`,
    [orgId, id],
  );
  return r.rows.length > 0;
}

// ------------------------------------------------------------------------------- org context

export interface TOrgSlaRows {
  units: { id: string; parentId: string | null }[];
  unitCalendars: { unitId: string; calendarId: string }[];
  calendars: TCalendarRow[];
  policies: TPolicyRow[];
  categories: { id: string; parentId: string | null }[];
}

export async function loadOrgRows(db: Sql, orgId: string): Promise<TOrgSlaRows> {
  const units = await db.query<{ id: string; parentId: string | null }>(
    'SELECT id, parent_id AS "parentId" FROM org_units WHERE org_id = $1',
    [orgId],
  );
  const categories = await db.query<{ id: string; parentId: string | null }>(
    `SELECT id, parent_id AS "parentId" FROM complaint_categories WHERE org_id = $1 AND tree = 'category'`,
    [orgId],
  );
  return {
    units: units.rows,
    unitCalendars: await listUnitCalendars(db, orgId),
    calendars: await listCalendars(db, orgId),
    policies: await listPolicies(db, orgId),
    categories: categories.rows,
  };
}

// ------------------------------------------------------------------------------- cases

/**
 * Opens a pause for every selected case that waits for the customer without an open pause,
 * and closes open pauses of cases that no longer wait (at `now`). ids null = all of the org.
 */
export async function syncPauses(db: Sql, orgId: string, ids: string[] | null, now: number) {
  const at = new Date(now).toISOString();
  await db.query(
    `UPDATE complaint_sla_pauses p SET end_at = GREATEST(p.start_at, LEAST($3::timestamptz,
            COALESCE(c.waiting_since, $3::timestamptz)))
       FROM complaints c
      WHERE p.org_id = $1 AND c.org_id = $1 AND c.id = p.complaint_id AND p.end_at IS NULL
        AND ($2::uuid[] IS NULL OR p.complaint_id = ANY($2::uuid[]))
        AND (c.waiting_since IS NULL OR c.waiting_since <> p.start_at)`,
    [orgId, ids, at],
  );
  await db.query(
    `INSERT INTO complaint_sla_pauses (org_id, complaint_id, start_at)
     SELECT c.org_id, c.id, c.waiting_since FROM complaints c
      WHERE c.org_id = $1 AND c.waiting_since IS NOT NULL
        AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM complaint_sla_pauses p
                         WHERE p.org_id = $1 AND p.complaint_id = c.id AND p.end_at IS NULL)`,
    [orgId, ids],
  );
}

export interface TCaseSlaRow {
  id: string;
  unitId: string | null;
  categoryId: string | null;
  severity: string;
  status: string;
  receivedAt: number;
  firstResponseAt: number | null;
  respondedAt: number | null;
  closedAt: number | null;
  lastUpdateAt: number | null;
  pauses: Pause[];
  openPauseSince: number | null;
}

const OPEN = `c.status NOT IN ('closed', 'rejected')`;
/** Cases never computed (written straight into the tables: imports, demo data). */
const NEVER = `NOT EXISTS (SELECT 1 FROM complaint_sla_targets t
                            WHERE t.org_id = c.org_id AND t.complaint_id = c.id)`;

/** Cases by id, or the next page (keyset after `afterId`) of open or never-computed cases. */
export async function loadCases(
  db: Sql,
  orgId: string,
  sel: { ids: string[] } | { afterId: string | null; limit: number },
): Promise<TCaseSlaRow[]> {
  const byIds = 'ids' in sel;
  const r = await db.query<Record<string, unknown>>(
    `SELECT c.id, c.unit_id, c.category_id, c.severity, c.status, c.received_at,
            c.first_response_at, c.responded_at, c.closed_at
       FROM complaints c
      WHERE c.org_id = $1
        AND ${byIds ? 'c.id = ANY($2::uuid[])' : `(${OPEN} OR ${NEVER}) AND ($2::uuid IS NULL OR c.id > $2::uuid)`}
      ORDER BY c.id ${byIds ? '' : 'LIMIT $3'}`,
    byIds ? [orgId, sel.ids] : [orgId, sel.afterId, sel.limit],
  );
  if (!r.rows.length) return [];
  const ids = r.rows.map((x) => x.id as string);
  const pauses = await db.query<{ complaint_id: string; start_at: unknown; end_at: unknown }>(
    `SELECT complaint_id, start_at, end_at FROM complaint_sla_pauses
      WHERE org_id = $1 AND complaint_id = ANY($2::uuid[]) ORDER BY start_at`,
    [orgId, ids],
  );
  const updates = await db.query<{ complaint_id: string; at: unknown }>(
    `SELECT complaint_id, max(at) AS at FROM complaint_events
      WHERE org_id = $1 AND complaint_id = ANY($2::uuid[]) AND visibility = 'customer'
        AND actor_id IS NOT NULL
      GROUP BY complaint_id`,
    [orgId, ids],
  );
  const byCase = new Map<string, TCaseSlaRow>();
  const out = r.rows.map((x) => {
    const row: TCaseSlaRow = {
      id: x.id as string,
      unitId: (x.unit_id as string | null) ?? null,
      categoryId: (x.category_id as string | null) ?? null,
      severity: x.severity as string,
      status: x.status as string,
      receivedAt: ms(x.received_at) as number,
      firstResponseAt: ms(x.first_response_at),
      respondedAt: ms(x.responded_at),
      closedAt: ms(x.closed_at),
      lastUpdateAt: null,
      pauses: [],
      openPauseSince: null,
    };
    byCase.set(row.id, row);
    return row;
  });
  for (const p of pauses.rows) {
    const c = byCase.get(p.complaint_id);
    if (!c) continue;
    const end = ms(p.end_at);
    if (end === null) c.openPauseSince = ms(p.start_at);
    else c.pauses.push({ start: ms(p.start_at) as number, end });
  }
  for (const u of updates.rows) {
    const c = byCase.get(u.complaint_id);
    if (c) c.lastUpdateAt = ms(u.at);
  }
  return out;
}

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
      w.dues.map((x) => isoOrNull(x.dueAt)),
      t.map((x) => x.complaintId),
      t.map((x) => x.target),
      t.map((x) => x.policyId),
      t.map((x) => x.calendarId),
      t.map((x) => x.targetMin),
      t.map((x) => isoOrNull(x.startedAt)),
      t.map((x) => isoOrNull(x.dueAt)),
      t.map((x) => isoOrNull(x.warnAt)),
      t.map((x) => isoOrNull(x.metAt)),
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

// ------------------------------------------------------------------------------- notifications

export async function insertNotification(
  db: Sql,
  orgId: string,
  n: {
    complaintId: string;
    target: string;
    kind: 'warning' | 'breach';
    dueAt: number;
    recipientId: string | null;
    recipientEmail: string | null;
  },
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO complaint_sla_notifications (org_id, complaint_id, target, kind, due_at,
       recipient_id, recipient_email)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (org_id, complaint_id, target, kind, due_at) DO NOTHING RETURNING id`,
    [
      orgId,
      n.complaintId,
      n.target,
      n.kind,
      new Date(n.dueAt).toISOString(),
      n.recipientId,
      n.recipientEmail,
    ],
  );
  return r.rows[0]?.id ?? null;
}

export interface TNotificationRow {
  id: string;
  complaintId: string;
  target: string;
  kind: 'warning' | 'breach';
  dueAt: string;
  recipientId: string | null;
  recipientEmail: string | null;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}
const NOTI = `id, complaint_id AS "complaintId", target, kind, due_at AS "dueAt",
  recipient_id AS "recipientId", recipient_email AS "recipientEmail", created_at AS "createdAt",
  sent_at AS "sentAt", error`;
const notiOut = (r: TNotificationRow): TNotificationRow => ({
  ...r,
  dueAt: isoOrNull(ms(r.dueAt)) as string,
  createdAt: isoOrNull(ms(r.createdAt)) as string,
  sentAt: isoOrNull(ms(r.sentAt)),
});

export async function unsentNotifications(db: Sql, orgId: string, caseId: string) {
  const r = await db.query<TNotificationRow>(
    `SELECT ${NOTI} FROM complaint_sla_notifications
      WHERE org_id = $1 AND complaint_id = $2 AND sent_at IS NULL AND recipient_email IS NOT NULL
      ORDER BY created_at`,
    [orgId, caseId],
  );
  return r.rows.map(notiOut);
}

export async function markNotification(
  db: Sql,
  orgId: string,
  id: string,
  result: { sent: true } | { error: string },
) {
  await db.query(
    `UPDATE complaint_sla_notifications
        SET sent_at = CASE WHEN $3 THEN now() ELSE sent_at END, error = $4
      WHERE org_id = $1 AND id = $2`,
    [orgId, id, 'sent' in result, 'error' in result ? result.error : null],
  );
}

export async function listNotifications(
  db: Sql,
  orgId: string,
  o: { caseId?: string | undefined; limit: number },
) {
  const r = await db.query<TNotificationRow>(
    `SELECT ${NOTI} FROM complaint_sla_notifications
      WHERE org_id = $1 AND ($2::uuid IS NULL OR complaint_id = $2::uuid)
      ORDER BY created_at DESC, id LIMIT $3`,
    [orgId, o.caseId ?? null, o.limit],
  );
  return r.rows.map(notiOut);
}

export async function userContact(db: Sql, orgId: string, userId: string) {
  const r = await db.query<{ email: string; name: string; locale: 'es' | 'en' }>(
    'SELECT email, name, locale FROM users WHERE org_id = $1 AND id = $2 AND active',
    [orgId, userId],
  );
  return r.rows[0] ?? null;
}

/** Fallback escalation recipient when no unit manager is set: the org's first active owner. */
export async function orgOwner(db: Sql, orgId: string): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE org_id = $1 AND active AND role IN ('owner', 'admin')
      ORDER BY role = 'owner' DESC, created_at, id LIMIT 1`,
    [orgId],
  );
  return r.rows[0]?.id ?? null;
}

// ------------------------------------------------------------------------------- compliance

export interface TComplianceRow {
  target: string;
  severity: string;
  total: number;
  met: number;
  metLate: number;
  breachedOpen: number;
  pending: number;
  paused: number;
}

/** Counts per target and severity of cases received in [from, to) (optionally in a unit subtree). */
export async function complianceCounts(
  db: Sql,
  orgId: string,
  q: { from: string | null; to: string | null; unitIds: string[] | null; now: number },
): Promise<TComplianceRow[]> {
  const r = await db.query<TComplianceRow>(
    `SELECT t.target, c.severity,
            count(*)::int AS total,
            count(*) FILTER (WHERE t.met_at IS NOT NULL AND (t.due_at IS NULL OR t.met_at <= t.due_at))::int AS met,
            count(*) FILTER (WHERE t.met_at IS NOT NULL AND t.due_at IS NOT NULL AND t.met_at > t.due_at)::int AS "metLate",
            count(*) FILTER (WHERE t.met_at IS NULL AND t.due_at IS NOT NULL AND t.due_at <= $5)::int AS "breachedOpen",
            count(*) FILTER (WHERE t.met_at IS NULL AND t.due_at IS NOT NULL AND t.due_at > $5)::int AS pending,
            count(*) FILTER (WHERE t.met_at IS NULL AND t.due_at IS NULL)::int AS paused
       FROM complaint_sla_targets t
       JOIN complaints c ON c.org_id = t.org_id AND c.id = t.complaint_id
      WHERE t.org_id = $1
        AND ($2::date IS NULL OR c.received_at >= $2::date)
        AND ($3::date IS NULL OR c.received_at < $3::date + 1)
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
      GROUP BY t.target, c.severity
      ORDER BY t.target, c.severity`,
    [orgId, q.from, q.to, q.unitIds, new Date(q.now).toISOString()],
  );
  return r.rows;
}

export async function unitSubtree(db: Sql, orgId: string, unitId: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `WITH RECURSIVE down AS (
       SELECT id, 0 AS d FROM org_units WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT u.id, down.d + 1 FROM org_units u JOIN down ON u.parent_id = down.id
        WHERE u.org_id = $1 AND down.d < 50)
     SELECT id FROM down`,
    [orgId, unitId],
  );
  return r.rows.map((x) => x.id);
}
