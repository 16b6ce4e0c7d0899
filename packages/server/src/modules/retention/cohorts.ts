// Retention cohorts: share of each first-purchase-month cohort buying again in month k.
import type { TCohortRow } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import * as repo from './repo';
import { scopeOf } from './visible';

/** Share of each first-purchase-month cohort buying again in month k (k = 0 is the first
 *  month: 100 %). Months after the last month with data are not observable (null). */
export async function cohorts(
  db: Sql,
  auth: AuthContext,
  months: number,
): Promise<{ items: TCohortRow[]; lastMonth: string | null; partialMonth: string | null }> {
  const scope = await scopeOf(db, auth);
  const rows = await repo.cohortCounts(db, auth.orgId, scope);
  if (!rows.length) return { items: [], lastMonth: null, partialMonth: null };
  const last = rows[0]?.last as string;
  // The last month with data is still running when its last purchase is before the month's last
  // day (an import from mid-month, the current month): its shares are not comparable yet, so
  // they are left out (null) instead of being drawn as a fall to ~0 %. Month 0 stays (100 %).
  const partial = await repo.lastMonthPartial(db, auth.orgId, scope);
  const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
  const byCohort = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let m = byCohort.get(r.cohort);
    if (!m) {
      m = new Map();
      byCohort.set(r.cohort, m);
    }
    m.set(r.k, r.n);
  }
  const all = [...byCohort.keys()].sort().slice(-months);
  const items = all.map((cohort) => {
    const m = byCohort.get(cohort) as Map<number, number>;
    const size = m.get(0) ?? 0;
    const observable = monthIndex(last) - monthIndex(cohort);
    const retention: Array<number | null> = [];
    for (let k = 0; k < months; k++) {
      const unfinished = partial && k === observable && k > 0;
      retention.push(k > observable || unfinished ? null : size ? (m.get(k) ?? 0) / size : 0);
    }
    return { cohort, size, retention };
  });
  return { items, lastMonth: last, partialMonth: partial ? last : null };
}
