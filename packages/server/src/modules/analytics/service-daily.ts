// Analytics daily rows (migration 500/503): the aggregate tables summed over the asked
// dimensions, or the same rows built from the raw answers; split from service.ts.
import { emptyKanoCounts, kanoClassify, type TKanoCounts } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import { rawData, type TScope } from './service-filters';

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

export const KANO_COLS = ['A', 'O', 'M', 'I', 'R', 'Q'] as const;

/** Aggregate rows for `tags` (and every kano:<attr> row when `kano`). */
export interface TDims {
  /** keep the day (or its week/month/quarter's first day) */
  day?: 'day' | 'week' | 'month' | 'quarter';
  unit?: boolean;
  channel?: boolean;
}

/**
 * The whole calendar months inside a day range: [from, to) as first days of months, null on
 * a side without bound; null when the range holds no whole month.
 */
export function wholeMonths(s: {
  dayFrom: string | null;
  dayTo: string | null;
}): { from: string | null; to: string | null } | null {
  const first = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const parts = (d: string) =>
    [Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))] as const;
  let from: string | null = null;
  if (s.dayFrom) {
    const [y, m, d] = parts(s.dayFrom);
    from = d === 1 ? s.dayFrom : first(y, m + 1);
  }
  let to: string | null = null;
  if (s.dayTo) {
    // the first day of the month after dayTo's, when dayTo is its month's last day
    const [y, m, d] = parts(s.dayTo);
    const next = new Date(Date.UTC(y, m, d + 1));
    to = next.getUTCDate() === 1 ? next.toISOString().slice(0, 10) : first(y, m);
  }
  if (from && to && from >= to) return null;
  return { from, to };
}

/**
 * Aggregate rows for `tags` (and every kano:<attr> row when `kano`), summed in SQL over the
 * dimensions not asked for in `dims` (day '' / unit null / channel ''), so a year over 200
 * units comes back as a handful of rows instead of one per unit and day.
 */
export async function dailyRows(
  db: Sql,
  s: TScope,
  tags: readonly string[],
  kano = false,
  dims: TDims = {},
): Promise<TDailyRow[]> {
  if (!s.daily) return dailyFromRaw(db, s, tags, kano);
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
  const params: unknown[] = [s.orgId, s.surveyId, tags, kano, s.unitIds, s.channel];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}::date`;
  };
  // Whole calendar months of the range come from the monthly rollup (migration 503), the
  // partial months at its edges from the day grain. Weeks do not align with months: day grain.
  const months = dims.day === 'week' || dims.day === 'day' ? null : wholeMonths(s);
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
    params,
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

/** The same rows as migration 500's fid_analytics_contrib, from the raw answers. */
async function dailyFromRaw(
  db: Sql,
  s: TScope,
  tags: readonly string[],
  kano: boolean,
): Promise<TDailyRow[]> {
  const data = await rawData(db, s, {
    tags: tags.filter((t) => t !== ''),
    prefixes: kano ? ['kano:'] : [],
  });
  const meta = new Map(data.responses.map((r) => [r.id, r]));
  const out = new Map<string, TDailyRow>();
  const row = (resp: { at: string; unitId: string | null; channel: string }, tag: string) => {
    const day = resp.at.slice(0, 10);
    const key = `${day}|${resp.unitId}|${resp.channel}|${tag}`;
    let x = out.get(key);
    if (!x) {
      x = {
        day,
        unitId: resp.unitId,
        channel: resp.channel,
        tag,
        n: 0,
        sum: 0,
        sumsq: 0,
        hi: 0,
        mid: 0,
        lo: 0,
        kano: emptyKanoCounts(),
      };
      out.set(key, x);
    }
    return x;
  };
  if (tags.includes('')) for (const r of data.responses) row(r, '').n++;
  const pairs = new Map<string, { f?: number; d?: number; resp: (typeof data.responses)[0] }>();
  for (const a of data.answers) {
    const resp = meta.get(a.responseId);
    if (!resp || a.tag === null || a.num === null) continue;
    const v = a.num;
    if (a.tag.startsWith('kano:')) {
      const [, attr, side] = a.tag.split(':');
      const key = `${a.responseId}|${attr}`;
      const p = pairs.get(key) ?? { resp };
      if (side === 'functional') p.f = v;
      else if (side === 'dysfunctional') p.d = v;
      pairs.set(key, p);
      continue;
    }
    const x = row(resp, a.tag);
    x.n++;
    x.sum += v;
    x.sumsq += v * v;
    if (a.tag === 'nps') {
      if (v >= 9) x.hi++;
      else if (v >= 7) x.mid++;
      else x.lo++;
    } else if (a.tag === 'csat') {
      if (v >= 4) x.hi++;
      else if (v >= 3) x.mid++;
      else x.lo++;
    }
  }
  for (const [key, p] of pairs) {
    if (p.f === undefined || p.d === undefined) continue;
    if (!Number.isInteger(p.f) || !Number.isInteger(p.d)) continue;
    if (p.f < 1 || p.f > 5 || p.d < 1 || p.d > 5) continue;
    const x = row(p.resp, `kano:${key.split('|')[1]}`);
    x.n++;
    x.kano[kanoClassify(p.f, p.d)]++;
  }
  return [...out.values()].filter((x) => x.n !== 0);
}
