// SQL of the weekly digest (analytics_digest_subscriptions; users and jobs only through their
// published views). Every function takes the org id first and filters by it.
import type { Sql } from '../../db/client';
import type { Role } from '../../lib/access';

/** The user's opt-in; undefined when they never chose. */
export async function subscription(
  db: Sql,
  orgId: string,
  userId: string,
): Promise<boolean | undefined> {
  const r = await db.query<{ enabled: boolean }>(
    'SELECT enabled FROM analytics_digest_subscriptions WHERE org_id = $1 AND user_id = $2',
    [orgId, userId],
  );
  return r.rows[0]?.enabled;
}

/** Whether the org already has a job of this kind waiting in the queue. */
export async function jobQueued(db: Sql, orgId: string, kind: string): Promise<boolean> {
  const q = await db.query(
    `SELECT 1 FROM pub_jobs WHERE org_id = $1 AND kind = $2 AND status = 'queued' LIMIT 1`,
    [orgId, kind],
  );
  return q.rows.length > 0;
}

/** One digest scheduler at a time per org, until the transaction ends. */
export async function lockScheduler(tx: Sql, orgId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('analytics.digest:' || $1::text))`, [
    orgId,
  ]);
}

export async function upsertSubscription(
  tx: Sql,
  orgId: string,
  userId: string,
  enabled: boolean,
): Promise<void> {
  await tx.query(
    `INSERT INTO analytics_digest_subscriptions (org_id, user_id, enabled)
     VALUES ($1, $2, $3)
     ON CONFLICT (org_id, user_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
    [orgId, userId, enabled],
  );
}

export interface Subscriber {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  unit_id: string | null;
  locale: string | null;
}

/** Opted-in active users not yet mailed for `week` (a Monday), by e-mail. */
export async function dueSubscribers(db: Sql, orgId: string, week: string): Promise<Subscriber[]> {
  const subs = await db.query<Subscriber>(
    `SELECT s.user_id, u.email, u.name, u.role, u.unit_id, u.locale
       FROM analytics_digest_subscriptions s
       JOIN pub_users u ON u.org_id = s.org_id AND u.id = s.user_id
      WHERE s.org_id = $1 AND s.enabled AND u.active
        AND (s.last_week IS NULL OR s.last_week < $2::date)
      ORDER BY u.email`,
    [orgId, week],
  );
  return subs.rows;
}

/** Records that the user was mailed the digest of `week`. */
export async function markMailed(
  db: Sql,
  orgId: string,
  userId: string,
  week: string,
): Promise<void> {
  await db.query(
    `UPDATE analytics_digest_subscriptions SET last_week = $3::date
      WHERE org_id = $1 AND user_id = $2`,
    [orgId, userId, week],
  );
}

/** Whether anyone in the org is still opted in. */
export async function anyEnabled(db: Sql, orgId: string): Promise<boolean> {
  const still = await db.query(
    'SELECT 1 FROM analytics_digest_subscriptions WHERE org_id = $1 AND enabled LIMIT 1',
    [orgId],
  );
  return still.rows.length > 0;
}
