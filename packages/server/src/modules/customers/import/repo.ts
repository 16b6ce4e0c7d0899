// Customer-import job SQL (customer_imports, customer_import_rejections): the uploaded file and
// its mapping, the run's status and counts, and the rejection reset before a run. The batched
// customer writes of a run are in repo-write.ts.
import type { TImportMapping, TImportStatus } from '@fidelia/contracts';
import type { TSql } from '../sql';

export async function insertImport(
  db: TSql,
  orgId: string,
  v: {
    fileName: string;
    format: 'csv' | 'xlsx';
    bytes: Uint8Array;
    encoding: string;
    headers: string[];
    warnings: string[];
    createdBy: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO customer_imports (org_id, file_name, file_format, file_data, encoding, headers, warnings, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) RETURNING id`,
    [
      orgId,
      v.fileName,
      v.format,
      Buffer.from(v.bytes),
      v.encoding,
      JSON.stringify(v.headers),
      JSON.stringify(v.warnings),
      v.createdBy,
    ],
  );
  return rows[0]?.id ?? '';
}

export interface TImportRow {
  id: string;
  status: TImportStatus['status'];
  dry_run: boolean;
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
  error: string | null;
}

export async function getImportStatus(
  db: TSql,
  orgId: string,
  id: string,
): Promise<TImportRow | undefined> {
  const { rows } = await db.query<TImportRow>(
    `SELECT id, status, dry_run, total, processed, inserted, updated, unchanged, rejected, warnings, error
       FROM customer_imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

/**
 * Queues a run: an uploaded import, or a finished dry run, gets the mapping and zeroed counts.
 * Returns the file's headers, or undefined when the import is not runnable.
 */
export async function queueImport(
  db: TSql,
  orgId: string,
  id: string,
  mapping: TImportMapping,
  dryRun: boolean,
): Promise<{ headers: string[] } | undefined> {
  const { rows } = await db.query<{ headers: string[] }>(
    `UPDATE customer_imports SET status = 'queued', mapping = $3::jsonb, dry_run = $4,
            processed = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0, error = NULL
      WHERE org_id = $1 AND id = $2 AND status IN ('uploaded', 'done', 'failed') AND (status = 'uploaded' OR dry_run)
      RETURNING headers`,
    [orgId, id, JSON.stringify(mapping), dryRun],
  );
  return rows[0];
}

/** Back to 'uploaded' (a mapping refused after queueing). */
export async function unqueueImport(db: TSql, orgId: string, id: string): Promise<void> {
  await db.query(`UPDATE customer_imports SET status = 'uploaded' WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
}

export interface TImportJob {
  file_data: Uint8Array;
  file_format: 'csv' | 'xlsx';
  file_name: string;
  mapping: TImportMapping;
  dry_run: boolean;
}

export async function importJob(
  db: TSql,
  orgId: string,
  id: string,
): Promise<TImportJob | undefined> {
  const { rows } = await db.query<TImportJob>(
    'SELECT file_data, file_format, file_name, mapping, dry_run FROM customer_imports WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return rows[0];
}

/**
 * The shared row loop's setter (lib/import/run.ts TImportSet): "UPDATE customer_imports SET
 * <sql> WHERE org_id = $1 AND id = $2", the caller's parameters from $3.
 */
export function importSetter(db: TSql, orgId: string, id: string) {
  return (sql: string, params: unknown[] = []) =>
    db.query(`UPDATE customer_imports SET ${sql} WHERE org_id = $1 AND id = $2`, [
      orgId,
      id,
      ...params,
    ]);
}

type TSet = ReturnType<typeof importSetter>;
type TCounts = {
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
};

export const markRunning = (set: TSet, total: number) =>
  set(`status = 'running', total = $3`, [total]);

export const recordProgress = (set: TSet, c: TCounts) =>
  set('processed = $3, inserted = $4, updated = $5, unchanged = $6, rejected = $7', [
    c.processed,
    c.inserted,
    c.updated,
    c.unchanged,
    c.rejected,
  ]);

export const markDone = (set: TSet, c: TCounts) =>
  set(
    `status = 'done', total = $3, processed = $3, inserted = $4, updated = $5, unchanged = $6, rejected = $7, finished_at = now()`,
    [c.processed, c.inserted, c.updated, c.unchanged, c.rejected],
  );

export async function clearRejections(db: TSql, orgId: string, importId: string): Promise<void> {
  await db.query('DELETE FROM customer_import_rejections WHERE org_id = $1 AND import_id = $2', [
    orgId,
    importId,
  ]);
}

export async function orgUnitIds(db: TSql, orgId: string): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM pub_org_units WHERE org_id = $1',
    [orgId],
  );
  return new Set(rows.map((r) => r.id));
}
