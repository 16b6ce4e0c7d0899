// SQL of the transactions import: the upload row (retention_imports), its rejections
// (retention_import_rejections) and the batched upsert into retention_transactions. Every
// function takes the org id first. Customers are read through pub_customers.
import type { TTxColumn, TTxImportStatus } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { TRejection } from './rows';

// The uploaded file travels as hex text (decode/encode in SQL) rather than as a bytea value:
// PGlite's JS bytea codec turns every byte into its own string (≈ 0.4 s each way for the 1.7 MB
// CDNOW_master file at idle, seconds under load); Buffer's hex codec is native. Same SQL on
// PostgreSQL.
export async function insertUpload(
  db: Sql,
  orgId: string,
  u: {
    fileName: string;
    format: 'csv' | 'xlsx';
    bytes: Uint8Array;
    headers: readonly string[];
    mapping: Record<string, TTxColumn>;
    createdBy: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO retention_imports (org_id, file_name, file_format, file_data, headers, mapping, created_by)
     VALUES ($1, $2, $3, decode($4::text, 'hex'), $5::jsonb, $6::jsonb, $7) RETURNING id`,
    [
      orgId,
      u.fileName,
      u.format,
      Buffer.from(u.bytes.buffer, u.bytes.byteOffset, u.bytes.byteLength).toString('hex'),
      JSON.stringify(u.headers),
      JSON.stringify(u.mapping),
      u.createdBy,
    ],
  );
  return rows[0]?.id ?? '';
}

export type TImportRow = Omit<TTxImportStatus, 'fileName' | 'rejections'> & { file_name: string };

export async function importRow(db: Sql, orgId: string, id: string): Promise<TImportRow | null> {
  const { rows } = await db.query<TImportRow>(
    `SELECT id, file_name, status, total, inserted, updated, unchanged, rejected, warned, warnings, error
       FROM retention_imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

export async function recentImportIds(db: Sql, orgId: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM retention_imports WHERE org_id = $1 ORDER BY created_at DESC LIMIT $2',
    [orgId, limit],
  );
  return rows.map((r) => r.id);
}

/** The import's rejections by row; `limit` null = all. */
export async function rejections(
  db: Sql,
  orgId: string,
  id: string,
  limit: number | null,
): Promise<TRejection[]> {
  const { rows } = await db.query<TRejection>(
    `SELECT row_no AS row, column_name AS column, value, reason FROM retention_import_rejections
      WHERE org_id = $1 AND import_id = $2 ORDER BY row_no${limit === null ? '' : ' LIMIT $3'}`,
    limit === null ? [orgId, id] : [orgId, id, limit],
  );
  return rows;
}

/** uploaded → queued (the run's claim); null when it was not in `uploaded`. */
export async function claimUploaded(
  db: Sql,
  orgId: string,
  id: string,
): Promise<Record<string, TTxColumn> | null> {
  const { rows } = await db.query<{ mapping: Record<string, TTxColumn> }>(
    `UPDATE retention_imports SET status = 'queued'
      WHERE org_id = $1 AND id = $2 AND status = 'uploaded' RETURNING mapping`,
    [orgId, id],
  );
  return rows[0]?.mapping ?? null;
}

export async function backToUploaded(db: Sql, orgId: string, id: string): Promise<void> {
  await db.query(`UPDATE retention_imports SET status = 'uploaded' WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
}

export async function fileOf(db: Sql, orgId: string, id: string) {
  const { rows } = await db.query<{
    file_hex: string;
    file_format: 'csv' | 'xlsx';
    file_name: string;
    mapping: Record<string, TTxColumn>;
  }>(
    `SELECT encode(file_data, 'hex') AS file_hex, file_format, file_name, mapping
       FROM retention_imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  const r = rows[0];
  if (!r) return null;
  const { file_hex, ...rest } = r;
  return { ...rest, file_data: Buffer.from(file_hex, 'hex') as Uint8Array };
}

/** "UPDATE retention_imports SET <sql> WHERE org_id = $1 AND id = $2" (extra params from $3). */
export async function setImport(
  db: Sql,
  orgId: string,
  id: string,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  await db.query(`UPDATE retention_imports SET ${sql} WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
    ...params,
  ]);
}

export async function clearRejections(db: Sql, orgId: string, id: string): Promise<void> {
  await db.query('DELETE FROM retention_import_rejections WHERE org_id = $1 AND import_id = $2', [
    orgId,
    id,
  ]);
}

/** External id → customer id of the org's customers that may receive purchases. */
export async function customerIdsByExternalId(
  db: Sql,
  orgId: string,
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; external_id: string }>(
    `SELECT id, external_id FROM pub_customers
      WHERE org_id = $1 AND external_id IS NOT NULL AND status <> 'erased'`,
    [orgId],
  );
  return new Map(rows.map((c) => [c.external_id, c.id]));
}

export interface TTxWrite {
  externalId: string;
  customerId: string;
  /** YYYY-MM-DD */
  date: string;
  /** two decimals, as text */
  amount: string;
  currency: string;
  type: 'purchase' | 'refund';
  units: number | null;
}

/** One statement per batch; `xmax = 0` tells an insert from an update; unchanged rows are
 *  filtered by the WHERE of DO UPDATE and not returned. */
export async function upsertBatch(
  db: Sql,
  orgId: string,
  importId: string,
  rows: TTxWrite[],
): Promise<{ inserted: number; updated: number }> {
  const r = await db.query<{ inserted: boolean }>(
    `INSERT INTO retention_transactions
       (org_id, external_id, customer_id, occurred_on, amount, currency, type, units, import_id)
     SELECT $1, e, c, d::date, a, cur, ty, u, $2
       FROM unnest($3::text[], $4::uuid[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::int[])
         AS t(e, c, d, a, cur, ty, u)
     ON CONFLICT (org_id, external_id) DO UPDATE SET
       customer_id = EXCLUDED.customer_id, occurred_on = EXCLUDED.occurred_on,
       amount = EXCLUDED.amount, currency = EXCLUDED.currency, type = EXCLUDED.type,
       units = EXCLUDED.units, import_id = EXCLUDED.import_id, updated_at = now()
     WHERE (retention_transactions.customer_id, retention_transactions.occurred_on,
            retention_transactions.amount, retention_transactions.currency,
            retention_transactions.type, retention_transactions.units)
       IS DISTINCT FROM (EXCLUDED.customer_id, EXCLUDED.occurred_on, EXCLUDED.amount,
            EXCLUDED.currency, EXCLUDED.type, EXCLUDED.units)
     RETURNING (xmax = 0) AS inserted`,
    [
      orgId,
      importId,
      rows.map((x) => x.externalId),
      rows.map((x) => x.customerId),
      rows.map((x) => x.date),
      rows.map((x) => x.amount),
      rows.map((x) => x.currency),
      rows.map((x) => x.type),
      rows.map((x) => x.units),
    ],
  );
  const inserted = r.rows.filter((x) => x.inserted).length;
  return { inserted, updated: r.rows.length - inserted };
}

export async function insertRejections(
  db: Sql,
  orgId: string,
  importId: string,
  rows: TRejection[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO retention_import_rejections (org_id, import_id, row_no, column_name, value, reason)
     SELECT $1, $2, r, c, v, re FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS t(r, c, v, re)`,
    [
      orgId,
      importId,
      rows.map((x) => x.row),
      rows.map((x) => x.column),
      rows.map((x) => x.value.slice(0, 200)),
      rows.map((x) => x.reason),
    ],
  );
}
