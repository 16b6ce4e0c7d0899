// SQL of the orgs module (org_units). Every function takes the org id first and filters by it.
import type { Sql } from '../../db/client';

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

/**
 * The unit and its descendants (depth 0 = the unit), or its ancestors nearest first, at most
 * `maxDepth` steps away (the caller's cap that keeps a walk over a cycle finite).
 */
export async function unitTreeRows(
  db: Sql,
  orgId: string,
  unitId: string,
  direction: 'down' | 'up',
  maxDepth: number,
): Promise<{ id: string; depth: number }[]> {
  const step = direction === 'down' ? 'u.parent_id = t.id' : 'u.id = t.parent_id';
  const r = await db.query<{ id: string; depth: number }>(
    `WITH RECURSIVE t AS (
       SELECT id, parent_id, 0 AS depth FROM org_units WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT u.id, u.parent_id, t.depth + 1 FROM org_units u JOIN t ON ${step}
        WHERE u.org_id = $1 AND t.depth < ${Math.trunc(maxDepth)})
     SELECT id, depth FROM t ORDER BY depth`,
    [orgId, unitId],
  );
  return r.rows;
}

export async function unitRowExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM org_units WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rows.length > 0;
}

export async function findUnit(db: Sql, orgId: string, id: string): Promise<OrgUnit | undefined> {
  const r = await db.query<OrgUnit>(`SELECT ${COLS} FROM org_units WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0];
}

export async function insertUnit(
  tx: Sql,
  orgId: string,
  input: { parentId: string | null; name: string; kind: UnitKind },
): Promise<OrgUnit> {
  const r = await tx.query<OrgUnit>(
    `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING ${COLS}`,
    [orgId, input.parentId, input.name, input.kind],
  );
  return r.rows[0] as OrgUnit;
}

/** Undefined fields keep their value; `parentId: null` makes the unit a root. */
export async function updateUnitRow(
  tx: Sql,
  orgId: string,
  id: string,
  input: {
    parentId?: string | null | undefined;
    name?: string | undefined;
    kind?: UnitKind | undefined;
  },
): Promise<OrgUnit> {
  const r = await tx.query<OrgUnit>(
    `UPDATE org_units SET parent_id = CASE WHEN $3 THEN $4::uuid ELSE parent_id END,
            name = COALESCE($5, name), kind = COALESCE($6, kind)
      WHERE org_id = $1 AND id = $2 RETURNING ${COLS}`,
    [
      orgId,
      id,
      input.parentId !== undefined,
      input.parentId ?? null,
      input.name ?? null,
      input.kind ?? null,
    ],
  );
  return r.rows[0] as OrgUnit;
}

export async function unitHasChildren(tx: Sql, orgId: string, id: string): Promise<boolean> {
  const kids = await tx.query(
    'SELECT 1 FROM org_units WHERE org_id = $1 AND parent_id = $2 LIMIT 1',
    [orgId, id],
  );
  return kids.rows.length > 0;
}

export async function deleteUnitRow(tx: Sql, orgId: string, id: string): Promise<void> {
  await tx.query('DELETE FROM org_units WHERE org_id = $1 AND id = $2', [orgId, id]);
}
