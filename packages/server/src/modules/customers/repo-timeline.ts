// Timeline SQL of the customers module's own sources (timeline-own.ts): creation and last
// import, the customer's audit entries, staff notes; keyset pages through timeline.ts's
// fragments (beforeSql / orderSql / isoSql).
import { over } from '../../db/params';
import type { TSql } from './sql';
import { beforeSql, isoSql, orderSql, type TTimelineBefore } from './timeline';

/** Creation time and creator (audit log), and the import that last touched the customer. */
export async function creationRow(db: TSql, orgId: string, customerId: string) {
  const { rows } = await db.query<{
    created_at: string;
    actor_id: string | null;
    actor_email: string | null;
    import_id: string | null;
    file_name: string | null;
    finished_at: string | null;
  }>(
    `SELECT ${isoSql('c.created_at')} AS created_at, a.actor_id, a.actor_email,
            ci.id AS import_id, ci.file_name,
            ${isoSql('coalesce(ci.finished_at, ci.created_at)')} AS finished_at
       FROM customers c
       LEFT JOIN LATERAL (SELECT actor_id, actor_email FROM pub_audit_log a
                           WHERE a.org_id = c.org_id AND a.entity = 'customer'
                             AND a.entity_id = c.id::text AND a.action = 'customer.created'
                           LIMIT 1) a ON true
       LEFT JOIN customer_imports ci ON ci.org_id = c.org_id AND ci.id = c.last_import_id
      WHERE c.org_id = $1 AND c.id = $2`,
    [orgId, customerId],
  );
  return rows[0];
}

/** The customer's audit entries other than its creation. */
export async function auditRows(
  db: TSql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
) {
  const params: unknown[] = [orgId, customerId];
  const key = `'audit:' || id::text`;
  const cond = beforeSql('at', key, before, params);
  const { rows } = await db.query<{
    id: string;
    at: string;
    action: string;
    actor_id: string | null;
    actor_email: string | null;
    changes: Record<string, unknown>;
  }>(
    `SELECT id, ${isoSql('at')} AS at, action, actor_id, actor_email, changes FROM pub_audit_log
      WHERE org_id = $1 AND entity = 'customer' AND entity_id = $2::text
        AND action <> 'customer.created' AND ${cond}
      ORDER BY ${orderSql('at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export async function noteRows(
  db: TSql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
) {
  const params: unknown[] = [orgId, customerId];
  const key = `'note:' || id::text`;
  const cond = beforeSql('created_at', key, before, params);
  const { rows } = await db.query<{
    id: string;
    at: string;
    body: string;
    author_id: string | null;
  }>(
    `SELECT id, ${isoSql('created_at')} AS at, body, author_id FROM customer_notes
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

/** Inserts a staff note; the caller has checked the customer is visible to the author. */
export async function insertNote(
  db: TSql,
  orgId: string,
  customerId: string,
  authorId: string | null,
  body: string,
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO customer_notes (org_id, customer_id, author_id, body) VALUES ($1, $2, $3, $4)
     RETURNING id`,
    [orgId, customerId, authorId, body],
  );
  return rows[0] as { id: string };
}
