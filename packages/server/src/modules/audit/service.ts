// Append-only audit trail, written by services on every change (who, what, diff).
import type { Sql } from '../../db/client';
import type { AuditRow as Row } from './repo';
import * as repo from './repo';

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
  await repo.insertAudit(db, actor.orgId, {
    actorId: actor.userId,
    actorEmail: actor.email,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    changesJson: JSON.stringify(e.changes ?? {}),
  });
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

export async function listAudit(db: Sql, orgId: string, cursor: string | undefined, limit: number) {
  // Cursor = "<iso time>|<id>" of the last item seen (keyset on (at, id) descending).
  const [at, id] = cursor ? cursor.split('|') : [];
  const page = await repo.auditPage(db, orgId, { at: at ?? null, id: id ?? null }, limit + 1);
  const rows = page.slice(0, limit);
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
      page.length > limit && last ? `${new Date(last.at).toISOString()}|${last.id}` : null,
  };
}
