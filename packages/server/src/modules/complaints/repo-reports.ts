// SQL of the complaint reports (reports.ts): the period's cases with their names, and the
// defection counts over pub_customers.
import type { Sql } from '../../db/client';

export interface TReportRow {
  id: string;
  reference: string;
  channel: string;
  form: string;
  status: string;
  severity: string;
  category: string | null;
  unit: string | null;
  cause: string | null;
  received_at: Date | string;
  first_response_at: Date | string | null;
  closed_at: Date | string | null;
  reopen_count: number;
  rating: number | null;
  who: string | null;
  subject: string;
  assignee: string | null;
}

/** The cases received in [from, to] (dates, inclusive) within the unit scope (null = all). */
export async function reportRows(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
  scope: string[] | null,
): Promise<TReportRow[]> {
  const r = await db.query<TReportRow>(
    `SELECT c.id, c.reference, c.channel, c.form, c.status, c.severity, cat.name AS category,
            u.name AS unit, cause.name AS cause, c.received_at, c.first_response_at, c.closed_at,
            c.reopen_count, c.rating, c.subject, a.email AS assignee,
            COALESCE(c.customer_id::text, lower(c.contact_email)) AS who
       FROM complaints c
       LEFT JOIN complaint_categories cat ON cat.org_id = c.org_id AND cat.id = c.category_id
       LEFT JOIN complaint_categories cause ON cause.org_id = c.org_id AND cause.id = c.cause_id
       LEFT JOIN pub_org_units u ON u.org_id = c.org_id AND u.id = c.unit_id
       LEFT JOIN pub_users a ON a.org_id = c.org_id AND a.id = c.assignee_id
      WHERE c.org_id = $1
        AND ($2::date IS NULL OR c.received_at >= $2::date)
        AND ($3::date IS NULL OR c.received_at < $3::date + 1)
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
      ORDER BY c.received_at, c.id`,
    [orgId, from, to, scope],
  );
  return r.rows;
}

/** Lost customers among these cases' complainants, and those whose complaint went badly. */
export async function defectionCounts(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<{ lost: number; bad: number }> {
  const r = await db.query<{ lost: number; bad: number }>(
    `SELECT count(*)::int AS lost, count(*) FILTER (WHERE bad)::int AS bad FROM (
       SELECT cu.id, bool_or(c.status <> 'closed' OR coalesce(c.rating <= 2, false)
                             OR coalesce(c.customer_decision = 'rejected', false)) AS bad
         FROM pub_customers cu JOIN complaints c ON c.org_id = cu.org_id AND c.customer_id = cu.id
        WHERE cu.org_id = $1 AND cu.status = 'lost' AND c.id = ANY($2::uuid[])
        GROUP BY cu.id) x`,
    [orgId, ids],
  );
  return r.rows[0] ?? { lost: 0, bad: 0 };
}
