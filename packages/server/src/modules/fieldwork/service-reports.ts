// Fieldwork reports: unit and competitor visit scores, standards compliance (gap 3),
// checklist report and the module overview. Apart: read-only aggregation.
import type { TChecklistItem } from '@fidelia/contracts';
import {
  meanInterval,
  scoreAudit,
  type TAuditAnswer,
  type TAuditResult,
  type TAuditVisit,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import * as repo from './repo';
import { toStatsChecklist } from './scoring';
import { scopeOf } from './service-access';
import { overdueActions } from './service-actions';

// ------------------------------------------------------------------------------ reports
export interface TFilter {
  unitIds?: string[] | null;
  from?: string;
  to?: string;
}

export interface TUnitVisitScore {
  unitId: string | null;
  unit: string;
  visits: number;
  meanScore: number | null;
  meanFinalScore: number | null;
  ci95: [number, number] | null;
  criticalFailRate: number;
}

function groupScores(rows: repo.TScoredVisit[], competitor: boolean): TUnitVisitScore[] {
  const groups = new Map<string, repo.TScoredVisit[]>();
  for (const r of rows) {
    if ((r.kind === 'competitor') !== competitor) continue;
    const k = competitor ? r.unit_name : (r.unit_id as string);
    const list = groups.get(k) ?? [];
    if (list.length === 0) groups.set(k, list);
    list.push(r);
  }
  return [...groups.values()].map((list) => {
    const first = list[0] as repo.TScoredVisit;
    const scored = list.filter((r) => r.score !== null);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
    const finals = scored.map((r) => r.final_score as number);
    return {
      unitId: competitor ? null : first.unit_id,
      unit: first.unit_name,
      visits: list.length,
      meanScore: mean(scored.map((r) => r.score as number)),
      meanFinalScore: mean(finals),
      ci95: meanInterval(finals)?.ci ?? null,
      criticalFailRate: list.filter((r) => r.critical).length / list.length,
    };
  });
}

/** Own units' visit scores (kinds audit and mystery; submitted or approved visits). */
export async function unitVisitScores(
  db: Sql,
  orgId: string,
  f: TFilter = {},
): Promise<TUnitVisitScore[]> {
  return groupScores(await repo.scoredVisits(db, orgId, f), false);
}

/** Competitors' outlets, apart (ci95 and critical rate are not meaningful comparisons here). */
export async function competitorVisitScores(
  db: Sql,
  orgId: string,
  f: TFilter = {},
): Promise<Omit<TUnitVisitScore, 'ci95' | 'criticalFailRate' | 'unitId'>[]> {
  return groupScores(await repo.scoredVisits(db, orgId, f), true).map(
    ({ ci95: _c, criticalFailRate: _r, unitId: _u, ...rest }) => rest,
  );
}

export interface TCompliance {
  standards: {
    standardId: string;
    code: string | null;
    name: string | null;
    n: number;
    met: number;
    compliance: number | null;
  }[];
  items: {
    item: string;
    label: string | null;
    standardId: string | null;
    n: number;
    met: number;
    compliance: number | null;
  }[];
}

/** Gap 3 evidence: per standard and item, applicable observations, met, compliance. */
export async function complianceByStandard(
  db: Sql,
  orgId: string,
  f: TFilter & { checklistId?: string } = {},
): Promise<TCompliance> {
  const rows = await repo.itemResults(db, orgId, f);
  const labels = await repo.itemLabels(db, orgId);
  const ratio = (n: number, met: number) => (n > 0 ? met / n : null);
  const std = new Map<string, { n: number; met: number }>();
  const items = new Map<string, { standardId: string | null; n: number; met: number }>();
  for (const r of rows) {
    const it = items.get(r.item_key) ?? { standardId: r.standard_id, n: 0, met: 0 };
    it.n += r.n;
    it.met += r.met;
    items.set(r.item_key, it);
    if (!r.standard_id) continue;
    const s = std.get(r.standard_id) ?? { n: 0, met: 0 };
    s.n += r.n;
    s.met += r.met;
    std.set(r.standard_id, s);
  }
  return {
    standards: [...std].map(([standardId, s]) => ({
      standardId,
      code: labels.get(`std:${standardId}`)?.code ?? null,
      name: labels.get(`std:${standardId}`)?.name ?? null,
      n: s.n,
      met: s.met,
      compliance: ratio(s.n, s.met),
    })),
    items: [...items].map(([item, s]) => ({
      item,
      label: labels.get(item)?.label ?? null,
      standardId: s.standardId,
      n: s.n,
      met: s.met,
      compliance: ratio(s.n, s.met),
    })),
  };
}

/**
 * The contract's report (`fidelia analyze audit`) over one checklist's stored visits, computed
 * by scoreAudit itself for each checklist version the visits were made on. With one version the
 * answer is exactly what the CLI prints for the same visits; with several, visits are listed per
 * version and the unit/competitor/standard/item figures are merged over versions.
 */
export async function checklistReport(
  db: Sql,
  auth: AuthContext,
  checklistId: string,
  f: { unitId?: string; from?: string; to?: string },
): Promise<TAuditResult & { versions: number[] }> {
  const c = await repo.getChecklist(db, auth.orgId, checklistId);
  if (!c) throw new AppError('NOT_FOUND');
  const scope = await scopeOf(db, auth);
  if (f.unitId && scope && !scope.includes(f.unitId)) throw new AppError('FIELDWORK_UNIT_SCOPE');
  const rows = (
    await repo.listVisits(db, auth.orgId, {
      scope,
      ...(f.unitId ? { unitId: f.unitId } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
    })
  )
    .filter(
      (v) =>
        v.checklist_id === checklistId && (v.status === 'submitted' || v.status === 'approved'),
    )
    .sort((a, b) => iso(a.visited_at ?? 0).localeCompare(iso(b.visited_at ?? 0)));
  const byVersion = new Map<number, repo.TVisitRow[]>();
  for (const v of rows) {
    const list = byVersion.get(v.checklist_version) ?? [];
    list.push(v);
    byVersion.set(v.checklist_version, list);
  }
  const results: TAuditResult[] = [];
  for (const [version, list] of [...byVersion].sort((a, b) => a[0] - b[0])) {
    const items = (await repo.checklistVersionItems(
      db,
      auth.orgId,
      checklistId,
      version,
    )) as TChecklistItem[];
    const visits: TAuditVisit[] = [];
    for (const v of list) {
      const answers: Record<string, TAuditAnswer> = {};
      for (const a of await repo.answersOf(db, auth.orgId, v.id)) answers[a.key] = a.value;
      visits.push({
        id: v.id,
        unit: v.unit_name ?? v.competitor_name ?? '',
        kind: v.kind,
        answers,
      });
    }
    results.push(scoreAudit(toStatsChecklist(items), visits));
  }
  const versions = [...byVersion.keys()].sort((a, b) => a - b);
  if (results.length === 1) return { ...(results[0] as TAuditResult), versions };
  return { ...mergeResults(results), versions };
}

function mergeResults(results: TAuditResult[]): TAuditResult {
  const visits = results.flatMap((r) => r.visits);
  const group = (competitor: boolean) => {
    const m = new Map<string, typeof visits>();
    for (const v of visits) {
      if ((v.kind === 'competitor') !== competitor) continue;
      const l = m.get(v.unit) ?? [];
      if (l.length === 0) m.set(v.unit, l);
      l.push(v);
    }
    return [...m].map(([unit, list]) => {
      const scored = list.filter((v) => v.score !== null);
      const finals = scored.map((v) => v.finalScore as number);
      const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
      return {
        unit,
        visits: list.length,
        meanScore: mean(scored.map((v) => v.score as number)),
        meanFinalScore: mean(finals),
        ci95: meanInterval(finals)?.ci ?? null,
        criticalFailRate: list.filter((v) => v.criticalFailed.length > 0).length / list.length,
      };
    });
  };
  const sum = <K extends 'standard' | 'item'>(k: K, lists: { [P in K]: string }[][]) => {
    const m = new Map<string, { n: number; met: number }>();
    for (const l of lists)
      for (const x of l as unknown as ({ n: number; met: number } & Record<K, string>)[]) {
        const cur = m.get(x[k]) ?? { n: 0, met: 0 };
        cur.n += x.n;
        cur.met += x.met;
        m.set(x[k], cur);
      }
    return [...m].map(([key, s]) => ({
      [k]: key,
      n: s.n,
      met: s.met,
      compliance: s.n > 0 ? s.met / s.n : null,
    }));
  };
  return {
    visits,
    units: group(false),
    competitors: group(true).map(({ ci95: _c, criticalFailRate: _r, ...rest }) => rest),
    standards: sum(
      'standard',
      results.map((r) => r.standards),
    ) as unknown as TAuditResult['standards'],
    items: sum(
      'item',
      results.map((r) => r.items),
    ) as unknown as TAuditResult['items'],
  };
}

/** The module's own overview: units, competitors apart, standards and items, open actions. */
export async function summaryReport(
  db: Sql,
  auth: AuthContext,
  q: { checklistId?: string; unitId?: string; from?: string; to?: string },
) {
  const scope = await scopeOf(db, auth);
  if (q.unitId && scope && !scope.includes(q.unitId)) throw new AppError('FIELDWORK_UNIT_SCOPE');
  const unitIds = q.unitId ? [q.unitId] : scope;
  const f = {
    unitIds,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
  const rows = await repo.scoredVisits(db, auth.orgId, {
    ...f,
    ...(q.checklistId ? { checklistId: q.checklistId } : {}),
  });
  const own = groupScores(rows, false).filter((u) => !unitIds || unitIds.includes(u.unitId ?? ''));
  const [compliance, overdue] = await Promise.all([
    complianceByStandard(db, auth.orgId, {
      ...f,
      ...(q.checklistId ? { checklistId: q.checklistId } : {}),
    }),
    overdueActions(db, auth),
  ]);
  return {
    units: own,
    competitors: groupScores(rows, true).map(
      ({ ci95: _c, criticalFailRate: _r, unitId: _u, ...rest }) => rest,
    ),
    ...compliance,
    overdueActions: overdue.count,
  };
}
