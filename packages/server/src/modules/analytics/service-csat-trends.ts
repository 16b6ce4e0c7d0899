// Analytics CSAT and trends (issue 11): CSAT from the aggregates or the raw answers, and NPS /
// CSAT per period with control limits; split from service.ts.
import type { TCsatQuery, TTrendQuery, TTrendReport } from '@fidelia/contracts';
import {
  meanTrendFromSummary,
  npsFromCounts,
  proportionTrend,
  wilsonInterval,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { customerClasses } from '../customers/service';
import { csatCountsOf, csatReport, csatReportFromCounts, type TCsatCounts } from './reports';
import { monthOf, unitNames } from './service-contract';
import { dailyRows, type TDims } from './service-daily';
import {
  DAY_MS,
  rawData,
  resolveFilter,
  surveyOf,
  type TScope,
  tiersOf,
  useClassesOf,
} from './service-filters';

/** GET /api/analytics/surveys/:id/csat: as `fidelia analyze csat --scale 5 --top 2`. */
/**
 * CSAT from the aggregates (whole days, no respondent filter, grouping by channel / unit /
 * month or none): the score counts are solved from each row's sums (reports.csatCountsOf);
 * null, so the raw answers are read, when the filter or grouping needs them or some score
 * is not an integer 1..5.
 */
export async function csatFromAggregates(db: Sql, auth: AuthContext, s: TScope, q: TCsatQuery) {
  if (!s.daily) return null;
  if (q.groupBy && q.groupBy !== 'channel' && q.groupBy !== 'unit' && q.groupBy !== 'month')
    return null;
  const dims: TDims =
    q.groupBy === 'channel'
      ? { channel: true }
      : q.groupBy === 'unit'
        ? { unit: true }
        : q.groupBy === 'month'
          ? { day: 'month' }
          : {};
  const names = q.groupBy === 'unit' ? await unitNames(db, auth.orgId) : new Map();
  const empty = (): TCsatCounts => ({ dist: [0, 0, 0, 0, 0], sum: 0 });
  const all = empty();
  const groups = q.groupBy ? new Map<string, TCsatCounts>() : undefined;
  for (const x of await dailyRows(db, s, ['csat'], false, dims)) {
    const d = csatCountsOf(x);
    if (!d) return null;
    const g =
      q.groupBy === 'channel'
        ? x.channel
        : q.groupBy === 'unit'
          ? x.unitId
            ? (names.get(x.unitId) ?? '')
            : ''
          : monthOf(x.day);
    const targets = [all];
    if (groups) {
      const c = groups.get(g) ?? empty();
      groups.set(g, c);
      targets.push(c);
    }
    for (const t of targets) {
      d.forEach((v, i) => {
        t.dist[i] = (t.dist[i] ?? 0) + v;
      });
      t.sum += x.sum;
    }
  }
  return csatReportFromCounts(all, groups);
}

export async function csatReportFor(db: Sql, auth: AuthContext, surveyId: string, q: TCsatQuery) {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const fromAggregates = await csatFromAggregates(db, auth, s, q);
  if (fromAggregates) return fromAggregates;
  const data = await rawData(db, s, { tags: ['csat'] });
  const meta = new Map(data.responses.map((r) => [r.id, r]));
  const names = q.groupBy === 'unit' ? await unitNames(db, auth.orgId) : new Map();
  const classes =
    q.groupBy === 'segment'
      ? await customerClasses(
          db,
          auth.orgId,
          data.responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
        )
      : q.groupBy === 'classification'
        ? await useClassesOf(db, auth.orgId, data.responses)
        : q.groupBy === 'tier'
          ? await tiersOf(db, auth.orgId, data.responses)
          : new Map<string, string | null>();
  const all: number[] = [];
  const groups = q.groupBy ? new Map<string, number[]>() : undefined;
  for (const a of data.answers) {
    const r = meta.get(a.responseId);
    if (!r || a.num === null) continue;
    all.push(a.num);
    if (!groups) continue;
    const g =
      q.groupBy === 'channel'
        ? r.channel
        : q.groupBy === 'unit'
          ? r.unitId
            ? (names.get(r.unitId) ?? '')
            : ''
          : q.groupBy === 'month'
            ? monthOf(r.at)
            : q.groupBy === 'language'
              ? r.language
              : ((r.customerId ? classes.get(r.customerId) : null) ?? '');
    const l = groups.get(g) ?? [];
    l.push(a.num);
    groups.set(g, l);
  }
  return csatReport(all, 5, 2, groups);
}

/** Period key of a UTC day: YYYY-MM, YYYY-Qn, or the ISO week's Monday. */
export function periodOf(day: string, period: 'week' | 'month' | 'quarter'): string {
  if (period === 'month') return day.slice(0, 7);
  if (period === 'quarter')
    return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(t - dow * DAY_MS).toISOString().slice(0, 10);
}

function nextPeriod(p: string, period: 'week' | 'month' | 'quarter'): string {
  if (period === 'week')
    return new Date(Date.parse(`${p}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
  const y = Number(p.slice(0, 4));
  if (period === 'quarter') {
    const qn = Number(p.slice(6));
    return qn === 4 ? `${y + 1}-Q1` : `${y}-Q${qn + 1}`;
  }
  const m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** NPS as the mean of +100 / 0 / −100 per respondent: same value, its sample sd. */
function npsSummary(p: number, pa: number, d: number) {
  const n = p + pa + d;
  const mean = n > 0 ? (100 * (p - d)) / n : null;
  const sd =
    n > 1 && mean !== null
      ? Math.sqrt(Math.max(0, (10_000 * (p + d) - n * mean * mean) / (n - 1)))
      : null;
  return { n, mean, sd };
}

/** GET /api/analytics/surveys/:id/trends: NPS or CSAT per period with control limits. */
export async function trendReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TTrendQuery,
): Promise<TTrendReport> {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const rows = await dailyRows(db, s, [q.metric], false, { day: q.period });
  const by = new Map<string, { hi: number; mid: number; lo: number }>();
  for (const x of rows) {
    const k = periodOf(x.day, q.period);
    const c = by.get(k) ?? { hi: 0, mid: 0, lo: 0 };
    c.hi += x.hi;
    c.mid += x.mid;
    c.lo += x.lo;
    by.set(k, c);
  }
  const keys = [...by.keys()].sort();
  // Every period between the first and the last, empty ones included (a gap is information).
  const all: string[] = [];
  if (keys.length > 0) {
    const last = keys[keys.length - 1] as string;
    for (let k = keys[0] as string; k <= last; k = nextPeriod(k, q.period)) all.push(k);
  }
  const empty = { hi: 0, mid: 0, lo: 0 };
  if (q.metric === 'nps') {
    const t = meanTrendFromSummary(
      all.map((period) => {
        const c = by.get(period) ?? empty;
        return { period, ...npsSummary(c.hi, c.mid, c.lo) };
      }),
    );
    return {
      metric: 'nps',
      period: q.period,
      centre: t.centre,
      periods: t.periods.map((x) => {
        const c = by.get(x.period) ?? empty;
        return {
          period: x.period,
          n: x.n,
          value: x.mean,
          ci95: npsFromCounts(c.hi, c.mid, c.lo).ci95,
          lcl: x.lcl,
          ucl: x.ucl,
          outOfControl: x.outOfControl,
          change: x.change
            ? { difference: x.change.difference, p: x.change.p, significant: x.change.p < 0.05 }
            : null,
        };
      }),
    };
  }
  const t = proportionTrend(
    all.map((period) => {
      const c = by.get(period) ?? empty;
      return { period, n: c.hi + c.mid + c.lo, successes: c.hi };
    }),
  );
  return {
    metric: 'csat',
    period: q.period,
    centre: t.centre,
    periods: t.periods.map((x) => ({
      period: x.period,
      n: x.n,
      value: x.proportion,
      ci95: x.n > 0 ? wilsonInterval(x.successes, x.n) : null,
      lcl: x.lcl,
      ucl: x.ucl,
      outOfControl: x.outOfControl,
      change: x.change
        ? { difference: x.change.difference, p: x.change.p, significant: x.change.p < 0.05 }
        : null,
    })),
  };
}
