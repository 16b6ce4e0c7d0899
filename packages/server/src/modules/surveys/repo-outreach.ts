// Outreach SQL: contact status of registry customers, staff contacts, e-mail invitation waves
// and the "send reminders now" claim (at most one reminder per invitation per UTC day).
import type { Sql } from '../../db/client';

/** Unsubscribed flag and last survey contact of each customer id. */
export async function contactStatusRows(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<{ id: string; unsub: boolean; last: Date | string | null }[]> {
  const r = await db.query<{ id: string; unsub: boolean; last: Date | string | null }>(
    `SELECT c.id,
            EXISTS (SELECT 1 FROM survey_unsubscribes u
                     WHERE u.org_id = $1 AND u.customer_id = c.id) AS unsub,
            (SELECT max(k.at) FROM survey_contacts k
              WHERE k.org_id = $1 AND k.customer_id = c.id) AS last
       FROM unnest($2::uuid[]) AS c(id)`,
    [orgId, ids],
  );
  return r.rows;
}

export async function insertStaffContact(
  db: Sql,
  orgId: string,
  v: { customerId: string; surveyId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO survey_contacts (org_id, customer_id, survey_id, invitation_id, kind)
     VALUES ($1, $2, $3, NULL, 'staff')`,
    [orgId, v.customerId, v.surveyId],
  );
}

const remindableSql = `i.status = 'sent' AND i.used_at IS NULL AND i.expires_at > now()
  AND NOT EXISTS (SELECT 1 FROM survey_unsubscribes u
                   WHERE u.org_id = i.org_id AND u.customer_id = i.customer_id)`;
const remindedToday = `i.reminded_at IS NOT NULL
  AND (i.reminded_at AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date`;

export interface TWaveRow {
  batch_id: string;
  started_at: Date | string;
  invited: number;
  sent: number;
  completed: number;
  reminded: number;
  remindable: number;
  last_reminded_at: Date | string | null;
}

/** The survey's 50 newest e-mail waves with their counts. */
export async function waveRows(db: Sql, orgId: string, surveyId: string): Promise<TWaveRow[]> {
  const r = await db.query<TWaveRow>(
    `SELECT i.batch_id, min(i.created_at) AS started_at, count(*)::int AS invited,
            count(*) FILTER (WHERE i.sent_at IS NOT NULL)::int AS sent,
            count(*) FILTER (WHERE i.used_at IS NOT NULL)::int AS completed,
            count(*) FILTER (WHERE i.reminded_at IS NOT NULL)::int AS reminded,
            count(*) FILTER (WHERE ${remindableSql} AND NOT (${remindedToday}))::int AS remindable,
            max(i.reminded_at) AS last_reminded_at
       FROM survey_invitations i
      WHERE i.org_id = $1 AND i.survey_id = $2 AND i.channel = 'email' AND i.batch_id IS NOT NULL
      GROUP BY i.batch_id ORDER BY min(i.created_at) DESC LIMIT 50`,
    [orgId, surveyId],
  );
  return r.rows;
}

export async function waveExists(
  db: Sql,
  orgId: string,
  surveyId: string,
  batchId: string,
): Promise<boolean> {
  const w = await db.query(
    `SELECT 1 FROM survey_invitations
      WHERE org_id = $1 AND survey_id = $2 AND batch_id = $3 AND channel = 'email' LIMIT 1`,
    [orgId, surveyId, batchId],
  );
  return w.rows.length > 0;
}

/** The wave's invitations a reminder may go to today, in creation order. */
export async function remindableInvitations(
  db: Sql,
  orgId: string,
  surveyId: string,
  batchId: string,
): Promise<{ id: string; customer_id: string; language: 'es' | 'en' }[]> {
  const cands = await db.query<{ id: string; customer_id: string; language: 'es' | 'en' }>(
    `SELECT i.id, i.customer_id, i.language FROM survey_invitations i
      WHERE i.org_id = $1 AND i.survey_id = $2 AND i.batch_id = $3 AND ${remindableSql}
        AND NOT (${remindedToday})
      ORDER BY i.created_at, i.id`,
    [orgId, surveyId, batchId],
  );
  return cands.rows;
}

/**
 * Claims one invitation's reminder for today: null when another caller already did (or it is no
 * longer remindable), else the previous reminded_at to give back on a mail failure.
 */
export async function claimReminder(
  db: Sql,
  orgId: string,
  id: string,
): Promise<{ prev: Date | string | null } | null> {
  const claim = await db.query<{ prev: Date | string | null }>(
    `UPDATE survey_invitations i SET reminded_at = now()
             FROM (SELECT reminded_at AS prev FROM survey_invitations
                    WHERE org_id = $1 AND id = $2) p
            WHERE i.org_id = $1 AND i.id = $2 AND ${remindableSql} AND NOT (${remindedToday})
            RETURNING p.prev`,
    [orgId, id],
  );
  return claim.rows[0] ?? null;
}

/** Gives a claim back (reminded_at as it was before). */
export async function releaseReminder(
  db: Sql,
  orgId: string,
  id: string,
  prev: Date | string | null,
): Promise<void> {
  await db.query('UPDATE survey_invitations SET reminded_at = $3 WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
    prev,
  ]);
}
