// The whole organisation's counts and sums over a period from complaint_report_days (migration
// 391): its whole calendar months from the month grain, its edge days from the day grain, so a
// whole year is a dozen rows per figure instead of every case. The unscoped report
// (repo-reports.ts) and SLA compliance (sla/repo-notifications.ts) read them; unit scopes read
// the cases' report rows.
import type { Sql } from '../../db/client';

const DAY_MS = 86_400_000;
const msOf = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const firstOfMonth = (d: string) => d.endsWith('-01');
const nextMonth = (d: string) => {
  const x = new Date(msOf(d));
  return iso(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 1));
};

/**
 * The days [from, to] (inclusive, null = open) as [dFrom, dTo) and the whole months inside it as
 * [mFrom, mTo): day-grain rows are read on [dFrom, mFrom) and [mTo, dTo). Open ends are the
 * dates ±infinity. With no whole month inside, mFrom = mTo = dTo (the day part is all of it).
 */
export function periodParts(from: string | null, to: string | null) {
  const dFrom = from ?? '-infinity';
  const dTo = to === null ? 'infinity' : iso(msOf(to) + DAY_MS);
  const mFrom = from === null ? '-infinity' : firstOfMonth(from) ? from : nextMonth(from);
  const mTo = to === null ? 'infinity' : firstOfMonth(dTo) ? dTo : `${to.slice(0, 8)}01`;
  const none = from !== null && to !== null && mFrom >= mTo;
  return none ? { dFrom, dTo, mFrom: dTo, mTo: dTo } : { dFrom, dTo, mFrom, mTo };
}

/** One figure's sum over the period: n cases (or targets) and s (milliseconds or 0). */
export interface TDaySum {
  g: string;
  key: string;
  n: number;
  s: number;
}

/** The period's sums of these figures per key (rows of cancelled counts left out). */
export async function periodSums(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
  figures: string[],
): Promise<TDaySum[]> {
  const p = periodParts(from, to);
  const part = (grain: 'd' | 'm', a: string, b: string) => `
    SELECT g, key, n, s FROM complaint_report_days
     WHERE org_id = $1 AND grain = '${grain}' AND day >= ${a}::date AND day < ${b}::date
       AND g = ANY($6::text[])`;
  const r = await db.query<TDaySum>(
    `SELECT g, key, sum(n)::float8 AS n, sum(s)::float8 AS s FROM (
       ${part('m', '$4', '$5')}
       UNION ALL ${part('d', '$2', '$4')}
       UNION ALL ${part('d', '$5', '$3')}) x
      GROUP BY g, key
     HAVING sum(n) <> 0 OR sum(s) <> 0`,
    [orgId, p.dFrom, p.dTo, p.mFrom, p.mTo, figures],
  );
  return r.rows;
}

/** The period's cases per (UTC) day, days without cases left out. */
export async function periodDays(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
): Promise<{ day: string; n: number }[]> {
  const p = periodParts(from, to);
  const r = await db.query<{ day: string; n: number }>(
    `SELECT day::text AS day, n::int AS n FROM complaint_report_days
      WHERE org_id = $1 AND grain = 'd' AND g = 'total' AND day >= $2::date AND day < $3::date
        AND n <> 0
      ORDER BY day`,
    [orgId, p.dFrom, p.dTo],
  );
  return r.rows;
}
