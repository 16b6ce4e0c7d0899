// SQL of the audit module (audit_log; reads through its published view pub_audit_log and
// pub_users). Every function takes the org id first and filters by it.
import type { Sql } from '../../db/client';

export async function insertAudit(
  db: Sql,
  orgId: string,
  v: {
    actorId: string | null;
    actorEmail: string | null;
    action: string;
    entity: string;
    entityId: string | null;
    changesJson: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (org_id, actor_id, actor_email, action, entity, entity_id, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [orgId, v.actorId, v.actorEmail, v.action, v.entity, v.entityId, v.changesJson],
  );
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: unknown;
}

/** A page of the log, newest first, after the keyset (at, id) when given; `take` rows at most. */
export async function auditPage(
  db: Sql,
  orgId: string,
  after: { at: string | null; id: string | null },
  take: number,
): Promise<AuditRow[]> {
  const r = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, a.actor_email, u.name AS actor_name, a.action, a.entity,
            a.entity_id, a.changes
       FROM pub_audit_log a
       -- users are core like the audit log itself; the name as it is now, the e-mail as it was
       LEFT JOIN pub_users u ON u.org_id = a.org_id AND u.id = a.actor_id
      WHERE a.org_id = $1 AND ($2::timestamptz IS NULL OR (a.at, a.id) < ($2::timestamptz, $3::uuid))
      ORDER BY a.at DESC, a.id DESC LIMIT $4`,
    [orgId, after.at, after.id, take],
  );
  return r.rows;
}
