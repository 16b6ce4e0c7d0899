// SQL for the incentives ledger (panel_incentives) and a member's history of sessions and
// incentives. Split from repo.ts by concern.
import type { Sql } from '../../db/client';
import { iso } from './repo-sql';

// ------------------------------------------------------------------------------ incentives
export interface TIncentiveRow {
  id: string;
  member_id: string;
  member_name: string;
  member_email: string | null;
  session_id: string | null;
  topic: string | null;
  kind: string;
  amount: string;
  note: string;
  created_at: string;
}
const INCENTIVE_SQL = `SELECT x.id, x.member_id, m.name AS member_name, m.email AS member_email, x.session_id,
    s.topic, x.kind, x.amount::text AS amount, x.note, ${iso('x.created_at')} AS created_at
   FROM panel_incentives x
   JOIN panel_members m ON m.org_id = x.org_id AND m.id = x.member_id
   LEFT JOIN panel_sessions s ON s.org_id = x.org_id AND s.id = x.session_id`;

export async function listIncentives(
  db: Sql,
  orgId: string,
  panelId: string,
): Promise<TIncentiveRow[]> {
  const r = await db.query<TIncentiveRow>(
    `${INCENTIVE_SQL} WHERE x.org_id = $1 AND m.panel_id = $2 ORDER BY x.created_at DESC, x.id`,
    [orgId, panelId],
  );
  return r.rows;
}
export async function getIncentive(db: Sql, orgId: string, id: string) {
  const r = await db.query<TIncentiveRow>(`${INCENTIVE_SQL} WHERE x.org_id = $1 AND x.id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}
export async function insertIncentive(
  db: Sql,
  orgId: string,
  v: {
    id: string;
    memberId: string;
    customerId: string | null;
    sessionId: string | null;
    kind: string;
    amount: number;
    note: string;
    createdBy: string | null;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO panel_incentives (org_id, id, member_id, customer_id, session_id, kind, amount, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1`,
    [orgId, v.id, v.memberId, v.customerId, v.sessionId, v.kind, v.amount, v.note, v.createdBy],
  );
  return r.rows.length > 0;
}

// ------------------------------------------------------------------------------ member history
/** Sessions a member was invited to (newest first), with RSVP and attendance. */
export async function sessionsOfMember(db: Sql, orgId: string, memberId: string) {
  const r = await db.query<{
    session_id: string;
    kind: string;
    topic: string;
    starts_at: string;
    rsvp: string | null;
    attended: boolean;
  }>(
    `SELECT s.id AS session_id, s.kind, s.topic, ${iso('s.starts_at')} AS starts_at, i.rsvp, i.attended
       FROM panel_invites i
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
      WHERE i.org_id = $1 AND i.member_id = $2
      ORDER BY s.starts_at DESC, s.id`,
    [orgId, memberId],
  );
  return r.rows;
}

export async function incentivesOfMember(
  db: Sql,
  orgId: string,
  memberId: string,
): Promise<TIncentiveRow[]> {
  const r = await db.query<TIncentiveRow>(
    `${INCENTIVE_SQL} WHERE x.org_id = $1 AND x.member_id = $2 ORDER BY x.created_at DESC, x.id`,
    [orgId, memberId],
  );
  return r.rows;
}
