// Complaint SLAs: calendars and policies (config), recomputation of each case's targets from its
// timeline, the timer jobs that warn before and escalate on breach, status and compliance.
//
// Used by others: registerSla(deps) once (routes plugin) hooks every case change
// (onComplaintChange of ../service) and registers the timer and recompute jobs;
// slaStatus(db, orgId, caseId) and complianceReport(db, orgId, q) for pages and reports.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../db/client';
import { enqueue, getJob } from '../../../jobs/queue';
import { AppError, registerErrors } from '../../../lib/errors';
import { unitExists, unitSubtree } from '../../orgs/service';
import {
  type Calendar,
  CalendarError,
  type CalendarSpec,
  calendarProblems,
  compileCalendar,
  normalisePauses,
} from './calendar';
import {
  BUILTIN_CALENDAR,
  choosePolicy,
  planTargets,
  SEVERITIES,
  SLA_TARGETS,
  type SlaFacts,
  type SlaPolicy,
  type SlaTarget,
  type TargetPlan,
  type TargetView,
  viewTarget,
} from './compute';
import * as repo from './repo';

registerErrors({
  SLA_CALENDAR_INVALID: {
    status: 400,
    es: 'El calendario no es válido (zona horaria, tramos horarios o festivos).',
    en: 'Invalid calendar (time zone, working intervals or holidays).',
  },
  SLA_CATEGORY_INVALID: {
    status: 400,
    es: 'La categoría no existe.',
    en: 'Unknown category.',
  },
  SLA_UNIT_INVALID: { status: 404, es: 'La unidad no existe.', en: 'Unknown org unit.' },
  SLA_CALENDAR_NOT_FOUND: {
    status: 404,
    es: 'El calendario no existe.',
    en: 'Unknown calendar.',
  },
  SLA_RECOMPUTE_NOT_FOUND: {
    status: 404,
    es: 'El recálculo no existe.',
    en: 'Unknown recomputation.',
  },
  SLA_POLICY_NOT_FOUND: { status: 404, es: 'La política no existe.', en: 'Unknown policy.' },
  SLA_POLICY_TARGETS: {
    status: 400,
    es: 'El plazo de resolución no puede ser menor que el de primera respuesta.',
    en: 'The resolution target cannot be shorter than the first-response target.',
  },
});

// ------------------------------------------------------------------------------- org context

const compiled = new Map<string, Calendar>();
function compiledFor(key: string, spec: CalendarSpec): Calendar {
  let c = compiled.get(key);
  if (!c) {
    if (compiled.size > 500) compiled.clear();
    c = compileCalendar(spec);
    compiled.set(key, c);
  }
  return c;
}
const builtinCalendar = () => compiledFor('builtin', BUILTIN_CALENDAR);

/** Everything needed to resolve a case's policy and calendar without further queries. */
export interface OrgSla {
  /** the org's units, and the categories a policy can be chosen by */
  unitIds: string[];
  categoryIds: string[];
  knows(x: { unitId: string | null; categoryId: string | null }): boolean;
  policyFor(categoryId: string | null, severity: string): SlaPolicy;
  calendarFor(unitId: string | null): { id: string | null; cal: Calendar };
}

/**
 * Per-process cache for the per-change hook (a case change must not reload the whole config):
 * entries live 10 s, are dropped by this process's own config changes, and are reloaded when a
 * case names a unit or category the entry does not know. Org-wide recomputation and the timers'
 * final check always load fresh.
 */
const orgCache = new Map<string, { at: number; org: OrgSla }>();
const ORG_CACHE_MS = 10_000;
export const forgetOrgSla = (orgId: string) => orgCache.delete(orgId);

export async function cachedOrgSla(
  db: Sql,
  orgId: string,
  need: { unitId: string | null; categoryId: string | null },
): Promise<OrgSla> {
  const hit = orgCache.get(orgId);
  if (hit && Date.now() - hit.at < ORG_CACHE_MS && hit.org.knows(need)) return hit.org;
  const org = await loadOrgSla(db, orgId);
  if (orgCache.size > 1000) orgCache.clear();
  orgCache.set(orgId, { at: Date.now(), org });
  return org;
}

export async function loadOrgSla(db: Sql, orgId: string): Promise<OrgSla> {
  const rows = await repo.loadOrgRows(db, orgId);
  const parentOfUnit = new Map(rows.units.map((u) => [u.id, u.parentId]));
  const parentOfCat = new Map(rows.categories.map((c) => [c.id, c.parentId]));
  const calById = new Map(rows.calendars.map((c) => [c.id, c]));
  const unitCal = new Map(rows.unitCalendars.map((u) => [u.unitId, u.calendarId]));
  const def = rows.calendars.find((c) => c.isDefault) ?? null;
  const toCal = (row: repo.TCalendarRow) => ({
    id: row.id,
    cal: compiledFor(`${row.id}:${row.version}`, {
      timeZone: row.timeZone,
      week: row.week,
      holidays: row.holidays,
    }),
  });
  const memo = new Map<string | null, { id: string | null; cal: Calendar }>();
  return {
    unitIds: rows.units.map((u) => u.id),
    categoryIds: [
      ...new Set([
        ...rows.categories.map((c) => c.id),
        ...rows.policies.flatMap((p) => (p.categoryId ? [p.categoryId] : [])),
      ]),
    ],
    knows: (x) =>
      (!x.unitId || parentOfUnit.has(x.unitId)) && (!x.categoryId || parentOfCat.has(x.categoryId)),
    policyFor(categoryId, severity) {
      const chain: string[] = [];
      for (let c = categoryId; c && chain.length < 50; c = parentOfCat.get(c) ?? null)
        chain.push(c);
      return choosePolicy(rows.policies, chain, severity);
    },
    calendarFor(unitId) {
      const hit = memo.get(unitId);
      if (hit) return hit;
      let found: { id: string | null; cal: Calendar } | null = null;
      for (let u = unitId, depth = 0; u && depth < 50; u = parentOfUnit.get(u) ?? null, depth++) {
        const cid = unitCal.get(u);
        const row = cid ? calById.get(cid) : undefined;
        if (row) {
          found = toCal(row);
          break;
        }
      }
      const out = found ?? (def ? toCal(def) : { id: null, cal: builtinCalendar() });
      memo.set(unitId, out);
      return out;
    },
  };
}

// ------------------------------------------------------------------------------- recompute

export function factsOf(c: repo.TCaseSlaRow): SlaFacts {
  const finished = c.status === 'closed' || c.status === 'rejected' || c.status === 'responded';
  return {
    receivedAt: c.receivedAt,
    firstResponseAt: c.firstResponseAt,
    lastUpdateAt: c.lastUpdateAt,
    resolvedAt: finished ? (c.respondedAt ?? c.closedAt ?? c.receivedAt) : null,
    pauses: c.pauses,
    openPauseSince: c.openPauseSince,
  };
}

const same = (a: repo.TTargetRow, b: repo.TTargetWrite) =>
  a.policyId === b.policyId &&
  a.calendarId === b.calendarId &&
  a.targetMin === b.targetMin &&
  a.startedAt === b.startedAt &&
  a.dueAt === b.dueAt &&
  a.warnAt === b.warnAt &&
  a.metAt === b.metAt &&
  a.paused === b.paused;

/** When the timer of a stored target should fire next (null: nothing left to do). */
export function nextFire(t: repo.TTargetRow): number | null {
  if (t.metAt !== null || t.dueAt === null || t.breachedAt !== null) return null;
  if (t.warnedAt === null && t.warnAt !== null && t.warnAt < t.dueAt) return t.warnAt;
  return t.dueAt;
}

export interface RecomputeStats {
  cases: number;
  changed: number;
  timers: number;
}

/**
 * Recomputes the targets of the given cases (in the caller's transaction): writes only targets
 * whose instants changed (version + 1), drops their superseded queued timers and queues new
 * ones. Idempotent: running it twice changes nothing the second time. `existing` may hold the
 * cases' stored targets already (a page loaded by range; others' rows are ignored).
 *
 * The stored state of a written target is known here without reading it back: the upsert
 * bumps the version by one and clears warned/breached marks exactly when their instant moved,
 * so the next timer of each target (and the case's next due instant) is decided before the
 * one write statement of the batch (repo.writeRecompute).
 */
export async function recomputeCases(
  db: Sql,
  orgId: string,
  cases: repo.TCaseSlaRow[],
  org: OrgSla,
  existing?: repo.TTargetRow[],
): Promise<RecomputeStats> {
  if (!cases.length) return { cases: 0, changed: 0, timers: 0 };
  const ids = new Set(cases.map((c) => c.id));
  const stored = (existing ?? (await repo.loadTargets(db, orgId, [...ids]))).filter((t) =>
    ids.has(t.complaintId),
  );
  const key = (cid: string, t: string) => `${cid}|${t}`;
  const old = new Map(stored.map((t) => [key(t.complaintId, t.target), t]));
  const write: repo.TRecomputeWrite = {
    gone: [],
    staleJobs: [],
    targets: [],
    timers: [],
    dues: [],
  };
  const keep = new Set<string>();
  for (const c of cases) {
    const policy = org.policyFor(c.categoryId, c.severity);
    const { id: calendarId, cal } = org.calendarFor(c.unitId);
    const facts = factsOf(c);
    let touched = false;
    let due: number | null = null;
    for (const p of planTargets(facts, policy, cal, normalisePauses(facts.pauses))) {
      const w: repo.TTargetWrite = { complaintId: c.id, policyId: policy.id, calendarId, ...p };
      const k = key(c.id, p.target);
      keep.add(k);
      const prev = old.get(k);
      if (w.metAt === null && w.dueAt !== null && (due === null || w.dueAt < due)) due = w.dueAt;
      if (prev && same(prev, w)) continue;
      touched = true;
      if (prev?.jobId) write.staleJobs.push(prev.jobId);
      const next: repo.TTargetRow = {
        ...w,
        warnedAt: prev && prev.warnAt === w.warnAt ? prev.warnedAt : null,
        breachedAt: prev && prev.dueAt === w.dueAt ? prev.breachedAt : null,
        version: prev ? prev.version + 1 : 1,
        jobId: null,
      };
      const at = nextFire(next);
      const jobId = at === null ? null : randomUUID();
      if (jobId !== null && at !== null) {
        write.timers.push({
          id: jobId,
          complaintId: c.id,
          target: w.target,
          version: next.version,
          runAt: at,
        });
      }
      write.targets.push({ ...w, version: next.version, jobId });
    }
    for (const t of SLA_TARGETS) {
      const prev = old.get(key(c.id, t));
      if (!prev || keep.has(key(c.id, t))) continue;
      touched = true;
      write.gone.push({ complaintId: c.id, target: t });
      if (prev.jobId) write.staleJobs.push(prev.jobId);
    }
    // the case list filters and sorts on the denormalised next due instant
    if (touched) write.dues.push({ id: c.id, dueAt: due });
  }
  await repo.writeRecompute(db, orgId, write);
  return {
    cases: cases.length,
    changed: write.targets.length + write.gone.length,
    timers: write.timers.length,
  };
}

/** Syncs pauses and recomputes one case (inside the caller's transaction). */
export async function recomputeCase(
  db: Sql,
  orgId: string,
  caseId: string,
  now = Date.now(),
  o: { cached?: boolean } = {},
) {
  await repo.syncPauses(db, orgId, [caseId], now);
  const cases = await repo.loadCases(db, orgId, { ids: [caseId] });
  const c = cases[0];
  if (!c) return { cases: 0, changed: 0, timers: 0 };
  const org = o.cached ? await cachedOrgSla(db, orgId, c) : await loadOrgSla(db, orgId);
  return recomputeCases(db, orgId, cases, org);
}

/**
 * Recomputes every open (or never computed) case of the org, set-based: the cases are grouped
 * by calendar, and each group is recomputed by one SQL statement per chunk of `batch` cases
 * (repo.recomputeGroup, each chunk its own transaction): the business-time arithmetic runs in
 * the database over the calendar's working intervals, computed here once per recomputation by
 * the same calendar code as recomputeCases uses, over the horizon the cases need.
 */
export async function recomputeOrg(
  db: Sql,
  orgId: string,
  o: { batch?: number; now?: number; progress?: (done: number) => Promise<void> } = {},
): Promise<RecomputeStats> {
  const now = o.now ?? Date.now();
  const limit = o.batch ?? 25_000;
  await repo.syncPauses(db, orgId, null, now);
  const org = await loadOrgSla(db, orgId);
  const total: RecomputeStats = { cases: 0, changed: 0, timers: 0 };
  const span = await repo.recomputeSpan(db, orgId);
  if (!span) return total;
  const policies: repo.TRecomputeGroup['policies'] = [];
  let budget = 0;
  for (const categoryId of [null, ...org.categoryIds]) {
    for (const severity of SEVERITIES) {
      const p = org.policyFor(categoryId, severity);
      budget = Math.max(budget, p.firstResponseMin, p.updateMin ?? 0, p.resolutionMin);
      policies.push({
        categoryId,
        severity,
        policyId: p.id,
        firstResponseMin: p.firstResponseMin,
        updateMin: p.updateMin,
        resolutionMin: p.resolutionMin,
        warnPercent: p.warnPercent,
      });
    }
  }
  const groups = new Map<string, { key: number; calendarId: string | null; cal: Calendar }>();
  const units: { unitId: string; key: number }[] = [];
  const groupOf = (unitId: string | null) => {
    const { id, cal } = org.calendarFor(unitId);
    const name = id ?? 'builtin';
    let g = groups.get(name);
    if (!g) {
      g = { key: groups.size, calendarId: id, cal };
      groups.set(name, g);
    }
    return g.key;
  };
  const defaultKey = groupOf(null);
  for (const unitId of org.unitIds) units.push({ unitId, key: groupOf(unitId) });
  for (const g of groups.values()) {
    const intervals = workingIntervals(g.cal, span.from, span.to, budget * 60_000);
    for (let afterId: string | null = null; ; ) {
      const r = await db.transaction((tx) =>
        repo.recomputeGroup(tx, orgId, {
          calendarId: g.calendarId,
          key: g.key,
          units,
          defaultKey,
          policies,
          intervals,
          afterId,
          limit,
        }),
      );
      total.cases += r.cases;
      total.changed += r.changed;
      total.timers += r.timers;
      if (r.cases) await o.progress?.(total.cases);
      if (r.cases < limit || !r.last) break;
      afterId = r.last;
    }
  }
  return total;
}

/**
 * The calendar's working intervals (flat [a, b) pairs, ascending) from the local day before
 * `from` until `budgetMs` of working time after the local day of `to` has passed, plus a day:
 * every instant the recomputation looks up, and every due instant it can reach.
 */
export function workingIntervals(
  cal: Calendar,
  from: number,
  to: number,
  budgetMs: number,
): number[] {
  const out: number[] = [];
  const last = cal.localDay(to);
  let after = 0;
  let extra = 0;
  for (let d = cal.localDay(from) - 1; ; d++) {
    const ivs = cal.day(d);
    for (let i = 0; i + 1 < ivs.length; i += 2) {
      const a = ivs[i] as number;
      const b = ivs[i + 1] as number;
      const prev = out.length ? (out[out.length - 1] as number) : Number.NEGATIVE_INFINITY;
      if (b <= prev) continue;
      out.push(Math.max(a, prev), b);
      if (d > last) after += b - Math.max(a, prev);
    }
    if (d > last && after > budgetMs && ++extra > 1) break;
    if (d - last > 40_000) throw new CalendarError('no working time within a century');
  }
  return out;
}

/** Queues the org-wide recomputation (after a calendar or policy change), in the caller's tx. */
export function queueRecompute(db: Sql, orgId: string, reason: string) {
  forgetOrgSla(orgId);
  return enqueue(db, { orgId, kind: repo.RECOMPUTE_JOB, payload: { reason }, maxAttempts: 5 });
}

/**
 * State of a queued org recomputation (the settings page shows how many open cases it
 * recomputed): 404 for another org's job or a job of another kind.
 */
export async function recomputeState(db: Sql, orgId: string, jobId: string) {
  const job = await getJob(db, orgId, jobId);
  if (!job || job.kind !== repo.RECOMPUTE_JOB) throw new AppError('SLA_RECOMPUTE_NOT_FOUND');
  const result = job.result as RecomputeStats | null;
  const progress = job.progress as { done?: number } | null;
  return {
    id: job.id,
    status: job.status,
    done: result?.cases ?? progress?.done ?? 0,
    result: job.status === 'done' ? result : null,
  };
}

// ------------------------------------------------------------------------------- status

export interface SlaStatus {
  caseId: string;
  policyId: string | null;
  calendarId: string | null;
  timeZone: string;
  paused: boolean;
  breached: boolean;
  targets: TargetView[];
}

/** The case's SLA as of `now`, computed fresh from its timeline (404 when unknown). */
export async function slaStatus(
  db: Sql,
  orgId: string,
  caseId: string,
  now = Date.now(),
): Promise<SlaStatus> {
  const [c] = await repo.loadCases(db, orgId, { ids: [caseId] });
  if (!c) throw new AppError('NOT_FOUND');
  const org = await loadOrgSla(db, orgId);
  const policy = org.policyFor(c.categoryId, c.severity);
  const { id: calendarId, cal } = org.calendarFor(c.unitId);
  const facts = factsOf(c);
  const pauses = normalisePauses(facts.pauses);
  const plans: TargetPlan[] = planTargets(facts, policy, cal, pauses);
  const targets = plans.map((p) => viewTarget(p, now, cal, pauses, facts.openPauseSince));
  return {
    caseId,
    policyId: policy.id,
    calendarId,
    timeZone: cal.spec.timeZone,
    paused: facts.openPauseSince !== null,
    breached: targets.some((t) => t.breached),
    targets,
  };
}

/** Badge of each case for lists: its most urgent target, from the stored targets. */
export interface SlaBadge {
  caseId: string;
  status: 'breached' | 'warning' | 'paused' | 'running' | 'met';
  target: SlaTarget | null;
  dueAt: string | null;
}

const RANK = { breached: 4, warning: 3, running: 2, paused: 1, met: 0 } as const;

export async function slaBadges(
  db: Sql,
  orgId: string,
  ids: string[],
  now = Date.now(),
): Promise<SlaBadge[]> {
  const rows: Pick<repo.TTargetRow, 'complaintId' | 'target' | 'dueAt' | 'warnAt' | 'metAt'>[] =
    await repo.loadTargets(db, orgId, ids);
  // Cases never computed (imported or seeded straight into the tables): plan them on the fly.
  const known = new Set(rows.map((r) => r.complaintId));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    const cases = await repo.loadCases(db, orgId, { ids: missing });
    const org = cases.length ? await loadOrgSla(db, orgId) : null;
    for (const c of cases) {
      if (!org) break;
      const f = factsOf(c);
      const { cal } = org.calendarFor(c.unitId);
      const plans = planTargets(
        f,
        org.policyFor(c.categoryId, c.severity),
        cal,
        normalisePauses(f.pauses),
      );
      for (const p of plans) rows.push({ complaintId: c.id, ...p });
    }
  }
  const out = new Map<string, SlaBadge>();
  for (const t of rows) {
    const status: SlaBadge['status'] =
      t.metAt !== null
        ? 'met'
        : t.dueAt === null
          ? 'paused'
          : now >= t.dueAt
            ? 'breached'
            : t.warnAt !== null && now >= t.warnAt
              ? 'warning'
              : 'running';
    const b: SlaBadge = {
      caseId: t.complaintId,
      status,
      target: t.target,
      dueAt: t.dueAt === null ? null : new Date(t.dueAt).toISOString(),
    };
    const prev = out.get(t.complaintId);
    const earlier = prev?.dueAt && b.dueAt ? b.dueAt < prev.dueAt : false;
    if (
      !prev ||
      RANK[status] > RANK[prev.status] ||
      (RANK[status] === RANK[prev.status] && earlier)
    )
      out.set(t.complaintId, b);
  }
  return [...out.values()];
}

// ------------------------------------------------------------------------------- compliance

export interface ComplianceFigure {
  target: SlaTarget;
  severity: string | null; // null = all severities
  total: number;
  met: number;
  metLate: number;
  breachedOpen: number;
  pending: number;
  paused: number;
  /** met on time / (met on time + met late + overdue); null when nothing is decided yet */
  compliance: number | null;
}

export async function complianceReport(
  db: Sql,
  orgId: string,
  q: { from?: string | undefined; to?: string | undefined; unitId?: string | undefined },
  now = Date.now(),
): Promise<{ figures: ComplianceFigure[] }> {
  let unitIds: string[] | null = null;
  if (q.unitId) {
    if (!(await unitExists(db, orgId, q.unitId))) throw new AppError('SLA_UNIT_INVALID');
    unitIds = await unitSubtree(db, orgId, q.unitId);
  }
  const rows = await repo.complianceCounts(db, orgId, {
    from: q.from ?? null,
    to: q.to ?? null,
    unitIds,
    now,
  });
  const figures: ComplianceFigure[] = [];
  const ratio = (f: Omit<ComplianceFigure, 'compliance'>) => {
    const decided = f.met + f.metLate + f.breachedOpen;
    return decided ? f.met / decided : null;
  };
  for (const target of ['first_response', 'update', 'resolution'] as const) {
    const mine = rows.filter((r) => r.target === target);
    const sum = (k: keyof repo.TComplianceRow) => mine.reduce((a, r) => a + (r[k] as number), 0);
    const all = {
      target,
      severity: null,
      total: sum('total'),
      met: sum('met'),
      metLate: sum('metLate'),
      breachedOpen: sum('breachedOpen'),
      pending: sum('pending'),
      paused: sum('paused'),
    };
    figures.push({ ...all, compliance: ratio(all) });
    for (const r of mine) {
      const f = { ...r, target, severity: r.severity };
      figures.push({ ...f, compliance: ratio(f) });
    }
  }
  return { figures };
}

// ------------------------------------------------------------------------------- config

export function checkCalendar(c: repo.TCalendarInput): void {
  const problems = calendarProblems({ timeZone: c.timeZone, week: c.week, holidays: c.holidays });
  if (problems.length) throw new AppError('SLA_CALENDAR_INVALID', { problems });
}

export async function createCalendar(db: Sql, orgId: string, c: repo.TCalendarInput) {
  checkCalendar(c);
  return db.transaction(async (tx) => {
    const row = await repo.insertCalendar(tx, orgId, c);
    // A new calendar only changes cases once it is the default or assigned to a unit.
    const recomputeJobId = c.isDefault ? await queueRecompute(tx, orgId, 'calendar') : null;
    return { ...row, recomputeJobId };
  });
}

export async function changeCalendar(db: Sql, orgId: string, id: string, c: repo.TCalendarInput) {
  checkCalendar(c);
  return db.transaction(async (tx) => {
    const row = await repo.updateCalendar(tx, orgId, id, c);
    if (!row) throw new AppError('SLA_CALENDAR_NOT_FOUND');
    return { ...row, recomputeJobId: await queueRecompute(tx, orgId, 'calendar') };
  });
}

export async function removeCalendar(db: Sql, orgId: string, id: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.deleteCalendar(tx, orgId, id))) throw new AppError('SLA_CALENDAR_NOT_FOUND');
    await queueRecompute(tx, orgId, 'calendar');
  });
}

export async function assignUnitCalendar(
  db: Sql,
  orgId: string,
  unitId: string,
  calendarId: string | null,
) {
  if (!(await unitExists(db, orgId, unitId))) throw new AppError('SLA_UNIT_INVALID');
  if (calendarId && !(await repo.getCalendar(db, orgId, calendarId)))
    throw new AppError('SLA_CALENDAR_NOT_FOUND');
  return db.transaction(async (tx) => {
    await repo.setUnitCalendar(tx, orgId, unitId, calendarId);
    const recomputeJobId = await queueRecompute(tx, orgId, 'unit-calendar');
    return { unitId, calendarId, recomputeJobId };
  });
}

async function checkPolicy(db: Sql, orgId: string, p: repo.TPolicyInput) {
  if (p.categoryId && !(await repo.categoryExists(db, orgId, p.categoryId)))
    throw new AppError('SLA_CATEGORY_INVALID');
  if (p.resolutionMin < p.firstResponseMin) throw new AppError('SLA_POLICY_TARGETS');
}

export async function createPolicy(db: Sql, orgId: string, p: repo.TPolicyInput) {
  await checkPolicy(db, orgId, p);
  return db.transaction(async (tx) => {
    const row = await repo.insertPolicy(tx, orgId, p);
    return { ...row, recomputeJobId: await queueRecompute(tx, orgId, 'policy') };
  });
}

export async function changePolicy(db: Sql, orgId: string, id: string, p: repo.TPolicyInput) {
  await checkPolicy(db, orgId, p);
  return db.transaction(async (tx) => {
    const row = await repo.updatePolicy(tx, orgId, id, p);
    if (!row) throw new AppError('SLA_POLICY_NOT_FOUND');
    return { ...row, recomputeJobId: await queueRecompute(tx, orgId, 'policy') };
  });
}

export async function removePolicy(db: Sql, orgId: string, id: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.deletePolicy(tx, orgId, id))) throw new AppError('SLA_POLICY_NOT_FOUND');
    await queueRecompute(tx, orgId, 'policy');
  });
}

// ------------------------------------------------------------------ lists for the routes
// The routes read through the service, never the repo, so the repo can change behind it.
export async function listCalendars(db: Sql, orgId: string) {
  return {
    calendars: await repo.listCalendars(db, orgId),
    units: await repo.listUnitCalendars(db, orgId),
  };
}
export const listPolicies = (db: Sql, orgId: string) => repo.listPolicies(db, orgId);
export const listNotifications = (...a: Parameters<typeof repo.listNotifications>) =>
  repo.listNotifications(...a);
