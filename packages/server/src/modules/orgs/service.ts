// Org units (a tree per org) and the unit-subtree scope used by every unit-scoped module.
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit, diff } from '../audit/service';

export type UnitKind = 'company' | 'region' | 'branch' | 'team';
export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
}

const COLS = 'id, parent_id AS "parentId", name, kind';

export async function listUnits(db: Sql, orgId: string): Promise<OrgUnit[]> {
  return (
    await db.query<OrgUnit>(`SELECT ${COLS} FROM org_units WHERE org_id = $1 ORDER BY name`, [
      orgId,
    ])
  ).rows;
}

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
  const step = direction === 'down' ? 'u.parent_id = t.id' : 'u.id = t.parent_id';
  const r = await db.query<{ id: string; depth: number }>(
    `WITH RECURSIVE t AS (
       SELECT id, parent_id, 0 AS depth FROM org_units WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT u.id, u.parent_id, t.depth + 1 FROM org_units u JOIN t ON ${step}
        WHERE u.org_id = $1 AND t.depth < ${MAX_DEPTH})
     SELECT id, depth FROM t ORDER BY depth`,
    [orgId, unitId],
  );
  return r.rows;
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
  const r = await db.query('SELECT 1 FROM org_units WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rows.length > 0;
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
  const r = await db.query<OrgUnit>(`SELECT ${COLS} FROM org_units WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  const u = r.rows[0];
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
    const r = await tx.query<OrgUnit>(
      `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING ${COLS}`,
      [auth.orgId, input.parentId, input.name, input.kind],
    );
    const u = r.rows[0] as OrgUnit;
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
    const r = await tx.query<OrgUnit>(
      `UPDATE org_units SET parent_id = CASE WHEN $3 THEN $4::uuid ELSE parent_id END,
              name = COALESCE($5, name), kind = COALESCE($6, kind)
        WHERE org_id = $1 AND id = $2 RETURNING ${COLS}`,
      [
        auth.orgId,
        id,
        input.parentId !== undefined,
        input.parentId ?? null,
        input.name ?? null,
        input.kind ?? null,
      ],
    );
    const u = r.rows[0] as OrgUnit;
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
    const kids = await tx.query(
      'SELECT 1 FROM org_units WHERE org_id = $1 AND parent_id = $2 LIMIT 1',
      [auth.orgId, id],
    );
    if (kids.rows.length) throw new AppError('CONFLICT', { reason: 'unit has children' });
    await tx.query('DELETE FROM org_units WHERE org_id = $1 AND id = $2', [auth.orgId, id]);
    await audit(tx, auth, {
      action: 'delete',
      entity: 'org_unit',
      entityId: id,
      changes: { ...before },
    });
  });
}
