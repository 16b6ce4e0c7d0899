// Analytics overview (issue 11): the landing page's tiles, this period against the previous
// one, with other modules' complaints, at-risk customers and overdue actions; split from service.ts.
import {
  type THeadline,
  type TOverviewQuery,
  type TOverviewReport,
  ZComplaintFilterSchema,
} from '@fidelia/contracts';
import {
  meanTrendFromSummary,
  npsDifference,
  npsFromCounts,
  proportionTrend,
  tIntervalFromSummary,
  wilsonInterval,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import * as complaints from '../complaints/service';
import { overdueActions } from '../fieldwork/service';
import * as retention from '../retention/service';
import { dailyRows, type TDailyRow } from './service-daily';
import { DAY_MS, periodScope, resolveFilter, surveyOf, type TScope } from './service-filters';
import { servqualState } from './service-servqual';

const dayStr = (t: number) => new Date(t).toISOString().slice(0, 10);

function change(p: number | null | undefined, difference: number | null | undefined) {
  if (p === null || p === undefined || difference === null || difference === undefined) return null;
  return { difference, p, significant: p < 0.05 };
}

/** GET /api/analytics/overview: the landing page's tiles (default: the last 30 days). */
export async function overview(
  db: Sql,
  auth: AuthContext,
  q: TOverviewQuery,
  now = new Date(),
): Promise<TOverviewReport> {
  if (q.surveyId) await surveyOf(db, auth, q.surveyId);
  const toDay = q.to ? q.to.slice(0, 10) : dayStr(now.getTime());
  const fromDay = q.from
    ? q.from.slice(0, 10)
    : dayStr(Date.parse(`${toDay}T00:00:00Z`) - 29 * DAY_MS);
  // The current period first: it validates the dates the previous one is computed from.
  const cur = await resolveFilter(db, auth, q.surveyId ?? null, { ...q, from: fromDay, to: toDay });
  const len = Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`) + DAY_MS;
  const prevTo = dayStr(Date.parse(`${fromDay}T00:00:00Z`) - DAY_MS);
  const prevFrom = dayStr(Date.parse(`${fromDay}T00:00:00Z`) - len);
  const prev = periodScope(cur, prevFrom, prevTo);
  // Every tile is an independent read: on PostgreSQL they run side by side on the pool.
  const [a, b, servqualGap, past, risk, overdueCorrectiveActions] = await Promise.all([
    dailyRows(db, cur, ['', 'nps', 'csat'], false, { channel: true }),
    dailyRows(db, prev, ['', 'nps', 'csat'], false, { channel: true }),
    gapHeadline(db, cur, prev),
    // The complaints module's own list filter (defaults from its schema): open cases past due.
    complaints.listCases(db, auth, {
      ...ZComplaintFilterSchema.parse({ due: 'overdue', open: 'true', unitId: q.unitId }),
      limit: 1,
      offset: 0,
    }),
    retention.atRisk(db, auth, { limit: 500 }),
    overdueTile(db, auth),
  ]);
  const tot = (rows: TDailyRow[], tag: string) => {
    const c = { n: 0, hi: 0, mid: 0, lo: 0 };
    for (const x of rows)
      if (x.tag === tag) {
        c.n += x.n;
        c.hi += x.hi;
        c.mid += x.mid;
        c.lo += x.lo;
      }
    return c;
  };
  const na = tot(a, 'nps');
  const nb = tot(b, 'nps');
  const npsA = npsFromCounts(na.hi, na.mid, na.lo);
  const npsB = npsFromCounts(nb.hi, nb.mid, nb.lo);
  const dn = npsDifference(npsA, npsB);
  const nps: THeadline = {
    n: npsA.n,
    value: npsA.nps,
    ci95: npsA.ci95,
    previous: { n: npsB.n, value: npsB.nps },
    change: change(dn?.p, dn?.difference),
  };
  const ca = tot(a, 'csat');
  const cb = tot(b, 'csat');
  const ct = proportionTrend([
    { period: 'previous', n: cb.n, successes: cb.hi },
    { period: 'current', n: ca.n, successes: ca.hi },
  ]).periods[1];
  const csat: THeadline = {
    n: ca.n,
    value: ca.n > 0 ? ca.hi / ca.n : null,
    ci95: ca.n > 0 ? wilsonInterval(ca.hi, ca.n) : null,
    previous: { n: cb.n, value: cb.n > 0 ? cb.hi / cb.n : null },
    change: change(ct?.change?.p, ct?.change?.difference),
  };
  const channels = new Map<string, number>();
  for (const x of a)
    if (x.tag === '') channels.set(x.channel, (channels.get(x.channel) ?? 0) + x.n);
  const best = risk.items.filter((c) => c.tier === 'gold');
  return {
    period: { from: fromDay, to: toDay },
    previousPeriod: { from: prevFrom, to: prevTo },
    responses: tot(a, '').n,
    nps,
    csat,
    servqualGap,
    responsesByChannel: [...channels]
      .map(([channel, n]) => ({
        channel: channel as TOverviewReport['responsesByChannel'][0]['channel'],
        n,
      }))
      .sort((x, y) => y.n - x.n || x.channel.localeCompare(y.channel)),
    complaintsPastDue: past.total,
    atRiskBestCustomers: {
      count: best.length,
      top: best.slice(0, 5).map((c) => ({ customerId: c.customerId, name: c.name })),
    },
    overdueCorrectiveActions,
  };
}

/** Fieldwork's overdue corrective actions in the caller's units (home tile). */
async function overdueTile(db: Sql, auth: AuthContext) {
  const o = await overdueActions(db, auth);
  return {
    count: o.count,
    top: o.top.map((a) => ({
      id: a.id,
      visitId: a.visitId,
      title: a.title,
      unit: a.unitName,
      dueDate: a.dueDate,
    })),
  };
}

async function gapHeadline(db: Sql, cur: TScope, prev: TScope): Promise<THeadline> {
  const one = async (s: TScope) => {
    const st = await servqualState(db, s, false, false);
    const acc = st.acc.get(null);
    if (!st.any || !acc) return { gap: null, g: { n: 0, mean: null, sd: null } };
    return { gap: acc.overall().gap, g: acc.respondentGap() };
  };
  const [a, b] = await Promise.all([one(cur), one(prev)]);
  const t = meanTrendFromSummary([
    { period: 'previous', n: b.g.n, mean: b.g.mean, sd: b.g.sd },
    { period: 'current', n: a.g.n, mean: a.g.mean, sd: a.g.sd },
  ]).periods[1];
  return {
    n: a.g.n,
    value: a.gap,
    ci95: a.gap !== null && a.g.sd !== null ? tIntervalFromSummary(a.g.n, a.gap, a.g.sd) : null,
    previous: { n: b.g.n, value: b.gap },
    change: a.gap !== null && b.gap !== null ? change(t?.change?.p, a.gap - b.gap) : null,
  };
}
