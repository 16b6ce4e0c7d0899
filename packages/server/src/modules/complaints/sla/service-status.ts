import type { Sql } from '../../../db/client';
import { AppError } from '../../../lib/errors';
import { unitExists, unitSubtree } from '../../orgs/service';
import { normalisePauses } from './calendar';
import {
  planTargets,
  type SlaTarget,
  type TargetPlan,
  type TargetView,
  viewTarget,
} from './compute';
import * as repo from './repo';
import { loadOrgSla } from './service-org';
import { factsOf } from './service-recompute';

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
