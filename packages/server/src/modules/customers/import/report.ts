// The downloadable rejection report: `row,column,value,reason`, one line per rejected cell.

import type { TImportRejection } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';
import type { AuthContext } from '../../../lib/access';
import * as repo from './repo-rejections';
import { status } from './service';

/** The first `limit` rejections (by row) and how many there are, for the wizard's screen. */
export async function rejectionsPage(
  db: Sql,
  auth: AuthContext,
  id: string,
  limit: number,
): Promise<{ items: TImportRejection[]; total: number }> {
  await status(db, auth, id);
  return repo.rejectionRows(db, auth.orgId, id, limit);
}

/** The rejection report as CSV rows (header first). */
export async function* rejectionsCsv(
  db: Sql,
  auth: AuthContext,
  id: string,
): AsyncGenerator<string[]> {
  await status(db, auth, id);
  yield ['row', 'column', 'value', 'reason'];
  const max = await repo.maxRejectedRow(db, auth.orgId, id);
  // Windows of row numbers (not LIMIT) so the several rejections of one row never split.
  for (let from = 0; from < max; from += 5000) {
    const rows = await repo.rejectionWindow(db, auth.orgId, id, from, 5000);
    for (const r of rows) yield [String(r.row_no), r.column_name, r.value, r.reason];
  }
}
