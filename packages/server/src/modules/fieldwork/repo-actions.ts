// SQL of fieldwork corrective actions; apart from repo.ts, which re-exports it, so each
// repo file holds one concern.
import type { Sql } from '../../db/client';
import { and, params } from '../../db/params';

// ------------------------------------------------------------------------------ actions
export interface TActionRow {
  id: string;
  visit_id: string;
  unit_id: string;
  unit_name: string;
  item_key: string;
  title: string;
  critical: boolean;
  owner_id: string | null;
  owner_name: string | null;
  due_date: string;
  status: 'open' | 'done' | 'verified';
  overdue: boolean;
  done_note: string;
  verify_note: string;
}

const ACTION_SELECT = `
  SELECT x.id, x.visit_id, x.unit_id, u.name AS unit_name, x.item_key, x.title, x.critical,
         x.owner_id, o.name AS owner_name, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, x.status,
         (x.status = 'open' AND x.due_date < CURRENT_DATE) AS overdue, x.done_note, x.verify_note
    FROM fieldwork_actions x
    JOIN pub_org_units u ON u.org_id = x.org_id AND u.id = x.unit_id
    LEFT JOIN pub_users o ON o.org_id = x.org_id AND o.id = x.owner_id`;

export async function insertActions(
  db: Sql,
  orgId: string,
  rows: {
    visitId: string;
    unitId: string;
    itemKey: string;
    standardId: string | null;
    title: string;
    critical: boolean;
    ownerId: string | null;
    dueDate: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO fieldwork_actions (org_id, visit_id, unit_id, item_key, standard_id, title,
            critical, owner_id, due_date)
     SELECT $1, x."visitId", x."unitId", x."itemKey", x."standardId", x.title, x.critical,
            x."ownerId", x."dueDate"
       FROM jsonb_to_recordset($2::jsonb) AS x("visitId" uuid, "unitId" uuid, "itemKey" text,
            "standardId" uuid, title text, critical boolean, "ownerId" uuid, "dueDate" date)
     ON CONFLICT (visit_id, item_key) DO NOTHING`,
    [orgId, JSON.stringify(rows)],
  );
}

export async function actionsOfVisit(
  db: Sql,
  orgId: string,
  visitId: string,
): Promise<TActionRow[]> {
  const r = await db.query<TActionRow>(
    `${ACTION_SELECT} WHERE x.org_id = $1 AND x.visit_id = $2 ORDER BY x.critical DESC, x.item_key`,
    [orgId, visitId],
  );
  return r.rows;
}

export async function listActions(
  db: Sql,
  orgId: string,
  f: { scope: string[] | null; status?: string; overdueOnly?: boolean; limit?: number },
): Promise<TActionRow[]> {
  const p = params(orgId);
  const where = and(
    'x.org_id = $1',
    f.scope && `x.unit_id = ANY(${p.add(f.scope, 'uuid[]')})`,
    f.status && `x.status = ${p.add(f.status)}`,
    f.overdueOnly && `x.status = 'open' AND x.due_date < CURRENT_DATE`,
  );
  const r = await db.query<TActionRow>(
    `${ACTION_SELECT} WHERE ${where}
      ORDER BY (x.status = 'open') DESC, x.due_date, x.critical DESC, x.id
      LIMIT ${Math.min(Math.max(f.limit ?? 500, 1), 500)}`,
    p.values,
  );
  return r.rows;
}

export async function countOverdue(
  db: Sql,
  orgId: string,
  scope: string[] | null,
): Promise<number> {
  const p = params(orgId);
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM fieldwork_actions x
      WHERE ${and('x.org_id = $1', "x.status = 'open'", 'x.due_date < CURRENT_DATE', scope && `x.unit_id = ANY(${p.add(scope, 'uuid[]')})`)}`,
    p.values,
  );
  return r.rows[0]?.n ?? 0;
}

export async function getAction(db: Sql, orgId: string, id: string): Promise<TActionRow | null> {
  const r = await db.query<TActionRow>(`${ACTION_SELECT} WHERE x.org_id = $1 AND x.id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function updateAction(
  db: Sql,
  orgId: string,
  id: string,
  u: {
    ownerId?: string | null;
    dueDate?: string;
    status?: string;
    doneNote?: string;
    verifyNote?: string;
    verifiedBy?: string;
  },
): Promise<void> {
  await db.query(
    `UPDATE fieldwork_actions SET
            owner_id = CASE WHEN $3::boolean THEN $4::uuid ELSE owner_id END,
            due_date = COALESCE($5::date, due_date),
            status = COALESCE($6, status),
            done_note = COALESCE($7, done_note),
            done_at = CASE WHEN $6 = 'done' THEN now() WHEN $6 = 'open' THEN NULL ELSE done_at END,
            verify_note = COALESCE($8, verify_note),
            verified_by = CASE WHEN $6 = 'verified' THEN $9::uuid WHEN $6 = 'open' THEN NULL ELSE verified_by END,
            verified_at = CASE WHEN $6 = 'verified' THEN now() WHEN $6 = 'open' THEN NULL ELSE verified_at END,
            updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [
      orgId,
      id,
      u.ownerId !== undefined,
      u.ownerId ?? null,
      u.dueDate ?? null,
      u.status ?? null,
      u.doneNote ?? null,
      u.verifyNote ?? null,
      u.verifiedBy ?? null,
    ],
  );
}
