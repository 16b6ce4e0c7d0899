// Customer SQL. Every function takes the org id first; every statement filters on it.
import type { TCustomer, TCustomerFilters, TCustomerSort } from '@fidelia/contracts';
import { keysetAfter, over, params } from '../../db/params';
import { decodeCursor, encodeCursor, likeContains, sortSql } from './cursor';
import { CUSTOMER_COLUMNS, type TCustomerRow, toCustomer } from './rows';
import type { TSql } from './sql';

/** Unit restriction: null = whole org; otherwise only customers of these units. */
export type TUnitScope = readonly string[] | null;

export interface TListArgs {
  filters: Omit<TCustomerFilters, 'segmentId' | 'unitId'> & { unitIds?: readonly string[] };
  sort: TCustomerSort;
  cursor?: string | undefined;
  limit: number;
  scope: TUnitScope;
}

/** Builds the WHERE clause shared by list, count and export. */
export function whereFor(
  orgId: string,
  filters: TListArgs['filters'],
  scope: TUnitScope,
): { where: string; params: unknown[] } {
  const p = params(orgId);
  const conds = ['org_id = $1'];
  const add = (sql: (ph: string) => string, v: unknown) => {
    conds.push(sql(p.add(v)));
  };
  if (filters.q) add((p) => `search_text LIKE ${p}`, likeContains(filters.q));
  if (filters.kind) add((p) => `kind = ${p}`, filters.kind);
  if (filters.status) add((p) => `status = ${p}`, filters.status);
  if (filters.tier) add((p) => `tier = ${p}`, filters.tier);
  if (filters.unitIds) add((p) => `unit_id = ANY(${p}::uuid[])`, filters.unitIds);
  if (scope) add((p) => `unit_id = ANY(${p}::uuid[])`, scope);
  return { where: conds.join(' AND '), params: p.values };
}

export async function listCustomers(
  db: TSql,
  orgId: string,
  args: TListArgs,
): Promise<{ items: TCustomer[]; nextCursor: string | null } | 'bad_cursor'> {
  const { where, params: values } = whereFor(orgId, args.filters, args.scope);
  const p = over(values);
  const s = sortSql(args.sort);
  let cond = where;
  if (args.cursor) {
    const c = decodeCursor(args.cursor, args.sort);
    if (!c) return 'bad_cursor';
    cond += ` AND ${keysetAfter(p, s.key, c, { cast: s.cast, desc: s.desc })}`;
  }
  const dir = s.desc ? 'DESC' : 'ASC';
  const { rows } = await db.query<TCustomerRow & { cursor_value: string }>(
    `SELECT ${CUSTOMER_COLUMNS}, ${s.cursorValue} AS cursor_value FROM customers
      WHERE ${cond} ORDER BY ${s.key} ${dir}, id ${dir} LIMIT ${p.add(args.limit + 1)}`,
    p.values,
  );
  const more = rows.length > args.limit;
  const page = more ? rows.slice(0, args.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map(toCustomer),
    nextCursor:
      more && last
        ? encodeCursor({ sort: args.sort, value: last.cursor_value, id: last.id })
        : null,
  };
}

export async function countCustomers(
  db: TSql,
  orgId: string,
  filters: TListArgs['filters'],
  scope: TUnitScope,
): Promise<number> {
  const { where, params } = whereFor(orgId, filters, scope);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customers WHERE ${where}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

export async function getCustomer(
  db: TSql,
  orgId: string,
  id: string,
  scope: TUnitScope,
): Promise<TCustomer | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const params: unknown[] = [orgId, id];
  let cond = 'org_id = $1 AND id = $2';
  if (scope) {
    params.push(scope);
    cond += ' AND unit_id = ANY($3::uuid[])';
  }
  const { rows } = await db.query<TCustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE ${cond}`,
    params,
  );
  return rows[0] ? toCustomer(rows[0]) : null;
}

/**
 * GDPR erase: personal fields are blanked, the row and its id stay (so survey answers,
 * complaints and counts that reference it stay correct) and the status becomes 'erased'.
 */
export async function eraseCustomer(db: TSql, orgId: string, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE customers SET external_id = NULL, name = 'Cliente borrado', email = NULL, phone = NULL,
            stated_needs = NULL, real_needs = NULL, need_tags = '{}', attributes = '{}'::jsonb,
            language = NULL, consent_email = false, consent_survey = false, status = 'erased',
            updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING id`,
    [orgId, id],
  );
  // Staff notes are free text about the person: erased with the personal fields.
  if (rows.length === 1)
    await db.query('DELETE FROM customer_notes WHERE org_id = $1 AND customer_id = $2', [
      orgId,
      id,
    ]);
  return rows.length === 1;
}

/** The oldest customer (not erased, within `scope`) whose e-mail is `email`, case-insensitive. */
export async function customerByEmail(
  db: TSql,
  orgId: string,
  email: string,
  scope: TUnitScope,
): Promise<TCustomer | null> {
  const params: unknown[] = [orgId, email];
  let cond = `org_id = $1 AND lower(email) = lower($2) AND status <> 'erased'`;
  if (scope) {
    params.push(scope);
    cond += ' AND unit_id = ANY($3::uuid[])';
  }
  const { rows } = await db.query<TCustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE ${cond} ORDER BY created_at, id LIMIT 1`,
    params,
  );
  return rows[0] ? toCustomer(rows[0]) : null;
}

/**
 * Customer ids by external id, for other modules' imports to link rows to known customers
 * (erased customers are left out: an import must not re-identify them).
 */
export async function idsByExternalIds(
  db: TSql,
  orgId: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; external_id: string }>(
    `SELECT id, external_id FROM customers
      WHERE org_id = $1 AND external_id = ANY($2::text[]) AND status <> 'erased'`,
    [orgId, externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** Customer names by id (ids compared as text: a malformed id matches nothing). */
export async function customerNameRows(
  db: TSql,
  orgId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT id::text, name FROM customers WHERE org_id = $1 AND id::text = ANY($2::text[])`,
    [orgId, ids],
  );
  return rows;
}

/** The team's class (`customers.tier`) of each of these customers. */
export async function customerTiers(
  db: TSql,
  orgId: string,
  ids: readonly string[],
): Promise<{ id: string; tier: string | null }[]> {
  const r = await db.query<{ id: string; tier: string | null }>(
    'SELECT id, tier FROM customers WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, ids],
  );
  return r.rows;
}
