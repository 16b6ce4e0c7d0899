// Fieldwork corrective actions: listing, updates, the overdue tile, assignable users.
// Apart from the visit code; service.ts re-exports it.
import type { TCorrectiveAction } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import * as repo from './repo';
import { isManager, isShopper, scopeOf } from './service-access';

export function toAction(a: repo.TActionRow): TCorrectiveAction {
  return {
    id: a.id,
    visitId: a.visit_id,
    unitId: a.unit_id,
    unitName: a.unit_name,
    itemKey: a.item_key,
    title: a.title,
    critical: a.critical,
    ownerId: a.owner_id,
    ownerName: a.owner_name,
    dueDate: a.due_date,
    status: a.status,
    overdue: a.overdue,
    doneNote: a.done_note,
    verifyNote: a.verify_note,
  };
}

// ------------------------------------------------------------------------------ actions
export async function listActions(
  db: Sql,
  auth: AuthContext,
  q: { status?: string; overdue?: boolean },
): Promise<TCorrectiveAction[]> {
  const scope = await scopeOf(db, auth);
  return (
    await repo.listActions(db, auth.orgId, {
      scope,
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdueOnly: true } : {}),
    })
  ).map(toAction);
}

export async function updateAction(
  db: Sql,
  auth: AuthContext,
  id: string,
  p: {
    ownerId?: string | null;
    dueDate?: string;
    status?: 'open' | 'done' | 'verified';
    note?: string;
  },
): Promise<TCorrectiveAction> {
  return db.transaction(async (tx) => {
    const a = await repo.getAction(tx, auth.orgId, id);
    if (!a) throw new AppError('NOT_FOUND');
    const scope = await scopeOf(tx, auth);
    if (scope && !scope.includes(a.unit_id)) throw new AppError('FIELDWORK_UNIT_SCOPE');
    const manager = isManager(auth);
    if (!manager && a.owner_id !== auth.userId) throw new AppError('FIELDWORK_ACTION_FORBIDDEN');
    // Owners fix and report; managers assign, reschedule and verify (the four-eyes check).
    if (!manager && (p.ownerId !== undefined || p.dueDate || p.status === 'verified'))
      throw new AppError('FIELDWORK_ACTION_FORBIDDEN');
    if (p.status === 'verified' && a.status !== 'done' && a.status !== 'verified')
      throw new AppError('FIELDWORK_ACTION_FORBIDDEN', { reason: 'not_done' });
    if (p.ownerId) {
      const u = await repo.userInfo(tx, auth.orgId, p.ownerId);
      if (!u?.active || u.role === 'shopper' || u.role === 'viewer')
        throw new AppError('FIELDWORK_ASSIGNEE_INVALID');
    }
    await repo.updateAction(tx, auth.orgId, id, {
      ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
      ...(p.dueDate ? { dueDate: p.dueDate } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(p.status === 'verified' && p.note !== undefined
        ? { verifyNote: p.note, verifiedBy: auth.userId }
        : p.status === 'verified'
          ? { verifiedBy: auth.userId }
          : p.note !== undefined
            ? { doneNote: p.note }
            : {}),
    });
    await audit(tx, auth, {
      action: 'update',
      entity: 'fieldwork_action',
      entityId: id,
      changes: p.status ? { status: [a.status, p.status] } : {},
    });
    return toAction((await repo.getAction(tx, auth.orgId, id)) as repo.TActionRow);
  });
}

/** Overdue corrective actions in the caller's units (home overview tile). */
export async function overdueActions(
  db: Sql,
  auth: AuthContext,
): Promise<{ count: number; top: TCorrectiveAction[] }> {
  if (isShopper(auth)) return { count: 0, top: [] };
  const scope = await scopeOf(db, auth);
  const [count, top] = await Promise.all([
    repo.countOverdue(db, auth.orgId, scope),
    repo.listActions(db, auth.orgId, { scope, overdueOnly: true, limit: 5 }),
  ]);
  return { count, top: top.map(toAction) };
}

export async function assignableUsers(db: Sql, auth: AuthContext) {
  return (await repo.assignableUsers(db, auth.orgId)).map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    unitId: u.unit_id,
  }));
}
