// Response import SQL: the import rows, their rejections, and the look-up of responses already
// stored under the ids a batch would use.
import type { TImportRejection } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';

export interface TImportRow {
  id: string;
  survey_id: string;
  file_name: string;
  file_format: 'csv' | 'xlsx';
  status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed';
  dry_run: boolean;
  total: number;
  processed: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
  headers: string[];
  error: string | null;
}

const COLS = `id, survey_id, file_name, file_format, status, dry_run, total, processed, inserted,
  unchanged, rejected, warnings, headers, error`;

export async function insertImport(
  db: Sql,
  orgId: string,
  v: {
    surveyId: string;
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
    `INSERT INTO survey_response_imports (org_id, survey_id, file_name, file_format, file_data,
        encoding, headers, warnings, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) RETURNING id`,
    [
      orgId,
      v.surveyId,
      v.fileName,
      v.format,
      Buffer.from(v.bytes),
      v.encoding,
      JSON.stringify(v.headers),
      JSON.stringify(v.warnings),
      v.createdBy,
    ],
  );
  return (rows[0] as { id: string }).id;
}

export async function getImport(db: Sql, orgId: string, id: string): Promise<TImportRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const { rows } = await db.query<TImportRow>(
    `SELECT ${COLS} FROM survey_response_imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

export async function fileOf(
  db: Sql,
  orgId: string,
  id: string,
): Promise<(TImportRow & { file_data: Uint8Array }) | null> {
  const { rows } = await db.query<TImportRow & { file_data: Uint8Array }>(
    `SELECT ${COLS}, file_data FROM survey_response_imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

/**
 * Queues a run. A real import runs once (uploaded, or after dry runs); a failed real run may be
 * started again (it is idempotent). Null when the import is in no state to start.
 */
export async function markQueued(
  db: Sql,
  orgId: string,
  id: string,
  dryRun: boolean,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE survey_response_imports SET status = 'queued', dry_run = $3, processed = 0,
            inserted = 0, unchanged = 0, rejected = 0, error = NULL, finished_at = NULL
      WHERE org_id = $1 AND id = $2
        AND (status = 'uploaded' OR (status IN ('done', 'failed') AND dry_run)
             OR (status = 'failed' AND NOT dry_run))
      RETURNING id`,
    [orgId, id, dryRun],
  );
  return rows.length === 1;
}

export async function setProgress(
  db: Sql,
  orgId: string,
  id: string,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  await db.query(`UPDATE survey_response_imports SET ${sql} WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
    ...params,
  ]);
}

export async function clearRejections(db: Sql, orgId: string, importId: string): Promise<void> {
  await db.query(
    'DELETE FROM survey_response_import_rejections WHERE org_id = $1 AND import_id = $2',
    [orgId, importId],
  );
}

export async function insertRejections(
  db: Sql,
  orgId: string,
  importId: string,
  rs: TImportRejection[],
): Promise<void> {
  if (rs.length === 0) return;
  await db.query(
    `INSERT INTO survey_response_import_rejections (org_id, import_id, row_no, column_name, value, reason)
     SELECT $1, $2, r, c, v, x FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS u(r, c, v, x)`,
    [
      orgId,
      importId,
      rs.map((r) => r.row),
      rs.map((r) => r.column),
      rs.map((r) => r.value.slice(0, 500)),
      rs.map((r) => r.reason),
    ],
  );
}

/** Responses already stored under these ids: their body hash and the import that wrote them. */
export async function storedResponses(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<Map<string, { bodyHash: string; surveyId: string; importId: string | null }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{
    id: string;
    body_hash: string;
    survey_id: string;
    import_id: string | null;
  }>(
    `SELECT id, body_hash, survey_id, raw->>'importId' AS import_id FROM survey_responses
      WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { bodyHash: r.body_hash, surveyId: r.survey_id, importId: r.import_id },
    ]),
  );
}

export async function rejectionsPage(
  db: Sql,
  orgId: string,
  importId: string,
  limit: number,
): Promise<{ items: TImportRejection[]; total: number }> {
  const { rows } = await db.query<TImportRejection & { total: number }>(
    `SELECT row_no AS "row", column_name AS "column", value, reason,
            (count(*) OVER ())::int AS total
       FROM survey_response_import_rejections
      WHERE org_id = $1 AND import_id = $2 ORDER BY row_no, column_name LIMIT $3`,
    [orgId, importId, limit],
  );
  // count(*) OVER () is computed before LIMIT: the number of all rejections of the import.
  const total = rows[0]?.total ?? 0;
  return { items: rows.map(({ total: _t, ...r }) => r), total };
}

/** All rejections in windows of row numbers, so one row's several reasons never split. */
export async function* rejectionRows(
  db: Sql,
  orgId: string,
  importId: string,
): AsyncGenerator<TImportRejection> {
  const { rows: m } = await db.query<{ max: number | null }>(
    'SELECT max(row_no) AS max FROM survey_response_import_rejections WHERE org_id = $1 AND import_id = $2',
    [orgId, importId],
  );
  const max = m[0]?.max ?? 0;
  for (let from = 0; from < max; from += 5000) {
    const { rows } = await db.query<TImportRejection>(
      `SELECT row_no AS "row", column_name AS "column", value, reason
         FROM survey_response_import_rejections
        WHERE org_id = $1 AND import_id = $2 AND row_no > $3 AND row_no <= $3 + 5000
        ORDER BY row_no, column_name`,
      [orgId, importId, from],
    );
    yield* rows;
  }
}

type TCounts = { processed: number; inserted: number; unchanged: number; rejected: number };

/** The run starts: the estimated total, counters back to 0 (a retried job starts over). */
export const markRunning = (db: Sql, orgId: string, id: string, total: number) =>
  setProgress(
    db,
    orgId,
    id,
    `status = 'running', total = $3, processed = 0, inserted = 0, unchanged = 0, rejected = 0`,
    [total],
  );

export const recordProgress = (db: Sql, orgId: string, id: string, c: TCounts) =>
  setProgress(db, orgId, id, 'processed = $3, inserted = $4, unchanged = $5, rejected = $6', [
    c.processed,
    c.inserted,
    c.unchanged,
    c.rejected,
  ]);

/** Done: final counts; the uploaded file is dropped unless this was a dry run. */
export const markDone = (db: Sql, orgId: string, id: string, c: TCounts) =>
  setProgress(
    db,
    orgId,
    id,
    `status = 'done', total = $3, processed = $3, inserted = $4, unchanged = $5, rejected = $6, finished_at = now(),
       file_data = CASE WHEN dry_run THEN file_data ELSE ''::bytea END`,
    [c.processed, c.inserted, c.unchanged, c.rejected],
  );
