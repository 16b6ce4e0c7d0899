// The downloadable rejection report: `row,column,value,reason`, one line per rejected cell.
import type { Sql } from '../../../db/client';
import type { AuthContext } from '../../../lib/access';
import { status } from './service';

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
