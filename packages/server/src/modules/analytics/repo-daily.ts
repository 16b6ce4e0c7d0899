// SQL of the analytics aggregate tables (analytics_daily, migration 500; analytics_monthly, 503):
// their rebuild, the summed rows the reports read, and the size line of the CLI. Every function
// takes the org id first and filters by it (null in the two rebuild functions: all orgs).
import type { TKanoCounts } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import { params } from '../../db/params';

const NIL = '00000000-0000-0000-0000-000000000000';

export interface TDailyRow {
  day: string;
  unitId: string | null;
  channel: string;
  tag: string;
  n: number;
  sum: number;
  sumsq: number;
  hi: number;
  mid: number;
  lo: number;
  kano: TKanoCounts;
}

/** Aggregate rows for `tags` (and every kano:<attr> row when `kano`). */
export interface TDims {
  /** keep the day (or its week/month/quarter's first day) */
  day?: 'day' | 'week' | 'month' | 'quarter';
  unit?: boolean;
  channel?: boolean;
}

/** The filters the aggregate tables can apply (a `TScope` of service-filters satisfies it). */
export interface TDayScope {
  surveyId: string | null;
  dayFrom: string | null;
  dayTo: string | null;
  unitIds: string[] | null;
  channel: string | null;
}

/**
 * Aggregate rows for `tags` (and every kano:<attr> row when `kano`), summed in SQL over the
 * dimensions not asked for in `dims` (day '' / unit null / channel ''). `months` (the whole
 * calendar months of the range, [from, to) as first days, or null) come from the monthly rollup,
 * the partial months at its edges from the day grain; null: day grain only.
 */
export async function aggregateRows(
  db: Sql,
  orgId: string,
  s: TDayScope,
  tags: readonly string[],
  kano: boolean,
  dims: TDims,
  months: { from: string | null; to: string | null } | null,
): Promise<TDailyRow[]> {
  const dayExpr = !dims.day
    ? `''`
    : dims.day === 'day'
      ? `to_char(day, 'YYYY-MM-DD')`
      : `to_char(date_trunc('${dims.day}', day), 'YYYY-MM-DD')`;
  const cols = `unit_id, channel, tag, n, sum, sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq`;
  const where = `org_id = $1 AND ($2::uuid IS NULL OR survey_id = $2)
        AND (tag = ANY($3::text[]) OR ($4 AND tag LIKE 'kano:%'))
        AND ($5::uuid[] IS NULL OR unit_id = ANY($5::uuid[]))
        AND ($6::text IS NULL OR channel = $6)`;
  const ph = params(orgId, s.surveyId, tags, kano, s.unitIds, s.channel);
  const p = (v: unknown) => ph.add(v, 'date');
  const parts: string[] = [];
  if (!months) {
    parts.push(
      `SELECT day, ${cols} FROM analytics_daily WHERE ${where}
          AND (${p(s.dayFrom)} IS NULL OR day >= ${p(s.dayFrom)})
          AND (${p(s.dayTo)} IS NULL OR day <= ${p(s.dayTo)})`,
    );
  } else {
    parts.push(
      `SELECT month AS day, ${cols} FROM analytics_monthly WHERE ${where}
          AND (${p(months.from)} IS NULL OR month >= ${p(months.from)})
          AND (${p(months.to)} IS NULL OR month < ${p(months.to)})`,
    );
    if (months.from && s.dayFrom && s.dayFrom < months.from)
      parts.push(
        `SELECT day, ${cols} FROM analytics_daily WHERE ${where}
            AND day >= ${p(s.dayFrom)} AND day < ${p(months.from)}`,
      );
    if (months.to && s.dayTo && s.dayTo >= months.to)
      parts.push(
        `SELECT day, ${cols} FROM analytics_daily WHERE ${where}
            AND day >= ${p(months.to)} AND day <= ${p(s.dayTo)}`,
      );
  }
  const r = await db.query<{
    day: string;
    unit_id: string;
    channel: string;
    tag: string;
    n: string;
    sum: number;
    sumsq: number;
    hi: string;
    mid: string;
    lo: string;
    ka: string;
    ko: string;
    km: string;
    ki: string;
    kr: string;
    kq: string;
  }>(
    `SELECT ${dayExpr} AS day, ${dims.unit ? 'unit_id' : `'${NIL}'::uuid`} AS unit_id,
            ${dims.channel ? 'channel' : `''`} AS channel, tag, sum(n) AS n, sum(sum) AS sum,
            sum(sumsq) AS sumsq, sum(hi) AS hi, sum(mid) AS mid, sum(lo) AS lo, sum(ka) AS ka,
            sum(ko) AS ko, sum(km) AS km, sum(ki) AS ki, sum(kr) AS kr, sum(kq) AS kq
       FROM (${parts.join('\n UNION ALL ')}) x
      GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    ph.values,
  );
  return r.rows.map((x) => ({
    day: x.day,
    unitId: x.unit_id === NIL ? null : x.unit_id,
    channel: x.channel,
    tag: x.tag,
    n: Number(x.n),
    sum: Number(x.sum),
    sumsq: Number(x.sumsq),
    hi: Number(x.hi),
    mid: Number(x.mid),
    lo: Number(x.lo),
    kano: {
      A: Number(x.ka),
      O: Number(x.ko),
      M: Number(x.km),
      I: Number(x.ki),
      R: Number(x.kr),
      Q: Number(x.kq),
    },
  }));
}

/** Recomputes the aggregate tables (all orgs when orgId is null) from the raw answers. */
export async function rebuildAggregates(db: Sql, orgId: string | null): Promise<void> {
  await db.query('SELECT fid_analytics_rebuild($1::uuid)', [orgId]);
}

/** Size of the aggregates after a rebuild (the CLI's report line): rows and complete responses. */
export async function aggregateSummary(
  db: Sql,
  orgId: string | null,
): Promise<{ rows: string; responses: string }> {
  const n = await db.query<{ rows: string; responses: string }>(
    `SELECT count(*) AS rows, coalesce(sum(n) FILTER (WHERE tag = ''), 0) AS responses
       FROM analytics_daily WHERE ($1::uuid IS NULL OR org_id = $1)`,
    [orgId],
  );
  return n.rows[0] ?? { rows: '0', responses: '0' };
}
