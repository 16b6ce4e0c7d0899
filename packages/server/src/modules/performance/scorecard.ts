// Scorecards (issue 15) for an org unit (and its subtree) or a staff member over a period, with
// a monthly trend:
//  - survey results (NPS, CSAT top-2 box, SERVQUAL perception mean) from the surveys module's
//    `analyticsData` — a unit's responses by the response's unit; a person's responses are the
//    ones whose answer tagged `staff` names them (docs/performance.md "Attribution");
//  - audit and mystery-shopping final scores with a t interval and the critical-failure rate
//    (Wilson), standards compliance (items met / applicable), from the fieldwork module's
//    published views (absent fieldwork: `available: false`);
//  - complaints opened / closed / named (complaints service) and resolution within SLA
//    (complaints SLA service); compliments (own table).
// Fair comparison: every rate or mean carries its n, a 95 % interval and `enough` (n at least
// MIN_SAMPLE for that metric); below it the screen says "not enough data" and `rank` is null.
import { MIN_SAMPLE, type TScorecardQuery } from '@fidelia/contracts';
import { csat, meanInterval, npsFromCounts, wilsonInterval } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import { type AuthContext, WRITERS } from '../../lib/access';
import { AppError } from '../../lib/errors';
import * as complaints from '../complaints/service';
import { complianceReport } from '../complaints/sla/service';
import * as fieldworkService from '../fieldwork/service';
import { listUnits, unitScope, unitSubtree } from '../orgs/service';
import * as surveys from '../surveys/service';
import { listUsers } from '../users/service';
import * as repo from './repo';

const DAY_MS = 86_400_000;

export interface TMetric {
  n: number;
  value: number | null;
  ci95: [number, number] | null;
  /** n reaches the metric's minimum sample: may be shown as a figure and compared */
  enough: boolean;
  min: number;
}

const metric = (
  n: number,
  value: number | null,
  ci95: [number, number] | null,
  min: number,
): TMetric => ({
  n,
  value: n > 0 ? value : null,
  ci95: n > 0 ? ci95 : null,
  enough: n >= min,
  min,
});

export function npsMetric(scores: number[]): TMetric {
  let p = 0;
  let pa = 0;
  let d = 0;
  for (const s of scores) {
    if (s >= 9) p++;
    else if (s >= 7) pa++;
    else d++;
  }
  const r = npsFromCounts(p, pa, d);
  const ci: [number, number] | null = r.ci95
    ? [Math.max(-100, r.ci95[0]), Math.min(100, r.ci95[1])]
    : null;
  return metric(r.n, r.nps, ci, MIN_SAMPLE.nps);
}

export function csatMetric(scores: number[]): TMetric {
  const r = csat(scores, 5, 2);
  return metric(r.n, r.csat, r.ci95, MIN_SAMPLE.csat);
}

/** Mean with its t interval, the interval cut to the scale's range (a score cannot pass 100 %). */
export function meanMetric(xs: number[], min: number, range: [number, number]): TMetric {
  if (xs.length === 0) return metric(0, null, null, min);
  const r = meanInterval(xs);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const [lo, hi] = range;
  const ci: [number, number] | null = r ? [Math.max(lo, r.ci[0]), Math.min(hi, r.ci[1])] : null;
  return metric(xs.length, mean, ci, min);
}

export function shareMetric(successes: number, n: number, min: number): TMetric {
  return metric(n, n > 0 ? successes / n : null, wilsonInterval(successes, n), min);
}

/** "u_<32 hex>" (a choice option value: keys allow no hyphens) or the plain user id. */
export function staffIdOf(text: string | null): string | null {
  if (!text) return null;
  const t = text.trim().toLowerCase();
  const m = /^u_([0-9a-f]{32})$/.exec(t);
  if (m) {
    const h = m[1] as string;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(t) ? t : null;
}
/** The option value that names a user in a `staff`-tagged choice question. */
export const staffOptionValue = (userId: string) => `u_${userId.replace(/-/g, '').toLowerCase()}`;

// ------------------------------------------------------------------------------ period

export interface TPeriod {
  from: string;
  to: string;
  since: string;
  until: string;
  months: string[];
}

export function periodOf(
  q: { from?: string | undefined; to?: string | undefined },
  now = Date.now(),
): TPeriod {
  const to = q.to ?? new Date(now).toISOString().slice(0, 10);
  let from = q.from;
  if (!from) {
    const t = new Date(`${to}T00:00:00Z`);
    from = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 11, 1))
      .toISOString()
      .slice(0, 10);
  }
  if (from > to) throw new AppError('PERFORMANCE_RANGE_INVALID');
  const since = `${from}T00:00:00.000Z`;
  const until = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString();
  const months: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    months.push(k);
    if (k >= last || months.length > 60) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  if (months.length > 36) throw new AppError('PERFORMANCE_RANGE_INVALID');
  return { from, to, since, until, months };
}

// ----------------------------------------------------------------------------- survey data

interface TResp {
  id: string;
  month: string;
  unitId: string | null;
  staff: Set<string>;
  nps: number | null;
  csat: number | null;
  servqual: number | null;
}

/** Complete responses in the units (null = all) and period, one value per metric. */
export async function surveyResponses(
  db: Sql,
  orgId: string,
  unitIds: string[] | null,
  p: Pick<TPeriod, 'since' | 'until'>,
): Promise<TResp[]> {
  const data = await surveys.analyticsData(db, orgId, {
    surveyId: null,
    since: p.since,
    until: p.until,
    unitIds,
    channel: null,
    tags: ['nps', 'csat', 'staff'],
    prefixes: ['servqual:P:'],
  });
  const out = new Map<string, TResp>();
  const sq = new Map<string, { s: number; n: number }>();
  for (const r of data.responses)
    out.set(r.id, {
      id: r.id,
      month: r.at.slice(0, 7),
      unitId: r.unitId,
      staff: new Set(),
      nps: null,
      csat: null,
      servqual: null,
    });
  for (const a of data.answers) {
    const r = out.get(a.responseId);
    if (!r || a.tag === null) continue;
    if (a.tag === 'staff') {
      const id = staffIdOf(a.text);
      if (id) r.staff.add(id);
    } else if (a.num === null) continue;
    else if (a.tag === 'nps' && r.nps === null && a.num >= 0 && a.num <= 10) r.nps = a.num;
    else if (a.tag === 'csat' && r.csat === null && a.num >= 1 && a.num <= 5) r.csat = a.num;
    else if (a.tag.startsWith('servqual:P:') && a.num >= 1 && a.num <= 7) {
      const x = sq.get(r.id) ?? { s: 0, n: 0 };
      x.s += a.num;
      x.n++;
      sq.set(r.id, x);
    }
  }
  for (const [id, x] of sq) {
    const r = out.get(id);
    if (r) r.servqual = x.s / x.n;
  }
  return [...out.values()];
}

const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

function surveyMetrics(rs: TResp[]) {
  return {
    nps: npsMetric(nums(rs.map((r) => r.nps))),
    csat: csatMetric(nums(rs.map((r) => r.csat))),
    servqual: meanMetric(nums(rs.map((r) => r.servqual)), MIN_SAMPLE.servqual, [1, 7]),
  };
}

function visitMetrics(vs: repo.TVisitRow[], kind: 'audit' | 'mystery') {
  const mine = vs.filter((v) => v.kind === kind);
  return {
    score: meanMetric(
      mine.map((v) => v.score),
      MIN_SAMPLE.visits,
      [0, 1],
    ),
    critical: shareMetric(
      mine.filter((v) => v.criticalFailed).length,
      mine.length,
      MIN_SAMPLE.visits,
    ),
  };
}

/** Rank (1 = best) among the rows whose metric has enough data; the others get null. */
export function rankBy<T>(rows: T[], get: (r: T) => TMetric): (number | null)[] {
  const eligible = rows
    .map((r, i) => ({ i, m: get(r) }))
    .filter((x) => x.m.enough && x.m.value !== null)
    .sort((a, b) => (b.m.value as number) - (a.m.value as number));
  const out: (number | null)[] = rows.map(() => null);
  let rank = 0;
  let prev: number | null = null;
  for (const [k, x] of eligible.entries()) {
    if (x.m.value !== prev) rank = k + 1;
    prev = x.m.value;
    out[x.i] = rank;
  }
  return out;
}

// ------------------------------------------------------------------------------ scorecard

async function subjectUnits(db: Sql, auth: AuthContext, unitId: string | undefined) {
  const scope = await unitScope(db, auth);
  if (!unitId) return { unitIds: scope, unitId: auth.unitId };
  if (scope && !scope.includes(unitId)) throw new AppError('PERFORMANCE_UNIT_NOT_FOUND');
  const sub = await unitSubtree(db, auth.orgId, unitId);
  if (sub.length === 0) throw new AppError('PERFORMANCE_UNIT_NOT_FOUND');
  return { unitIds: sub, unitId };
}

export async function scorecard(db: Sql, auth: AuthContext, q: TScorecardQuery) {
  const period = periodOf(q);
  const orgId = auth.orgId;
  const users = await listUsers(db, orgId);
  let staff: { id: string; name: string; unitId: string | null } | null = null;
  if (q.userId) {
    const u = users.find((x) => x.id === q.userId);
    if (!u) throw new AppError('PERFORMANCE_USER_NOT_FOUND');
    if (u.id !== auth.userId && !WRITERS.includes(auth.role) && auth.role !== 'viewer')
      throw new AppError('PERFORMANCE_FORBIDDEN');
    staff = { id: u.id, name: u.name || u.email, unitId: u.unitId };
  }
  // A person's results come from every unit the caller may see; a unit's from its subtree.
  const { unitIds, unitId } = await subjectUnits(db, auth, staff ? undefined : q.unitId);
  const units = await listUnits(db, orgId);
  const unitName = unitId ? (units.find((u) => u.id === unitId)?.name ?? null) : null;

  let rs = await surveyResponses(db, orgId, unitIds, period);
  const allRs = rs;
  if (staff) {
    const id = staff.id;
    rs = rs.filter((r) => r.staff.has(id));
  }

  const fieldwork = await repo.fieldworkAvailable(db, orgId);
  const vf = { unitIds, staffUserId: staff?.id ?? null, since: period.since, until: period.until };
  const vs = fieldwork ? await repo.visits(db, orgId, vf) : [];
  const comp = fieldwork ? await repo.compliance(db, orgId, vf) : { n: 0, met: 0 };
  // Corrective actions opened by the period's visits (fieldwork service, caller's scope).
  const visitIds = new Set(vs.map((v) => v.id));
  const actions = fieldwork
    ? (await fieldworkService.listActions(db, auth, {}))
        .filter((a) => visitIds.has(a.visitId))
        .map((a) => ({
          id: a.id,
          visitId: a.visitId,
          title: a.title,
          unitName: a.unitName,
          critical: a.critical,
          status: a.status,
          dueOn: a.dueDate,
          overdue: a.overdue,
          ownerName: a.ownerName,
        }))
    : [];

  // Complaints received in the period within the caller's scope.
  const cases: complaints.TCase[] = [];
  for await (const page of complaints.listAll(db, auth, {
    ...(staff || !q.unitId ? {} : { unitId: q.unitId }),
    from: period.from,
    to: period.to,
    sort: 'received',
    dir: 'asc',
  }))
    cases.push(...page);
  const mineCases = staff
    ? cases.filter((c) => c.assigneeId === staff?.id || c.staffInvolved.includes(staff?.id ?? ''))
    : cases;
  const named = staff
    ? cases.filter((c) => c.staffInvolved.includes(staff?.id ?? '')).length
    : null;
  let sla: TMetric | null = null;
  if (!staff) {
    const r = await complianceReport(db, orgId, {
      from: period.from,
      to: period.to,
      unitId: unitId ?? undefined,
    });
    const f = r.figures.find((x) => x.target === 'resolution' && x.severity === null);
    const decided = f ? f.met + f.metLate + f.breachedOpen : 0;
    sla = shareMetric(f?.met ?? 0, decided, MIN_SAMPLE.sla);
  }

  const compliments = await repo.complimentMonths(db, orgId, {
    unitIds: staff ? null : unitIds,
    staffUserId: staff?.id ?? null,
    from: period.from,
    to: period.to,
  });
  const complimentTotal = [...compliments.values()].reduce((a, b) => a + b, 0);

  const trend = period.months.map((month) => {
    const mr = rs.filter((r) => r.month === month);
    const mv = vs.filter((v) => v.visitedAt.slice(0, 7) === month);
    const s = surveyMetrics(mr);
    return {
      month,
      nps: s.nps,
      csat: s.csat,
      servqual: s.servqual,
      mystery: visitMetrics(mv, 'mystery').score,
      audit: visitMetrics(mv, 'audit').score,
      complaints: mineCases.filter((c) => c.receivedAt.slice(0, 7) === month).length,
      compliments: compliments.get(month) ?? 0,
    };
  });

  // Fair comparison: the unit's direct sub-units (subtree totals) or, for a branch without
  // sub-units, its staff; rank only among those with enough data.
  let compare: {
    kind: 'unit' | 'staff';
    rows: {
      id: string;
      name: string;
      nps: TMetric;
      csat: TMetric;
      mystery: TMetric;
      rank: { nps: number | null; csat: number | null; mystery: number | null };
    }[];
  } | null = null;
  if (!staff) {
    const inScope = new Set(unitIds ?? units.map((u) => u.id));
    const children = units.filter((u) =>
      unitId
        ? u.parentId === unitId
        : u.parentId === null
          ? false
          : !units.find((p) => p.id === u.parentId)?.parentId,
    );
    const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
    const topOf = (id: string | null): string | null => {
      let cur = id;
      for (let i = 0; cur && i < 60; i++) {
        const p = parentOf.get(cur) ?? null;
        if (children.some((c) => c.id === cur)) return cur;
        cur = p;
      }
      return null;
    };
    let rows: { id: string; name: string; nps: TMetric; csat: TMetric; mystery: TMetric }[];
    let kind: 'unit' | 'staff' = 'unit';
    if (children.filter((c) => inScope.has(c.id)).length > 0) {
      rows = children
        .filter((c) => inScope.has(c.id))
        .map((c) => {
          const cr = allRs.filter((r) => topOf(r.unitId) === c.id);
          const cv = vs.filter((v) => topOf(v.unitId) === c.id);
          const s = surveyMetrics(cr);
          return {
            id: c.id,
            name: c.name,
            nps: s.nps,
            csat: s.csat,
            mystery: visitMetrics(cv, 'mystery').score,
          };
        });
    } else {
      kind = 'staff';
      const people = users.filter(
        (u) => u.active && u.role !== 'shopper' && u.unitId && inScope.has(u.unitId),
      );
      rows = people.map((u) => {
        const ur = allRs.filter((r) => r.staff.has(u.id));
        const uv = vs.filter((v) => v.staffUserId === u.id);
        const s = surveyMetrics(ur);
        return {
          id: u.id,
          name: u.name || u.email,
          nps: s.nps,
          csat: s.csat,
          mystery: visitMetrics(uv, 'mystery').score,
        };
      });
    }
    const rn = rankBy(rows, (r) => r.nps);
    const rc = rankBy(rows, (r) => r.csat);
    const rm = rankBy(rows, (r) => r.mystery);
    compare = {
      kind,
      rows: rows.map((r, i) => ({
        ...r,
        rank: { nps: rn[i] ?? null, csat: rc[i] ?? null, mystery: rm[i] ?? null },
      })),
    };
  }

  const mystery = visitMetrics(vs, 'mystery');
  const auditM = visitMetrics(vs, 'audit');
  return {
    subject: staff
      ? { kind: 'staff' as const, id: staff.id, name: staff.name }
      : { kind: 'unit' as const, id: unitId ?? null, name: unitName },
    period: { from: period.from, to: period.to },
    minimums: MIN_SAMPLE,
    surveys: surveyMetrics(rs),
    fieldwork: {
      available: fieldwork,
      mystery,
      audit: auditM,
      compliance: shareMetric(comp.met, comp.n, MIN_SAMPLE.compliance),
      latest: vs.slice(0, 8).map((v) => ({
        id: v.id,
        kind: v.kind,
        unitName: v.unitName,
        visitedAt: v.visitedAt,
        score: v.score,
        criticalFailed: v.criticalFailed,
      })),
      actions,
    },
    complaints: {
      received: mineCases.length,
      closed: mineCases.filter((c) => c.status === 'closed').length,
      open: mineCases.filter((c) => c.status !== 'closed' && c.status !== 'rejected').length,
      named,
      withinSla: sla,
    },
    compliments: complimentTotal,
    trend,
    compare,
  };
}
export type TScorecard = Awaited<ReturnType<typeof scorecard>>;
