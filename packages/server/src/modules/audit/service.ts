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

/** Display names of some entities of one kind (id -> label), from the module that owns them. */
export type TAuditLabeler = (db: Sql, orgId: string, ids: string[]) => Promise<Map<string, string>>;
const labelers = new Map<string, TAuditLabeler>();

/** A module names its entities in the audit log ("who did what to *what*") with this. */
export function registerAuditLabels(entity: string, fn: TAuditLabeler): void {
  labelers.set(entity, fn);
}

async function labelsFor(db: Sql, orgId: string, rows: Row[]) {
  const byEntity = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.entity_id || !labelers.has(r.entity)) continue;
    const ids = byEntity.get(r.entity) ?? new Set<string>();
    ids.add(r.entity_id);
    byEntity.set(r.entity, ids);
  }
  const out = new Map<string, string>();
  for (const [entity, ids] of byEntity) {
    const names = await (labelers.get(entity) as TAuditLabeler)(db, orgId, [...ids]);
    for (const [id, name] of names) out.set(`${entity}:${id}`, name);
  }
  return out;
}

interface Row {
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

export async function listAudit(db: Sql, orgId: string, cursor: string | undefined, limit: number) {
  // Cursor = "<iso time>|<id>" of the last item seen (keyset on (at, id) descending).
  const [at, id] = cursor ? cursor.split('|') : [];
  const r = await db.query<Row>(
    `SELECT a.id, a.at, a.actor_id, a.actor_email, u.name AS actor_name, a.action, a.entity,
            a.entity_id, a.changes
       FROM pub_audit_log a
       -- users are core like the audit log itself; the name as it is now, the e-mail as it was
       LEFT JOIN pub_users u ON u.org_id = a.org_id AND u.id = a.actor_id
      WHERE a.org_id = $1 AND ($2::timestamptz IS NULL OR (a.at, a.id) < ($2::timestamptz, $3::uuid))
      ORDER BY a.at DESC, a.id DESC LIMIT $4`,
    [orgId, at ?? null, id ?? null, limit + 1],
  );
  const rows = r.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const labels = await labelsFor(db, orgId, rows);
  return {
    items: rows.map((x) => ({
      id: x.id,
      at: new Date(x.at).toISOString(),
      actorId: x.actor_id,
      actorEmail: x.actor_email,
      actorName: x.actor_name,
      action: x.action,
      entity: x.entity,
      entityId: x.entity_id,
      entityLabel: x.entity_id ? (labels.get(`${x.entity}:${x.entity_id}`) ?? null) : null,
      changes: x.changes,
    })),
    nextCursor:
      r.rows.length > limit && last ? `${new Date(last.at).toISOString()}|${last.id}` : null,
  };
}
