// E-mail channel SQL: the org's survey settings, invitation sends and reminders, the
// contact-fatigue and unsubscribe reads, and the unsubscribe write.
import type { Sql } from '../../db/client';

// The channel's job kinds (re-exported by channels.ts); the job statistics read them.
export const INVITE_JOB = 'survey.invite';
export const REMIND_JOB = 'survey.remind';

/** The org's display name (pub_orgs), null when missing. */
export async function orgName(db: Sql, orgId: string): Promise<string | null> {
  const r = await db.query<{ name: string }>('SELECT name FROM pub_orgs WHERE id = $1', [orgId]);
  return r.rows[0]?.name ?? null;
}

export async function fatigueDaysRow(db: Sql, orgId: string): Promise<number | null> {
  const r = await db.query<{ fatigue_days: number }>(
    'SELECT fatigue_days FROM survey_org_settings WHERE org_id = $1',
    [orgId],
  );
  return r.rows[0]?.fatigue_days ?? null;
}

export async function upsertFatigueDays(db: Sql, orgId: string, fatigueDays: number) {
  await db.query(
    `INSERT INTO survey_org_settings (org_id, fatigue_days) VALUES ($1, $2)
     ON CONFLICT (org_id) DO UPDATE SET fatigue_days = $2, updated_at = now()`,
    [orgId, fatigueDays],
  );
}

export async function isUnsubscribed(db: Sql, orgId: string, customerId: string): Promise<boolean> {
  const u = await db.query(
    'SELECT 1 FROM survey_unsubscribes WHERE org_id = $1 AND customer_id = $2',
    [orgId, customerId],
  );
  return u.rows.length > 0;
}

/** Was the customer invited or sent a link within the last `days` days? */
export async function contactedWithin(
  db: Sql,
  orgId: string,
  customerId: string,
  days: number,
): Promise<boolean> {
  const f = await db.query(
    `SELECT 1 FROM survey_contacts WHERE org_id = $1 AND customer_id = $2
          AND kind IN ('invitation', 'link') AND at > now() - make_interval(days => $3::int) LIMIT 1`,
    [orgId, customerId, days],
  );
  return f.rows.length > 0;
}

export async function markInvitationsSent(db: Sql, orgId: string, ids: string[]): Promise<void> {
  await db.query(
    `UPDATE survey_invitations SET status = 'sent', sent_at = now()
          WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
}

/** The batch's invitation of one customer, if already made (a retried job). */
export async function batchInvitation(
  db: Sql,
  orgId: string,
  batchId: string,
  customerId: string,
): Promise<{ id: string; status: string } | undefined> {
  const done = await db.query<{ id: string; status: string }>(
    `SELECT id, status FROM survey_invitations
          WHERE org_id = $1 AND batch_id = $2 AND customer_id = $3`,
    [orgId, batchId, customerId],
  );
  return done.rows[0];
}

/** The batch's sent, unused, unreminded, unexpired invitations of customers still subscribed. */
export async function dueReminders(
  db: Sql,
  orgId: string,
  batchId: string,
): Promise<{ id: string; customer_id: string; language: 'es' | 'en' }[]> {
  const r = await db.query<{ id: string; customer_id: string; language: 'es' | 'en' }>(
    `SELECT i.id, i.customer_id, i.language FROM survey_invitations i
        WHERE i.org_id = $1 AND i.batch_id = $2 AND i.status = 'sent' AND i.used_at IS NULL
          AND i.reminded_at IS NULL AND i.expires_at > now()
          AND NOT EXISTS (SELECT 1 FROM survey_unsubscribes u
                           WHERE u.org_id = i.org_id AND u.customer_id = i.customer_id)`,
    [orgId, batchId],
  );
  return r.rows;
}

export async function markReminded(db: Sql, orgId: string, id: string): Promise<void> {
  await db.query(
    'UPDATE survey_invitations SET reminded_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
}

export async function invitationCounts(db: Sql, orgId: string, surveyId: string) {
  const r = await db.query<{
    invited: number;
    sent: number;
    opened: number;
    completed: number;
    reminded: number;
  }>(
    `SELECT count(*)::int AS invited,
            count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
            count(*) FILTER (WHERE opened_at IS NOT NULL)::int AS opened,
            count(*) FILTER (WHERE used_at IS NOT NULL)::int AS completed,
            count(*) FILTER (WHERE reminded_at IS NOT NULL)::int AS reminded
       FROM survey_invitations WHERE org_id = $1 AND survey_id = $2`,
    [orgId, surveyId],
  );
  return r.rows[0];
}

/** The survey's 20 newest invite/remind jobs (pub_jobs). */
export async function invitationJobs(db: Sql, orgId: string, surveyId: string) {
  const jobs = await db.query<{
    id: string;
    kind: string;
    status: string;
    progress: unknown;
    result: unknown;
  }>(
    `SELECT id, kind, status, progress, result FROM pub_jobs
      WHERE org_id = $1 AND kind IN ('${INVITE_JOB}', '${REMIND_JOB}') AND payload->>'surveyId' = $2
      ORDER BY created_at DESC LIMIT 20`,
    [orgId, surveyId],
  );
  return jobs.rows;
}

/** The invitation an unsubscribe token hash belongs to (the hash identifies the org). */
export async function invitationByUnsubscribeHash(
  db: Sql,
  hash: string,
): Promise<{ org_id: string; id: string; customer_id: string } | undefined> {
  const r = await db.query<{ org_id: string; id: string; customer_id: string }>(
    'SELECT org_id, id, customer_id FROM survey_invitations WHERE unsubscribe_hash = $1',
    [hash],
  );
  return r.rows[0];
}

export async function insertUnsubscribe(
  db: Sql,
  orgId: string,
  customerId: string,
  invitationId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO survey_unsubscribes (org_id, customer_id, via) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, customer_id) DO NOTHING`,
    [orgId, customerId, invitationId],
  );
}
