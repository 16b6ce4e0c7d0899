// Org units (a tree per org) and the unit-subtree scope used by every unit-scoped module.
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit, diff } from '../audit/service';
import type { OrgUnit, UnitKind } from './repo';
import * as repo from './repo';

export type { OrgUnit, UnitKind } from './repo';
export { listUnits } from './repo';

// The one org-unit tree walk. Cycles are refused on update (updateUnit), but two concurrent
// moves could still close one; the depth cap keeps any walk finite (real trees are < 10 deep).
const MAX_DEPTH = 50;

/** The unit and its descendants (depth 0 = the unit), or its ancestors nearest first. */
export async function unitTree(
  db: Sql,
  orgId: string,
  unitId: string,
  direction: 'down' | 'up',
): Promise<{ id: string; depth: number }[]> {
  return repo.unitTreeRows(db, orgId, unitId, direction, MAX_DEPTH);
}

/** The unit and every unit below it (an unknown unit gives []). */
export async function unitSubtree(db: Sql, orgId: string, unitId: string): Promise<string[]> {
  return (await unitTree(db, orgId, unitId, 'down')).map((x) => x.id);
}

/** The unit and its ancestors, nearest first (depth 0 = the unit itself). */
export async function unitChain(
  db: Sql,
  orgId: string,
  unitId: string,
): Promise<{ id: string; depth: number }[]> {
  return unitTree(db, orgId, unitId, 'up');
}

export async function unitExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  // Ids from files and payloads are not always uuids; a malformed one is simply not a unit.
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  return repo.unitRowExists(db, orgId, id);
}

/** The unit ids a caller may see: null = everything (no unit limit), else unit + descendants. */
export async function unitScope(
  db: Sql,
  auth: Pick<AuthContext, 'orgId' | 'unitId'>,
): Promise<string[] | null> {
  if (!auth.unitId) return null;
  return unitSubtree(db, auth.orgId, auth.unitId);
}

async function getUnit(db: Sql, orgId: string, id: string): Promise<OrgUnit> {
  const u = await repo.findUnit(db, orgId, id);
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

export async function createUnit(
  db: Sql,
  auth: AuthContext,
  input: { parentId: string | null; name: string; kind: UnitKind },
): Promise<OrgUnit> {
  return db.transaction(async (tx) => {
    if (input.parentId) await getUnit(tx, auth.orgId, input.parentId);
    const u = await repo.insertUnit(tx, auth.orgId, input);
    await audit(tx, auth, { action: 'create', entity: 'org_unit', entityId: u.id, changes: input });
    return u;
  });
}

export async function updateUnit(
  db: Sql,
  auth: AuthContext,
  id: string,
  input: {
    parentId?: string | null | undefined;
    name?: string | undefined;
    kind?: UnitKind | undefined;
  },
): Promise<OrgUnit> {
  return db.transaction(async (tx) => {
    const before = await getUnit(tx, auth.orgId, id);
    if (input.parentId) {
      // Refuse cycles: the new parent must not be the unit itself or one of its descendants.
      const sub = await unitScope(tx, { orgId: auth.orgId, unitId: id });
      await getUnit(tx, auth.orgId, input.parentId);
      if (sub?.includes(input.parentId)) throw new AppError('CONFLICT', { field: 'parentId' });
    }
    const u = await repo.updateUnitRow(tx, auth.orgId, id, input);
    await audit(tx, auth, {
      action: 'update',
      entity: 'org_unit',
      entityId: id,
      changes: diff({ ...before }, { ...input }),
    });
    return u;
  });
}

export async function deleteUnit(db: Sql, auth: AuthContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getUnit(tx, auth.orgId, id);
    if (await repo.unitHasChildren(tx, auth.orgId, id))
      throw new AppError('CONFLICT', { reason: 'unit has children' });
    await repo.deleteUnitRow(tx, auth.orgId, id);
    await audit(tx, auth, {
      action: 'delete',
      entity: 'org_unit',
      entityId: id,
      changes: { ...before },
    });
  });
}
