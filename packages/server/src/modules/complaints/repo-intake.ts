// SQL of the intake channels (public form, staff entry, survey and retention follow-ups,
// inbound e-mail): the org behind a slug, the customer a follow-up names, and whether an
// inbound message was already appended to a case. Orgs, units and customers are read through
// the published views (ARCHITECTURE.md "Cross-module reads").
import type { Sql } from '../../db/client';

/** The org whose public slug this is (public form, inbound mail recipient), or null. */
export async function orgIdBySlug(db: Sql, slug: string): Promise<string | null> {
  const r = await db.query<{ id: string }>('SELECT id FROM pub_orgs WHERE slug = $1', [slug]);
  return r.rows[0]?.id ?? null;
}

export async function orgName(db: Sql, orgId: string): Promise<string | null> {
  const o = await db.query<{ name: string }>('SELECT name FROM pub_orgs WHERE id = $1', [orgId]);
  return o.rows[0]?.name ?? null;
}

export async function orgSlug(db: Sql, orgId: string): Promise<string | null> {
  const r = await db.query<{ slug: string }>('SELECT slug FROM pub_orgs WHERE id = $1', [orgId]);
  return r.rows[0]?.slug ?? null;
}

/** The branches and teams a customer can pick on the public form, by name. */
export async function publicFormUnits(db: Sql, orgId: string) {
  const u = await db.query<{ id: string; name: string; kind: string }>(
    `SELECT id, name, kind FROM pub_org_units WHERE org_id = $1 AND kind IN ('branch', 'team') ORDER BY name`,
    [orgId],
  );
  return u.rows;
}

export async function customerExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM pub_customers WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return r.rows.length > 0;
}

/** The customer of a retention follow-up: unit and language of the case to open. */
export async function followupCustomer(db: Sql, orgId: string, id: string) {
  const r = await db.query<{ id: string; unit_id: string | null; language: string | null }>(
    'SELECT id, unit_id, language FROM pub_customers WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return r.rows[0];
}

/** Whether an inbound message (by Message-ID) is already on the case's history. */
export async function messageOnCase(
  db: Sql,
  orgId: string,
  complaintId: string,
  messageId: string,
): Promise<boolean> {
  const dup = await db.query(
    `SELECT 1 FROM complaint_events WHERE org_id = $1 AND complaint_id = $2 AND data->>'messageId' = $3`,
    [orgId, complaintId, messageId],
  );
  return dup.rows.length > 0;
}
