// The downloadable rejection report: `row,column,value,reason`, one line per rejected cell.

import type { TImportRejection } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';
import type { AuthContext } from '../../../lib/access';
import { status } from './service';

/** The first `limit` rejections (by row) and how many there are, for the wizard's screen. */
export async function rejectionsPage(
  db: Sql,
  auth: AuthContext,
  id: string,
  limit: number,
): Promise<{ items: TImportRejection[]; total: number }> {
  await status(db, auth, id);
  const { rows } = await db.query<TImportRejection & { total: number }>(
    `SELECT row_no AS "row", column_name AS "column", value, reason,
            (count(*) OVER ())::int AS total
       FROM customer_import_rejections
      WHERE org_id = $1 AND import_id = $2 ORDER BY row_no, column_name LIMIT $3`,
    [auth.orgId, id, limit],
  );
  // count(*) OVER () is computed before LIMIT: the number of all rejections of the import.
  const total = rows[0]?.total ?? 0;
  return { items: rows.map(({ total: _t, ...r }) => r), total };
}

/** The rejection report as CSV rows (header first). */
export async function* rejectionsCsv(
  db: Sql,
  auth: AuthContext,
  id: string,
): AsyncGenerator<string[]> {
  await status(db, auth, id);
  yield ['row', 'column', 'value', 'reason'];
  const { rows: m } = await db.query<{ max: number | null }>(
    'SELECT max(row_no) AS max FROM customer_import_rejections WHERE org_id = $1 AND import_id = $2',
    [auth.orgId, id],
  );
  const max = m[0]?.max ?? 0;
  // Windows of row numbers (not LIMIT) so the several rejections of one row never split.
  for (let from = 0; from < max; from += 5000) {
    const { rows } = await db.query<{
      row_no: number;
      column_name: string;
      value: string;
      reason: string;
    }>(
      `SELECT row_no, column_name, value, reason FROM customer_import_rejections
        WHERE org_id = $1 AND import_id = $2 AND row_no > $3 AND row_no <= $3 + 5000 ORDER BY row_no`,
      [auth.orgId, id, from],
    );
    for (const r of rows) yield [String(r.row_no), r.column_name, r.value, r.reason];
  }
}
