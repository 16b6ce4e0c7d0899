// Analytics daily rows (migration 500/503): the aggregate tables summed over the asked
// dimensions, or the same rows built from the raw answers; split from service.ts.
import { emptyKanoCounts, kanoClassify } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import { aggregateRows, type TDailyRow, type TDims } from './repo-daily';
import { rawData, type TScope } from './service-filters';

export type { TDailyRow, TDims } from './repo-daily';

export const KANO_COLS = ['A', 'O', 'M', 'I', 'R', 'Q'] as const;

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
  // Whole calendar months of the range come from the monthly rollup (migration 503), the
  // partial months at its edges from the day grain. Weeks do not align with months: day grain.
  const months = dims.day === 'week' || dims.day === 'day' ? null : wholeMonths(s);
  return aggregateRows(db, s.orgId, s, tags, kano, dims, months);
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
