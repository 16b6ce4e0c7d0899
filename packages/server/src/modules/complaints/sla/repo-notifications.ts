// SQL of the SLA notifications (warning / breach, one per case, target, kind and due instant),
// their recipients' contacts, and the compliance counts of the SLA report. Re-exported by
// repo.ts. Every function takes the org id first and filters by it.
import type { Sql } from '../../../db/client';
import { iso } from '../../../lib/iso';
import { periodSums } from '../repo-report-days';
import type { TVia } from '../repo-reports';

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
  dueAt: iso(r.dueAt),
  createdAt: iso(r.createdAt),
  sentAt: iso(r.sentAt),
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
    'SELECT email, name, locale FROM pub_users WHERE org_id = $1 AND id = $2 AND active',
    [orgId, userId],
  );
  return r.rows[0] ?? null;
}

/** Fallback escalation recipient when no unit manager is set: the org's first active owner. */
export async function orgOwner(db: Sql, orgId: string): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM pub_users WHERE org_id = $1 AND active AND role IN ('owner', 'admin')
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

// The SLA columns of a case's report row per target: the prefixes of migration 390's
// `complaint_report_facts` (<p>_target, <p>_due, <p>_met), fixed there once landed.
const TARGET_COLUMNS = [
  ['first_response', 'fr'],
  ['update', 'up'],
  ['resolution', 'rs'],
] as const;

/**
 * Counts per target and severity of cases received in [from, to] (optionally in a unit subtree),
 * from the cases' report rows: one pass over them, one row per severity, each target's counts in
 * its own columns (no join of 2–3 target rows per case). Targets and severities without cases
 * are left out.
 */
export async function complianceCounts(
  db: Sql,
  orgId: string,
  q: { from: string | null; to: string | null; unitIds: string[] | null; now: number },
  via: TVia = 'auto',
): Promise<TComplianceRow[]> {
  if (q.unitIds === null && via === 'auto') return complianceFromDays(db, orgId, q);
  const counts = TARGET_COLUMNS.map(
    ([, p]) => `
            count(*) FILTER (WHERE ${p}_target)::int AS ${p}_total,
            count(*) FILTER (WHERE ${p}_target AND ${p}_met IS NOT NULL AND (${p}_due IS NULL OR ${p}_met <= ${p}_due))::int AS ${p}_met,
            count(*) FILTER (WHERE ${p}_target AND ${p}_met IS NOT NULL AND ${p}_due IS NOT NULL AND ${p}_met > ${p}_due)::int AS ${p}_late,
            count(*) FILTER (WHERE ${p}_target AND ${p}_met IS NULL AND ${p}_due IS NOT NULL AND ${p}_due <= $5)::int AS ${p}_breached,
            count(*) FILTER (WHERE ${p}_target AND ${p}_met IS NULL AND ${p}_due IS NOT NULL AND ${p}_due > $5)::int AS ${p}_pending,
            count(*) FILTER (WHERE ${p}_target AND ${p}_met IS NULL AND ${p}_due IS NULL)::int AS ${p}_paused`,
  );
  const r = await db.query<Record<string, number> & { severity: string }>(
    `SELECT severity, ${counts.join(',')}
       FROM complaint_report_facts
      WHERE org_id = $1
        AND ($2::date IS NULL OR received_at >= $2::date)
        AND ($3::date IS NULL OR received_at < $3::date + 1)
        AND ($4::uuid[] IS NULL OR unit_id = ANY($4::uuid[]))
      GROUP BY severity
      ORDER BY severity`,
    [orgId, q.from, q.to, q.unitIds, new Date(q.now).toISOString()],
  );
  return TARGET_COLUMNS.flatMap(([target, p]) =>
    r.rows
      .filter((x) => (x[`${p}_total`] ?? 0) > 0)
      .map((x) => ({
        target,
        severity: x.severity,
        total: x[`${p}_total`] ?? 0,
        met: x[`${p}_met`] ?? 0,
        metLate: x[`${p}_late`] ?? 0,
        breachedOpen: x[`${p}_breached`] ?? 0,
        pending: x[`${p}_pending`] ?? 0,
        paused: x[`${p}_paused`] ?? 0,
      })),
  );
}

/**
 * complianceCounts over the whole organisation: the counts from the per-day and per-month sums
 * (migration 391); of the open targets with a due instant, those still pending at `now` are
 * found by their due instant (few), the rest are breached.
 */
async function complianceFromDays(
  db: Sql,
  orgId: string,
  q: { from: string | null; to: string | null; now: number },
): Promise<TComplianceRow[]> {
  const kinds = ['total', 'met', 'late', 'open', 'paused'] as const;
  const figures = TARGET_COLUMNS.flatMap(([, p]) => kinds.map((k) => `${p}_${k}`));
  const pendingOf = (p: string) => `
    SELECT '${p}' AS p, severity, count(*)::int AS n FROM complaint_report_facts
     WHERE org_id = $1 AND ${p}_target AND ${p}_met IS NULL AND ${p}_due IS NOT NULL
       AND ${p}_due > $4
       AND ($2::date IS NULL OR received_at >= $2::date)
       AND ($3::date IS NULL OR received_at < $3::date + 1)
     GROUP BY severity`;
  const [sums, pending] = await Promise.all([
    periodSums(db, orgId, q.from, q.to, figures),
    db.query<{ p: string; severity: string; n: number }>(
      TARGET_COLUMNS.map(([, p]) => pendingOf(p)).join(' UNION ALL '),
      [orgId, q.from, q.to, new Date(q.now).toISOString()],
    ),
  ]);
  const n = (g: string, severity: string) =>
    sums.find((x) => x.g === g && x.key === severity)?.n ?? 0;
  const severities = [...new Set(sums.map((x) => x.key))].sort();
  return TARGET_COLUMNS.flatMap(([target, p]) =>
    severities
      .filter((sev) => n(`${p}_total`, sev) > 0)
      .map((sev) => {
        const waiting = pending.rows.find((x) => x.p === p && x.severity === sev)?.n ?? 0;
        return {
          target,
          severity: sev,
          total: n(`${p}_total`, sev),
          met: n(`${p}_met`, sev),
          metLate: n(`${p}_late`, sev),
          breachedOpen: n(`${p}_open`, sev) - waiting,
          pending: waiting,
          paused: n(`${p}_paused`, sev),
        };
      }),
  );
}
