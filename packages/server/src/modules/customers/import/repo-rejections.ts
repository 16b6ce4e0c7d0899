// SQL of the import's rejection report (report.ts): the wizard's first page and the CSV windows.
import type { TImportRejection } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';

/** The first `limit` rejections (by row, column) and how many the import has in all. */
export async function rejectionRows(
  db: Sql,
  orgId: string,
  importId: string,
  limit: number,
): Promise<{ items: TImportRejection[]; total: number }> {
  const { rows } = await db.query<TImportRejection & { total: number }>(
    `SELECT row_no AS "row", column_name AS "column", value, reason,
            (count(*) OVER ())::int AS total
       FROM customer_import_rejections
      WHERE org_id = $1 AND import_id = $2 ORDER BY row_no, column_name LIMIT $3`,
    [orgId, importId, limit],
  );
  // count(*) OVER () is computed before LIMIT: the number of all rejections of the import.
  const total = rows[0]?.total ?? 0;
  return { items: rows.map(({ total: _t, ...r }) => r), total };
}

/** The highest rejected row number (0 when none). */
export async function maxRejectedRow(db: Sql, orgId: string, importId: string): Promise<number> {
  const { rows } = await db.query<{ max: number | null }>(
    'SELECT max(row_no) AS max FROM customer_import_rejections WHERE org_id = $1 AND import_id = $2',
    [orgId, importId],
  );
  return rows[0]?.max ?? 0;
}

/** The rejections of rows (from, from + size], in row order. */
export async function rejectionWindow(
  db: Sql,
  orgId: string,
  importId: string,
  from: number,
  size: number,
): Promise<{ row_no: number; column_name: string; value: string; reason: string }[]> {
  const { rows } = await db.query<{
    row_no: number;
    column_name: string;
    value: string;
    reason: string;
  }>(
    `SELECT row_no, column_name, value, reason FROM customer_import_rejections
      WHERE org_id = $1 AND import_id = $2 AND row_no > $3 AND row_no <= $3 + $4 ORDER BY row_no`,
    [orgId, importId, from, size],
  );
  return rows;
}
