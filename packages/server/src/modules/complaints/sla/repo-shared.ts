// Job kinds and SQL fragments shared by the SLA repo files (cases, targets, set-based
// recompute); in their own file so those files import them without an import cycle.
export const TIMER_JOB = 'complaints.sla.timer';
export const RECOMPUTE_JOB = 'complaints.sla.recompute';

export const ms = (v: unknown): number | null =>
  v == null ? null : v instanceof Date ? v.getTime() : Date.parse(String(v));

export const OPEN = `c.status NOT IN ('closed', 'rejected')`;
/** Cases never computed (written straight into the tables: imports, demo data). */
export const NEVER = `NOT EXISTS (SELECT 1 FROM complaint_sla_targets t
                            WHERE t.org_id = c.org_id AND t.complaint_id = c.id)`;
