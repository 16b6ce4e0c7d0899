// Single-customer writes, custom field definitions and segments. Org id first, always.
import type { TCustomerFilters, TCustomField, TSegment } from '@fidelia/contracts';
import { CUSTOMER_COLUMNS, type TCustomerRow } from './rows';
import type { TSql } from './sql';

/** Column values for insert/update, already validated by the service. */
export interface TCustomerValues {
  externalId?: string | null;
  name?: string;
  email?: string | null;
  phone?: string | null;
  kind?: string;
  useClass?: string | null;
  tier?: string | null;
  status?: string;
  unitId?: string | null;
  internalUnitId?: string | null;
  internalUserId?: string | null;
  language?: string | null;
  consentEmail?: boolean;
  consentSurvey?: boolean;
  statedNeeds?: string | null;
  realNeeds?: string | null;
  needTags?: string[];
  attributes?: Record<string, unknown>;
}

const COLS: Array<[keyof TCustomerValues, string]> = [
  ['externalId', 'external_id'],
  ['name', 'name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['kind', 'kind'],
  ['useClass', 'use_class'],
  ['tier', 'tier'],
  ['status', 'status'],
  ['unitId', 'unit_id'],
  ['internalUnitId', 'internal_unit_id'],
  ['internalUserId', 'internal_user_id'],
  ['language', 'language'],
  ['consentEmail', 'consent_email'],
  ['consentSurvey', 'consent_survey'],
  ['statedNeeds', 'stated_needs'],
  ['realNeeds', 'real_needs'],
  ['needTags', 'need_tags'],
  ['attributes', 'attributes'],
];

function present(v: TCustomerValues): Array<[string, unknown]> {
  return COLS.filter(([k]) => v[k] !== undefined).map(([k, c]) => [
    c,
    k === 'attributes' ? JSON.stringify(v[k]) : v[k],
  ]);
}

export async function insertCustomer(
  db: TSql,
  orgId: string,
  v: TCustomerValues,
): Promise<TCustomerRow> {
  const cols = present(v);
  const { rows } = await db.query<TCustomerRow>(
    `INSERT INTO customers (org_id, ${cols.map(([c]) => c).join(', ')})
     VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING ${CUSTOMER_COLUMNS}`,
    [orgId, ...cols.map(([, x]) => x)],
  );
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateCustomer(
  db: TSql,
  orgId: string,
  id: string,
  v: TCustomerValues,
): Promise<TCustomerRow | null> {
  const cols = present(v);
  const sets = cols.map(([c], i) => `${c} = $${i + 3}`);
  const { rows } = await db.query<TCustomerRow>(
    `UPDATE customers SET ${[...sets, 'updated_at = now()'].join(', ')}
      WHERE org_id = $1 AND id = $2 RETURNING ${CUSTOMER_COLUMNS}`,
    [orgId, id, ...cols.map(([, x]) => x)],
  );
  return rows[0] ?? null;
}

export async function externalIdTaken(
  db: TSql,
  orgId: string,
  externalId: string,
  exceptId?: string,
) {
  const { rows } = await db.query(
    'SELECT 1 FROM customers WHERE org_id = $1 AND external_id = $2 AND id IS DISTINCT FROM $3::uuid',
    [orgId, externalId, exceptId ?? null],
  );
  return rows.length > 0;
}

export async function listFields(db: TSql, orgId: string): Promise<TCustomField[]> {
  const { rows } = await db.query<TCustomField & { options: string[] | null }>(
    'SELECT key, label, type, options FROM customer_fields WHERE org_id = $1 ORDER BY key',
    [orgId],
  );
  return rows.map((r) => (r.options ? r : { key: r.key, label: r.label, type: r.type }));
}

export async function upsertField(db: TSql, orgId: string, f: TCustomField): Promise<void> {
  await db.query(
    `INSERT INTO customer_fields (org_id, key, label, type, options) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (org_id, key) DO UPDATE SET label = EXCLUDED.label, type = EXCLUDED.type, options = EXCLUDED.options`,
    [orgId, f.key, f.label, f.type, f.options ? JSON.stringify(f.options) : null],
  );
}

export async function listSegments(db: TSql, orgId: string): Promise<TSegment[]> {
  const { rows } = await db.query<TSegment>(
    'SELECT id, name, filters FROM segments WHERE org_id = $1 ORDER BY name',
    [orgId],
  );
  return rows;
}

export async function getSegmentFilters(
  db: TSql,
  orgId: string,
  id: string,
): Promise<TCustomerFilters | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query<{ filters: TCustomerFilters }>(
    'SELECT filters FROM segments WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return rows[0]?.filters ?? null;
}

export async function insertSegment(
  db: TSql,
  orgId: string,
  s: { name: string; filters: TCustomerFilters; createdBy: string | null },
): Promise<TSegment | 'duplicate'> {
  const { rows } = await db.query<TSegment>(
    `INSERT INTO segments (org_id, name, filters, created_by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (org_id, name) DO NOTHING RETURNING id, name, filters`,
    [orgId, s.name, JSON.stringify(s.filters), s.createdBy],
  );
  return rows[0] ?? 'duplicate';
}

export async function deleteSegment(db: TSql, orgId: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const { rows } = await db.query(
    'DELETE FROM segments WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return rows.length > 0;
}

/** Segment names by id (ids compared as text: a malformed id matches nothing). */
export async function segmentNameRows(
  db: TSql,
  orgId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT id::text, name FROM segments WHERE org_id = $1 AND id::text = ANY($2::text[])`,
    [orgId, ids],
  );
  return rows;
}
