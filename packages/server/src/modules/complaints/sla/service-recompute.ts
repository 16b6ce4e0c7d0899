// Recomputation of each case's targets from its timeline (one case, a batch, the whole org as
// a queued job): the heavy part of the SLAs, separate from config and reads.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../db/client';
import { enqueue, getJob } from '../../../jobs/queue';
import { AppError } from '../../../lib/errors';
import { type Calendar, CalendarError, normalisePauses } from './calendar';
import { planTargets, SEVERITIES, SLA_TARGETS, type SlaFacts } from './compute';
import * as repo from './repo';
import { cachedOrgSla, forgetOrgSla, loadOrgSla, type OrgSla } from './service-org';

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
