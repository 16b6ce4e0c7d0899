// Append-only audit trail, written by services on every change (who, what, diff).
import type { Sql } from '../../db/client';

/** Who did it: a user, or the system (userId/email null, e.g. seeding or CLI). */
export interface Actor {
  orgId: string;
  userId: string | null;
  email: string | null;
}

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  changes?: Record<string, unknown>;
}

export async function audit(db: Sql, actor: Actor, e: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (org_id, actor_id, actor_email, action, entity, entity_id, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [
      actor.orgId,
      actor.userId,
      actor.email,
      e.action,
      e.entity,
      e.entityId ?? null,
      JSON.stringify(e.changes ?? {}),
    ],
  );
}

/** Field-level diff of the keys present in `next`: { field: [before, after] }. */
export function diff(
  before: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(next)) {
    if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k], v];
  }
  return out;
}

interface Row {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: unknown;
}

export async function listAudit(db: Sql, orgId: string, cursor: string | undefined, limit: number) {
  // Cursor = "<iso time>|<id>" of the last item seen (keyset on (at, id) descending).
  const [at, id] = cursor ? cursor.split('|') : [];
  const r = await db.query<Row>(
    `SELECT id, at, actor_id, actor_email, action, entity, entity_id, changes FROM audit_log
      WHERE org_id = $1 AND ($2::timestamptz IS NULL OR (at, id) < ($2::timestamptz, $3::uuid))
      ORDER BY at DESC, id DESC LIMIT $4`,
    [orgId, at ?? null, id ?? null, limit + 1],
  );
  const rows = r.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((x) => ({
      id: x.id,
      at: new Date(x.at).toISOString(),
      actorId: x.actor_id,
      actorEmail: x.actor_email,
      action: x.action,
      entity: x.entity,
      entityId: x.entity_id,
      changes: x.changes,
    })),
    nextCursor:
      r.rows.length > limit && last ? `${new Date(last.at).toISOString()}|${last.id}` : null,
  };
}
