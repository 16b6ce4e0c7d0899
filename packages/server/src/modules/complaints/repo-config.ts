// SQL for the editable trees (categories, causes), unit managers, case lists and agents.
import type { Sql } from '../../db/client';
import { CASE_COLS, type TCase, toCase } from './repo';

export interface TCategory {
  id: string;
  tree: 'category' | 'cause';
  parentId: string | null;
  name: string;
  servqualDimension: string | null;
  active: boolean;
}
const CAT = `id, tree, parent_id AS "parentId", name, servqual_dimension AS "servqualDimension", active`;

export async function listCategories(db: Sql, orgId: string): Promise<TCategory[]> {
  const r = await db.query<TCategory>(
    `SELECT ${CAT} FROM complaint_categories WHERE org_id = $1 ORDER BY tree, name, id`,
    [orgId],
  );
  return r.rows;
}

export async function getCategory(db: Sql, orgId: string, id: string): Promise<TCategory | null> {
  const r = await db.query<TCategory>(
    `SELECT ${CAT} FROM complaint_categories WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertCategory(
  db: Sql,
  orgId: string,
  c: { tree: string; parentId: string | null; name: string; servqualDimension: string | null },
): Promise<TCategory> {
  const r = await db.query<TCategory>(
    `INSERT INTO complaint_categories (org_id, tree, parent_id, name, servqual_dimension)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${CAT}`,
    [orgId, c.tree, c.parentId, c.name, c.servqualDimension],
  );
  return r.rows[0] as TCategory;
}

export async function updateCategory(
  db: Sql,
  orgId: string,
  id: string,
  p: {
    parentId?: string | null;
    name?: string;
    active?: boolean;
    servqualDimension?: string | null;
  },
): Promise<TCategory | null> {
  const r = await db.query<TCategory>(
    `UPDATE complaint_categories
        SET parent_id = CASE WHEN $3 THEN $4::uuid ELSE parent_id END,
            name = COALESCE($5, name), active = COALESCE($6, active),
            servqual_dimension = CASE WHEN $7 THEN $8 ELSE servqual_dimension END
      WHERE org_id = $1 AND id = $2 RETURNING ${CAT}`,
    [
      orgId,
      id,
      p.parentId !== undefined,
      p.parentId ?? null,
      p.name ?? null,
      p.active ?? null,
      p.servqualDimension !== undefined,
      p.servqualDimension ?? null,
    ],
  );
  return r.rows[0] ?? null;
}

/** Ids of a category and all its ancestors (for cycle checks). */
export async function ancestors(db: Sql, orgId: string, id: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, 0 AS d FROM complaint_categories WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT c.id, c.parent_id, up.d + 1 FROM complaint_categories c JOIN up ON c.id = up.parent_id
        WHERE c.org_id = $1 AND up.d < 50)
     SELECT id FROM up`,
    [orgId, id],
  );
  return r.rows.map((x) => x.id);
}

/** The unit and its ancestors, nearest first (depth 0 = the unit itself). */
export async function unitChain(
  db: Sql,
  orgId: string,
  unitId: string,
): Promise<{ id: string; depth: number }[]> {
  const r = await db.query<{ id: string; depth: number }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, 0 AS depth FROM org_units WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT u.id, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id
        WHERE u.org_id = $1 AND up.depth < 50)
     SELECT id, depth FROM up ORDER BY depth`,
    [orgId, unitId],
  );
  return r.rows;
}

export async function unitExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM org_units WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rows.length > 0;
}

export interface TStaff {
  id: string;
  email: string;
  name: string;
  role: string;
  unitId: string | null;
  active: boolean;
}
export async function staffByIds(db: Sql, orgId: string, ids: string[]): Promise<TStaff[]> {
  if (!ids.length) return [];
  const r = await db.query<TStaff>(
    `SELECT id, email, name, role, unit_id AS "unitId", active FROM users
      WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return r.rows;
}

/** Active staff of the org (to pick the staff a complaint is about). */
export async function listStaff(db: Sql, orgId: string): Promise<TStaff[]> {
  const r = await db.query<TStaff>(
    `SELECT id, email, name, role, unit_id AS "unitId", active FROM users
      WHERE org_id = $1 AND active ORDER BY fid_name_key(name) COLLATE "C", id LIMIT 2000`,
    [orgId],
  );
  return r.rows;
}

/** Active agents whose unit is one of `unitIds`, with their number of open cases. */
export async function agentsWithLoad(
  db: Sql,
  orgId: string,
  unitIds: string[],
): Promise<(TStaff & { load: number })[]> {
  const r = await db.query<TStaff & { load: number }>(
    `SELECT u.id, u.email, u.name, u.role, u.unit_id AS "unitId", u.active,
            (SELECT count(*)::int FROM complaints c
              WHERE c.org_id = u.org_id AND c.assignee_id = u.id
                AND c.status NOT IN ('closed', 'rejected')) AS load
       FROM users u
      WHERE u.org_id = $1 AND u.active AND u.role = 'agent' AND u.unit_id = ANY($2::uuid[])
      ORDER BY u.id`,
    [orgId, unitIds],
  );
  return r.rows;
}

export async function managerOf(db: Sql, orgId: string, unitId: string): Promise<string | null> {
  const r = await db.query<{ user_id: string }>(
    'SELECT user_id FROM complaint_unit_managers WHERE org_id = $1 AND unit_id = $2',
    [orgId, unitId],
  );
  return r.rows[0]?.user_id ?? null;
}

export async function setManager(
  db: Sql,
  orgId: string,
  unitId: string,
  userId: string | null,
): Promise<void> {
  if (userId === null) {
    await db.query('DELETE FROM complaint_unit_managers WHERE org_id = $1 AND unit_id = $2', [
      orgId,
      unitId,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO complaint_unit_managers (org_id, unit_id, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, unit_id) DO UPDATE SET user_id = EXCLUDED.user_id`,
    [orgId, unitId, userId],
  );
}

export async function listManagers(db: Sql, orgId: string) {
  const r = await db.query<{ unitId: string; userId: string }>(
    `SELECT unit_id AS "unitId", user_id AS "userId" FROM complaint_unit_managers
      WHERE org_id = $1 ORDER BY unit_id`,
    [orgId],
  );
  return r.rows;
}

export interface TListFilter {
  status?: string | undefined;
  open?: boolean | undefined;
  channel?: string | undefined;
  unitIds?: string[] | null;
  assigneeId?: string | undefined;
  customerId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listCases(
  db: Sql,
  orgId: string,
  f: TListFilter,
): Promise<{ items: TCase[]; total: number }> {
  const where = ['c.org_id = $1'];
  const params: unknown[] = [orgId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status) add('c.status = ?', f.status);
  if (f.open === true) where.push(`c.status NOT IN ('closed', 'rejected')`);
  if (f.open === false) where.push(`c.status IN ('closed', 'rejected')`);
  if (f.channel) add('c.channel = ?', f.channel);
  if (f.unitIds) add('c.unit_id = ANY(?::uuid[])', f.unitIds);
  if (f.assigneeId) add('c.assignee_id = ?', f.assigneeId);
  if (f.customerId) add('c.customer_id = ?', f.customerId);
  if (f.q) {
    params.push(`%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    const i = params.length;
    where.push(
      `(lower(c.reference) LIKE $${i} OR lower(c.subject) LIKE $${i} OR lower(coalesce(c.contact_name, '')) LIKE $${i})`,
    );
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM complaints c WHERE ${w}`,
    params,
  );
  const r = await db.query(
    `SELECT ${CASE_COLS} FROM complaints c WHERE ${w}
      ORDER BY c.received_at DESC, c.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
    params,
  );
  return { items: r.rows.map(toCase), total: (total.rows[0] as { n: number }).n };
}

export async function customerById(db: Sql, orgId: string, id: string) {
  const r = await db.query<{
    id: string;
    email: string | null;
    language: string | null;
    name: string;
  }>('SELECT id, email, language, name FROM customers WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rows[0] ?? null;
}

export async function customerByEmail(db: Sql, orgId: string, email: string) {
  const r = await db.query<{ id: string; language: string | null; name: string }>(
    `SELECT id, language, name FROM customers
      WHERE org_id = $1 AND lower(email) = lower($2) AND status <> 'erased'
      ORDER BY created_at LIMIT 1`,
    [orgId, email],
  );
  return r.rows[0] ?? null;
}
