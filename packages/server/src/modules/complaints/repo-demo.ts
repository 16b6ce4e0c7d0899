// SQL of the complaints demo seeder (demo.ts draws the cases): the customers and the owner's
// e-mail it uses, and the cases, their timelines and the reference counters written straight
// into the tables (the service path is too slow for first start on PGlite).
import type { Sql } from '../../db/client';
import { params } from '../../db/params';

/** Up to 40 external customers with an e-mail, oldest first. */
export async function demoCustomers(db: Sql, orgId: string) {
  const r = await db.query<{ id: string; name: string; email: string | null }>(
    `SELECT id, name, email FROM pub_customers WHERE org_id = $1 AND kind = 'external' AND email IS NOT NULL
        ORDER BY created_at, id LIMIT 40`,
    [orgId],
  );
  return r.rows;
}

export async function userEmail(db: Sql, userId: string): Promise<string | null> {
  const r = await db.query<{ email: string }>('SELECT email FROM pub_users WHERE id = $1', [
    userId,
  ]);
  return r.rows[0]?.email ?? null;
}

/** A whole demo case (language 'es'; the root category is the category). */
export interface TDemoCase {
  reference: string;
  channel: string;
  form: string;
  status: string;
  subject: string;
  description: string;
  categoryId: string | null;
  servqualDimension: string | null;
  severity: string;
  remedySought: string[];
  customerId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  unitId: string | null;
  staffInvolved: string[];
  assigneeId: string | null;
  customerToken: string;
  expectedResponseBy: string;
  acknowledgedAt: string | null;
  firstResponseAt: string | null;
  respondedAt: string | null;
  rejectReason: string | null;
  recourse: string | null;
  responseText: string | null;
  /** JSON text */
  remedies: string;
  causeId: string | null;
  fiveWhys: string[];
  closedAt: string | null;
  reopenCount: number;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  receivedAt: string;
  serviceAttribute: string | null;
}

export async function insertDemoCase(db: Sql, orgId: string, c: TDemoCase): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO complaints (org_id, reference, channel, form, status, subject, description, language,
       category_id, servqual_dimension, severity, remedy_sought, customer_id, contact_name, contact_email,
       unit_id, staff_involved, assignee_id, customer_token, expected_response_by, acknowledged_at,
       first_response_at, responded_at, reject_reason, recourse, response_text, remedies,
       root_category_id, cause_id, five_whys, closed_at, reopen_count, rating, rating_comment, rated_at,
       received_at, service_attribute)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'es', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
       $19, $20, $21, $22, $23, $24, $25, $26::jsonb, $8, $27, $28, $29, $30, $31, $32, $33, $34, $35)
     RETURNING id`,
    [
      orgId,
      c.reference,
      c.channel,
      c.form,
      c.status,
      c.subject,
      c.description,
      c.categoryId,
      c.servqualDimension,
      c.severity,
      c.remedySought,
      c.customerId,
      c.contactName,
      c.contactEmail,
      c.unitId,
      c.staffInvolved,
      c.assigneeId,
      c.customerToken,
      c.expectedResponseBy,
      c.acknowledgedAt,
      c.firstResponseAt,
      c.respondedAt,
      c.rejectReason,
      c.recourse,
      c.responseText,
      c.remedies,
      c.causeId,
      c.fiveWhys,
      c.closedAt,
      c.reopenCount,
      c.rating,
      c.ratingComment,
      c.ratedAt,
      c.receivedAt,
      c.serviceAttribute,
    ],
  );
  return r.rows[0]?.id as string;
}

/** [at, actor_id, actor_label, kind, visibility, from_status, to_status, body, data] */
export type TDemoEvent = [
  Date,
  string | null,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  Record<string, unknown>,
];

/** A case's whole timeline in one statement. */
export async function insertDemoEvents(
  db: Sql,
  orgId: string,
  complaintId: string,
  rows: TDemoEvent[],
): Promise<void> {
  const p = params(orgId, complaintId);
  const values = rows.map((row) => {
    const cells = row.slice(0, 8).map((v) => p.add(v instanceof Date ? v.toISOString() : v));
    return `($1, $2, ${cells.join(', ')}, ${p.add(JSON.stringify(row[8]), 'jsonb')})`;
  });
  await db.query(
    `INSERT INTO complaint_events (org_id, complaint_id, at, actor_id, actor_label, kind, visibility,
                                   from_status, to_status, body, data)
     VALUES ${values.join(', ')}`,
    p.values,
  );
}

export async function insertDemoCounter(db: Sql, orgId: string, year: number, last: number) {
  await db.query('INSERT INTO complaint_counters (org_id, year, last) VALUES ($1, $2, $3)', [
    orgId,
    year,
    last,
  ]);
}
