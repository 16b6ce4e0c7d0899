// Fieldwork visits: listing, detail, scheduling and the assignee check. Apart from
// service.ts (the module's public surface), which re-exports what other files use.
import type {
  TChecklistItem,
  TScheduleInput,
  TVisitDetail,
  TVisitSummary,
} from '@fidelia/contracts';
import { ZScheduleSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import { unitScope } from '../orgs/service';
import * as repo from './repo';
import { assertUnit, isShopper, scopeOf, visibleVisit } from './service-access';
import { toAction } from './service-actions';

// ------------------------------------------------------------------------------ visits
function summary(v: repo.TVisitRow): TVisitSummary {
  return {
    id: v.id,
    kind: v.kind,
    status: v.status,
    checklistId: v.checklist_id,
    checklistName: v.checklist_name,
    checklistVersion: v.checklist_version,
    unitId: v.unit_id,
    unitName: v.unit_name,
    competitorName: v.competitor_name,
    assigneeId: v.assignee_id,
    assigneeName: v.assignee_name,
    windowFrom: v.window_from,
    windowTo: v.window_to,
    visitedAt: iso(v.visited_at),
    score: v.score,
    finalScore: v.final_score,
    criticalFailed: v.critical_failed,
    flags: v.flags,
    source: v.source,
  };
}

export async function listVisits(
  db: Sql,
  auth: AuthContext,
  q: { status?: string; kind?: string; unitId?: string; from?: string; to?: string },
): Promise<TVisitSummary[]> {
  if (isShopper(auth)) {
    const rows = await repo.listVisits(db, auth.orgId, { scope: null, assigneeId: auth.userId });
    return rows.map((v) => ({ ...summary(v), flags: [] }));
  }
  const scope = await scopeOf(db, auth);
  return (await repo.listVisits(db, auth.orgId, { scope, ...q })).map(summary);
}

export async function getVisit(db: Sql, auth: AuthContext, id: string): Promise<TVisitDetail> {
  const v = await visibleVisit(db, auth, id);
  const items = (await repo.checklistVersionItems(
    db,
    auth.orgId,
    v.checklist_id,
    v.checklist_version,
  )) as TChecklistItem[];
  const [answers, photos, actions] = await Promise.all([
    repo.answersOf(db, auth.orgId, id),
    repo.photosOf(db, auth.orgId, id),
    isShopper(auth) ? Promise.resolve([]) : repo.actionsOfVisit(db, auth.orgId, id),
  ]);
  const byKey = new Map(answers.map((a) => [a.key, a]));
  return {
    ...summary(v),
    ...(isShopper(auth) ? { flags: [] } : {}),
    items,
    answers: items.map((it) => ({
      key: it.key,
      value: byKey.get(it.key)?.value ?? null,
      comment: byKey.get(it.key)?.comment ?? '',
    })),
    sections: v.sections,
    earned: v.earned,
    possible: v.possible,
    unanswered: v.unanswered,
    startedAt: iso(v.started_at),
    endedAt: iso(v.ended_at),
    submittedAt: iso(v.submitted_at),
    comment: v.comment,
    reviewNote: isShopper(auth) ? '' : v.review_note,
    reviewedAt: iso(v.reviewed_at),
    photos: photos.map((p) => ({
      id: p.id,
      kind: p.kind,
      itemKey: p.item_key,
      filename: p.filename,
    })),
    actions: actions.map(toAction),
  };
}

/** Schedules visits (client-made ids: a retried request creates nothing twice). */
export async function schedule(
  db: Sql,
  auth: AuthContext,
  input: TScheduleInput,
): Promise<{ created: number; replayed: number; visits: TVisitSummary[] }> {
  const { visits } = ZScheduleSchema.parse(input);
  return db.transaction(async (tx) => {
    const existing = await repo.visitOrgs(
      tx,
      auth.orgId,
      visits.map((v) => v.id),
    );
    const known = new Map(existing.map((e) => [e.id, e.same_org]));
    const rows: Parameters<typeof repo.insertVisits>[2] = [];
    let replayed = 0;
    for (const v of visits) {
      if (known.has(v.id)) {
        if (!known.get(v.id)) throw new AppError('FIELDWORK_VISIT_ID_TAKEN', { id: v.id });
        const cur = (await repo.getVisit(tx, auth.orgId, v.id)) as repo.TVisitRow;
        const same =
          cur.checklist_id === v.checklistId &&
          cur.kind === v.kind &&
          (cur.unit_id ?? null) === (v.unitId ?? null) &&
          (cur.assignee_id ?? null) === (v.assigneeId ?? null);
        if (!same) throw new AppError('FIELDWORK_VISIT_ID_TAKEN', { id: v.id });
        replayed++;
        continue;
      }
      const c = await repo.getChecklist(tx, auth.orgId, v.checklistId);
      if (!c) throw new AppError('NOT_FOUND', { checklistId: v.checklistId });
      if (!c.active) throw new AppError('FIELDWORK_CHECKLIST_INACTIVE');
      let unitId: string | null = null;
      let competitorName: string | null = null;
      if (v.kind === 'competitor') {
        if (!v.competitorName) throw new AppError('FIELDWORK_UNIT_REQUIRED');
        competitorName = v.competitorName;
      } else {
        if (!v.unitId) throw new AppError('FIELDWORK_UNIT_REQUIRED');
        await assertUnit(tx, auth, v.unitId);
        unitId = v.unitId;
      }
      if (v.assigneeId) await assertAssignee(tx, auth.orgId, v.assigneeId, v.kind, unitId);
      if (v.windowFrom && v.windowTo && v.windowTo < v.windowFrom) {
        throw new AppError('VALIDATION_FAILED', { field: 'windowTo' });
      }
      rows.push({
        id: v.id,
        checklistId: v.checklistId,
        version: c.version,
        kind: v.kind,
        unitId,
        competitorName,
        assigneeId: v.assigneeId ?? null,
        windowFrom: v.windowFrom ?? null,
        windowTo: v.windowTo ?? null,
        createdBy: auth.userId,
      });
    }
    const ids = await repo.insertVisits(tx, auth.orgId, rows);
    if (ids.length > 0) {
      await audit(tx, auth, {
        action: 'create',
        entity: 'fieldwork_visit',
        changes: { scheduled: ids.length },
      });
    }
    const out: TVisitSummary[] = [];
    for (const v of visits) {
      const row = await repo.getVisit(tx, auth.orgId, v.id);
      if (row) out.push(summary(row));
    }
    return { created: ids.length, replayed, visits: out };
  });
}

export async function assertAssignee(
  db: Sql,
  orgId: string,
  userId: string,
  kind: string,
  unitId: string | null,
): Promise<void> {
  const u = await repo.userInfo(db, orgId, userId);
  if (!u?.active || u.role === 'viewer') throw new AppError('FIELDWORK_ASSIGNEE_INVALID');
  // Internal audits are staff work; a unit-scoped auditor only audits inside their units.
  if (kind === 'audit') {
    if (u.role === 'shopper') throw new AppError('FIELDWORK_ASSIGNEE_INVALID');
    if (u.unit_id && unitId) {
      const scope = await unitScope(db, { orgId, unitId: u.unit_id });
      if (scope && !scope.includes(unitId))
        throw new AppError('FIELDWORK_ASSIGNEE_INVALID', { reason: 'unit' });
    }
  }
}
