// GET /api/analytics/complaints: the complaints report screen (issue 11) in one answer — the
// complaints module's period report (volume by category/unit/channel/form of dissatisfaction,
// Pareto of root causes, times, reopen rate, post-closure ratings, defection), its SLA
// compliance per target, and the volume trend per week or month (from the report's cases per
// day). Everything comes through complaints/service; the caller's unit scope applies to every
// part.
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_FORMS,
  type TComplaintsAnalytics,
  type TComplaintsAnalyticsQuery,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import * as complaints from '../complaints/service';
import { unitScope } from '../orgs/service';
import { periodOf } from './service';

const DAY_MS = 86_400_000;

function nextBucket(p: string, period: 'week' | 'month'): string {
  if (period === 'week')
    return new Date(Date.parse(`${p}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
  const y = Number(p.slice(0, 4));
  const m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Counts per bucket from cases per day, every bucket from the first to the last (the period's
 *  ends when given). */
export function fillTrend(
  days: readonly { day: string; count: number }[],
  period: 'week' | 'month',
  from?: string,
  to?: string,
): { period: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const d of days) {
    const k = periodOf(d.day, period);
    counts.set(k, (counts.get(k) ?? 0) + d.count);
  }
  const keys = [...counts.keys()].sort();
  const first = from ? periodOf(from, period) : keys[0];
  const last = to ? periodOf(to, period) : keys[keys.length - 1];
  if (!first || !last) return [];
  const out: { period: string; count: number }[] = [];
  // at most ~10 years of weeks: a guard, the filter never spans more in practice
  for (let p = first; p <= last && out.length < 600; p = nextBucket(p, period))
    out.push({ period: p, count: counts.get(p) ?? 0 });
  return out;
}

export async function complaintsReport(
  db: Sql,
  auth: AuthContext,
  q: TComplaintsAnalyticsQuery,
): Promise<TComplaintsAnalytics> {
  if (q.from && q.to && q.from > q.to) throw new AppError('ANALYTICS_RANGE_INVALID');
  const scope = await unitScope(db, auth);
  if (q.unitId) {
    if (scope && !scope.includes(q.unitId)) throw new AppError('ANALYTICS_UNIT_NOT_FOUND');
    const sub = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
    if (sub.length === 0) throw new AppError('ANALYTICS_UNIT_NOT_FOUND');
  }
  const f = { from: q.from, to: q.to, unitId: q.unitId };
  // Both read-only and independent: on PostgreSQL they run on two pooled connections at once
  // (PGlite serialises them). The SLA figures take one unit subtree: the chosen unit, else the
  // caller's own scope root.
  const [{ report: rep, days }, sla] = await Promise.all([
    complaints.periodReportWithDays(db, auth, f),
    complaints.complianceReport(db, auth.orgId, {
      ...f,
      unitId: q.unitId ?? auth.unitId ?? undefined,
    }),
  ]);
  const known = <T extends string>(list: readonly T[], xs: { key: string; count: number }[]) =>
    xs.filter((x): x is { key: T; count: number } => (list as readonly string[]).includes(x.key));
  return {
    period: rep.period,
    total: rep.total,
    open: rep.open,
    trend: fillTrend(days, q.period, q.from, q.to),
    byCategory: rep.byCategory,
    byUnit: rep.byUnit,
    byChannel: known(COMPLAINT_CHANNELS, rep.byChannel),
    byForm: known(COMPLAINT_FORMS, rep.byForm),
    pareto: rep.pareto,
    sla: sla.figures.filter((x) => x.severity === null).map(({ severity: _s, ...x }) => x),
    firstResponseHours: rep.firstResponseHours,
    resolutionHours: rep.resolutionHours,
    reopen: rep.reopen,
    satisfaction: rep.satisfaction,
    defection: rep.defection,
  };
}
