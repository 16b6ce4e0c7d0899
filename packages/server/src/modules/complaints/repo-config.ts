// SQL for the editable trees (categories, causes), unit managers, case lists and agents.
import type { Sql } from '../../db/client';
import { over, params } from '../../db/params';
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
    `SELECT id, email, name, role, unit_id AS "unitId", active FROM pub_users
      WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return r.rows;
}

/** Active staff of the org (to pick the staff a complaint is about). */
export async function listStaff(db: Sql, orgId: string): Promise<TStaff[]> {
  const r = await db.query<TStaff>(
    `SELECT id, email, name, role, unit_id AS "unitId", active FROM pub_users
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
       FROM pub_users u
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
  severity?: string | undefined;
  form?: string | undefined;
  categoryId?: string | undefined;
  unitIds?: string[] | null;
  /** a user id, or 'none' for unassigned */
  assigneeId?: string | undefined;
  customerId?: string | undefined;
  /** open cases due before this instant (past due: now) */
  dueBefore?: Date | undefined;
  /** open cases due at or after this instant (due today, not yet overdue: now) */
  dueFrom?: Date | undefined;
  receivedFrom?: Date | undefined;
  receivedBefore?: Date | undefined;
  q?: string | undefined;
  sort: 'received' | 'due' | 'severity' | 'status' | 'reference';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** keyset: only cases after this one in the list's order (the export walks the whole list
   * this way: offset paging re-reads every skipped row, so a long list would cost O(n²)) */
  after?: string | undefined;
}

/** A list item: the case plus the names the list shows (customer record, assignee). */
export type TListedCase = TCase & { customerName: string | null; assigneeName: string | null };

const OPEN_SQL = `c.status NOT IN ('closed', 'rejected')`;
const ORDER: Record<TListFilter['sort'], string> = {
  received: 'c.received_at',
  // cases without a due instant (paused, met, closed) sort after every due one either way
  due: 'c.due_at',
  severity: `CASE c.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END`,
  status: `array_position(ARRAY['received','acknowledged','assessed','investigating','reopened','responded','closed','rejected']::text[], c.status)`,
  reference: 'c.reference',
};

/** Sort keys that are never NULL (table columns declared NOT NULL): their keyset is a row
 *  comparison, and their order has no NULLS LAST, which a backward walk of an ascending index
 *  cannot give (the planner does not drop it for NOT NULL columns): with it, newest first sorted
 *  every case of the org for each page. */
const NOT_NULL_KEYS = new Set<TListFilter['sort']>(['received', 'reference']);

function whereOf(orgId: string, f: Omit<TListFilter, 'sort' | 'dir' | 'limit' | 'offset'>) {
  const where = ['c.org_id = $1'];
  const p = params(orgId);
  const add = (sql: string, v: unknown) => {
    where.push(sql.replace('?', p.add(v)));
  };
  if (f.status) add('c.status = ?', f.status);
  // "open" is spelt exactly as the partial index's predicate so the planner can use it
  if (f.open === true || f.dueBefore || f.dueFrom) where.push(OPEN_SQL);
  if (f.open === false) where.push(`c.status IN ('closed', 'rejected')`);
  if (f.channel) add('c.channel = ?', f.channel);
  if (f.severity) add('c.severity = ?', f.severity);
  if (f.form) add('c.form = ?', f.form);
  if (f.categoryId) add('c.category_id = ?', f.categoryId);
  if (f.unitIds) add('c.unit_id = ANY(?::uuid[])', f.unitIds);
  if (f.assigneeId === 'none') where.push('c.assignee_id IS NULL');
  else if (f.assigneeId) add('c.assignee_id = ?', f.assigneeId);
  if (f.customerId) add('c.customer_id = ?', f.customerId);
  if (f.dueBefore) add('c.due_at < ?::timestamptz', f.dueBefore.toISOString());
  if (f.dueFrom) add('c.due_at >= ?::timestamptz', f.dueFrom.toISOString());
  if (f.receivedFrom) add('c.received_at >= ?::timestamptz', f.receivedFrom.toISOString());
  if (f.receivedBefore) add('c.received_at < ?::timestamptz', f.receivedBefore.toISOString());
  if (f.q) {
    const i = p.add(`%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(
      `(lower(c.reference) LIKE ${i} OR lower(c.subject) LIKE ${i} OR lower(coalesce(c.contact_name, '')) LIKE ${i} OR lower(coalesce(c.contact_email, '')) LIKE ${i})`,
    );
  }
  return { w: where.join(' AND '), params: p.values };
}

/** One page of the list (offset pagination; `total` only when asked). */
export async function listCases(
  db: Sql,
  orgId: string,
  f: TListFilter,
  o: { count?: boolean } = { count: true },
): Promise<{ items: TListedCase[]; total: number }> {
  const { w: base, params } = whereOf(orgId, f);
  let w = base;
  if (f.after) {
    // The last row's own sort key, read from the table, so the key's type never travels as text.
    // NULL keys sort last in either direction (NULLS LAST), ties by id in the list's direction.
    const id = over(params).add(f.after, 'uuid');
    const key = ORDER[f.sort];
    const cmp = f.dir === 'asc' ? '>' : '<';
    const lastRow = (cols: string) =>
      `(SELECT ${cols} FROM complaints l WHERE l.org_id = $1 AND l.id = ${id})`;
    if (NOT_NULL_KEYS.has(f.sort))
      // One row comparison: an index range on (org_id, key, id), so each page reads only its
      // rows. The CASE below made every page of an export re-read all the pages before it
      // (200,000 cases: 58 s on PostgreSQL, bench/export-complaints.ts).
      w += ` AND (${key}, c.id) ${cmp} ${lastRow(`${key.replaceAll('c.', 'l.')}, l.id`)}`;
    else {
      const last = lastRow(key.replaceAll('c.', 'l.'));
      w += ` AND CASE WHEN ${last} IS NULL THEN (${key} IS NULL AND c.id ${cmp} ${id})
                  ELSE (${key} ${cmp} ${last} OR (${key} = ${last} AND c.id ${cmp} ${id})
                        OR ${key} IS NULL) END`;
    }
  }
  const total =
    o.count === false
      ? { rows: [{ n: -1 }] }
      : await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM complaints c WHERE ${w}`,
          params,
        );
  const dir = f.dir === 'asc' ? 'ASC' : 'DESC';
  const r = await db.query(
    `SELECT ${CASE_COLS}, cu.name AS "customerName", u.name AS "assigneeName"
       FROM complaints c
       LEFT JOIN pub_customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id
       LEFT JOIN pub_users u ON u.org_id = c.org_id AND u.id = c.assignee_id
      WHERE ${w}
      ORDER BY ${ORDER[f.sort]} ${dir}${NOT_NULL_KEYS.has(f.sort) ? '' : ' NULLS LAST'}, c.id ${dir}
      LIMIT ${f.limit} OFFSET ${f.offset}`,
    params,
  );
  return {
    items: r.rows.map((x) => toCase(x) as TListedCase),
    total: (total.rows[0] as { n: number }).n,
  };
}

export interface TSavedViewRow {
  id: string;
  name: string;
  query: Record<string, string>;
  createdAt: string;
}

export async function listViews(db: Sql, orgId: string, userId: string) {
  const r = await db.query<TSavedViewRow>(
    `SELECT id, name, query, created_at AS "createdAt" FROM complaint_saved_views
      WHERE org_id = $1 AND user_id = $2 ORDER BY name, id`,
    [orgId, userId],
  );
  return r.rows.map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() }));
}

/** Saves (or, under the same name, replaces) one of the user's views. */
export async function saveView(
  db: Sql,
  orgId: string,
  userId: string,
  v: { name: string; query: Record<string, string> },
): Promise<TSavedViewRow> {
  const r = await db.query<TSavedViewRow>(
    `INSERT INTO complaint_saved_views (org_id, user_id, name, query) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (org_id, user_id, name) DO UPDATE SET query = EXCLUDED.query
     RETURNING id, name, query, created_at AS "createdAt"`,
    [orgId, userId, v.name, JSON.stringify(v.query)],
  );
  const row = r.rows[0] as TSavedViewRow;
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

export async function deleteView(db: Sql, orgId: string, userId: string, id: string) {
  const r = await db.query(
    'DELETE FROM complaint_saved_views WHERE org_id = $1 AND user_id = $2 AND id = $3 RETURNING id',
    [orgId, userId, id],
  );
  return r.rows.length > 0;
}

export async function customerById(db: Sql, orgId: string, id: string) {
  const r = await db.query<{
    id: string;
    email: string | null;
    language: string | null;
    name: string;
  }>('SELECT id, email, language, name FROM pub_customers WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function customerByEmail(db: Sql, orgId: string, email: string) {
  const r = await db.query<{ id: string; language: string | null; name: string }>(
    `SELECT id, language, name FROM pub_customers
      WHERE org_id = $1 AND lower(email) = lower($2) AND status <> 'erased'
      ORDER BY created_at LIMIT 1`,
    [orgId, email],
  );
  return r.rows[0] ?? null;
}

/** Names of the org's units (the list export shows names, not ids). */
export async function unitNames(db: Sql, orgId: string): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM pub_org_units WHERE org_id = $1',
    [orgId],
  );
  return new Map(r.rows.map((u) => [u.id, u.name]));
}
