// Fieldwork visit answers: integrity flags, validation, storing and scoring a submission
// (also imported rows), reassignment and review. Apart: the write path of a visit.
import { createHash } from 'node:crypto';
import type { TChecklistItem, TVisitDetail, TVisitFlag, TVisitSubmit } from '@fidelia/contracts';
import { ZVisitSubmitSchema } from '@fidelia/contracts';
import { scoreAuditVisit, type TAuditAnswer, type TAuditVisit } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import * as repo from './repo';
import { answerProblem, itemOutcome, toStatsChecklist } from './scoring';
import { isManager, isShopper, visibleVisit } from './service-access';
import { assertAssignee, getVisit, schedule } from './service-visits';

/** Integrity thresholds: a visit shorter or longer than this is flagged for the reviewer. */
export const MIN_VISIT_MINUTES = 5;
export const MAX_VISIT_MINUTES = 240;
/** Days to fix a failed item (critical items sooner). */
export const ACTION_DAYS = 14;
export const CRITICAL_ACTION_DAYS = 3;

function canonicalHash(s: ReturnType<typeof ZVisitSubmitSchema.parse>): string {
  const answers = [...s.answers]
    .filter((a) => a.value !== null)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((a) => [a.key, a.value, a.comment]);
  return createHash('sha256')
    .update(
      JSON.stringify([
        answers,
        Date.parse(s.startedAt),
        Date.parse(s.endedAt),
        s.comment,
        s.staffUserId ?? null,
      ]),
    )
    .digest('hex');
}

function timeFlags(startedAt: Date | string | null, endedAt: Date | string | null): TVisitFlag[] {
  if (!startedAt || !endedAt) return [];
  const minutes = (new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 60000;
  const m = Math.round(minutes * 10) / 10;
  if (minutes < MIN_VISIT_MINUTES) return [{ code: 'too_short', detail: { minutes: m } }];
  if (minutes > MAX_VISIT_MINUTES) return [{ code: 'too_long', detail: { minutes: m } }];
  return [];
}

export async function computeFlags(
  db: Sql,
  orgId: string,
  v: repo.TVisitRow,
): Promise<TVisitFlag[]> {
  const flags = timeFlags(v.started_at, v.ended_at);
  const photos = await repo.photosOf(db, orgId, v.id);
  const dups = await repo.duplicatePhotos(
    db,
    orgId,
    v.id,
    photos.map((p) => p.sha256),
  );
  if (dups.length > 0) {
    flags.push({
      code: 'duplicate_photo',
      detail: { visits: [...new Set(dups.map((d) => d.visit_id))] },
    });
  }
  if (v.kind === 'mystery' && v.source === 'app' && !photos.some((p) => p.kind === 'receipt')) {
    flags.push({ code: 'no_receipt' });
  }
  if (v.window_to && v.visited_at && iso(v.visited_at).slice(0, 10) > v.window_to) {
    flags.push({ code: 'late', detail: { windowTo: v.window_to } });
  }
  return flags;
}

function validateAnswers(
  items: readonly TChecklistItem[],
  answers: { key: string; value: TAuditAnswer; comment: string }[],
): Record<string, TAuditAnswer> {
  const byKey = new Map(items.map((it) => [it.key, it]));
  const out: Record<string, TAuditAnswer> = {};
  for (const a of answers) {
    const it = byKey.get(a.key);
    if (!it) throw new AppError('FIELDWORK_ANSWER_UNKNOWN_ITEM', { item: a.key });
    const problem = answerProblem(it, a.value);
    if (problem) throw new AppError('FIELDWORK_ANSWER_INVALID', { item: a.key, problem });
    out[a.key] = a.value;
  }
  return out;
}

/** Stores and scores a visit's answers; opens corrective actions for failed own-unit items. */
async function store(
  tx: Sql,
  auth: Pick<AuthContext, 'orgId'>,
  v: repo.TVisitRow,
  s: ReturnType<typeof ZVisitSubmitSchema.parse>,
  hash: string | null,
  times: { startedAt: string | null; endedAt: string | null; visitedAt: string } = {
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    visitedAt: s.endedAt,
  },
): Promise<void> {
  const items = (await repo.checklistVersionItems(
    tx,
    auth.orgId,
    v.checklist_id,
    v.checklist_version,
  )) as TChecklistItem[];
  const answers = validateAnswers(items, s.answers);
  const visit: TAuditVisit = {
    id: v.id,
    unit: v.unit_name ?? v.competitor_name ?? '',
    kind: v.kind,
    answers,
  };
  const r = scoreAuditVisit(toStatsChecklist(items), visit);
  const visitedAt = times.visitedAt;
  await repo.saveSubmission(tx, auth.orgId, v.id, {
    answers: s.answers
      .filter((a) => a.value !== null)
      .map((a) => ({ key: a.key, value: a.value as repo.TAnswerValue, comment: a.comment })),
    startedAt: times.startedAt,
    endedAt: times.endedAt,
    visitedAt,
    hash,
    staffUserId: s.staffUserId ?? null,
    comment: s.comment,
    earned: r.earned,
    possible: r.possible,
    score: r.score,
    finalScore: r.finalScore,
    criticalFailed: r.criticalFailed,
    unanswered: r.unanswered,
    sections: r.sections,
    flags: [],
  });
  const fresh = (await repo.getVisit(tx, auth.orgId, v.id)) as repo.TVisitRow;
  await repo.setFlags(tx, auth.orgId, v.id, await computeFlags(tx, auth.orgId, fresh));
  if (v.kind !== 'competitor' && v.unit_id) {
    const day = new Date(visitedAt);
    const due = (days: number) =>
      new Date(day.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    await repo.insertActions(
      tx,
      auth.orgId,
      items
        .filter((it) => itemOutcome(it, answers[it.key]) === 'failed')
        .map((it) => ({
          visitId: v.id,
          unitId: v.unit_id as string,
          itemKey: it.key,
          standardId: it.standardId,
          title: it.label,
          critical: it.critical,
          ownerId: null,
          dueDate: due(it.critical ? CRITICAL_ACTION_DAYS : ACTION_DAYS),
        })),
    );
  }
}

/**
 * Sends a visit's answers. Idempotent: the same answers again return the stored result
 * (`replay: true`); different answers for a visit already sent are a 409 and change nothing.
 */
export async function submit(
  db: Sql,
  auth: AuthContext,
  id: string,
  input: TVisitSubmit,
): Promise<{ replay: boolean; visit: TVisitDetail }> {
  const s = ZVisitSubmitSchema.parse(input);
  const start = Date.parse(s.startedAt);
  const end = Date.parse(s.endedAt);
  if (end < start || end > Date.now() + 10 * 60_000) throw new AppError('FIELDWORK_TIMES_INVALID');
  const hash = canonicalHash(s);
  const replay = await db.transaction(async (tx) => {
    const v = await visibleVisit(tx, auth, id, true);
    if (!isShopper(auth) && v.assignee_id !== auth.userId && !isManager(auth)) {
      if (v.kind !== 'audit' || v.assignee_id) throw new AppError('FORBIDDEN');
    }
    if (v.status !== 'scheduled') {
      if (v.submission_hash === hash) return true;
      if (v.status !== 'submitted') throw new AppError('FIELDWORK_VISIT_CLOSED');
      throw new AppError('FIELDWORK_ALREADY_SUBMITTED');
    }
    if (s.staffUserId) {
      const u = await repo.userInfo(tx, auth.orgId, s.staffUserId);
      if (!u || u.role === 'shopper')
        throw new AppError('VALIDATION_FAILED', { field: 'staffUserId' });
    }
    await store(tx, auth, v, s, hash);
    await audit(tx, auth, { action: 'submit', entity: 'fieldwork_visit', entityId: id });
    return false;
  });
  return { replay, visit: await getVisit(db, auth, id) };
}

/** An internal audit made on the spot (schedule + submit in one, client-made id). */
export async function createAndSubmit(
  db: Sql,
  auth: AuthContext,
  input: TVisitSubmit & {
    id: string;
    checklistId: string;
    kind: 'audit' | 'mystery' | 'competitor';
    unitId?: string | null;
    competitorName?: string | null;
  },
): Promise<{ replay: boolean; visit: TVisitDetail }> {
  const existing = await repo.visitOrgs(db, auth.orgId, [input.id]);
  if (existing.length === 0) {
    await schedule(db, auth, {
      visits: [
        {
          id: input.id,
          checklistId: input.checklistId,
          kind: input.kind,
          unitId: input.unitId ?? null,
          competitorName: input.competitorName ?? null,
          assigneeId: auth.userId,
        },
      ],
    });
  } else if (!existing[0]?.same_org) {
    throw new AppError('FIELDWORK_VISIT_ID_TAKEN', { id: input.id });
  }
  const { id, checklistId: _c, kind: _k, unitId: _u, competitorName: _n, ...rest } = input;
  return submit(db, auth, id, rest);
}

/** One imported agency row: a visit made and scored at once; 'already' when its external
 * reference was imported before (nothing changes). */
export async function storeImported(
  db: Sql,
  auth: AuthContext,
  r: {
    id: string;
    checklistId: string;
    version: number;
    kind: 'audit' | 'mystery' | 'competitor';
    unitId: string | null;
    competitorName: string | null;
    externalRef: string;
    visitedAt: string;
    answers: { key: string; value: TAuditAnswer; comment: string }[];
  },
): Promise<'stored' | 'already'> {
  return db.transaction(async (tx) => {
    if (await repo.visitByExternal(tx, auth.orgId, r.externalRef)) return 'already';
    await repo.insertVisits(tx, auth.orgId, [
      {
        id: r.id,
        checklistId: r.checklistId,
        version: r.version,
        kind: r.kind,
        unitId: r.unitId,
        competitorName: r.competitorName,
        assigneeId: null,
        windowFrom: null,
        windowTo: null,
        source: 'import',
        externalRef: r.externalRef,
        createdBy: auth.userId,
      },
    ]);
    const v = (await repo.getVisit(tx, auth.orgId, r.id)) as repo.TVisitRow;
    const s = { answers: r.answers, startedAt: r.visitedAt, endedAt: r.visitedAt, comment: '' };
    await store(tx, auth, v, s, null, { startedAt: null, endedAt: null, visitedAt: r.visitedAt });
    return 'stored';
  });
}

/** Reassigns a visit that is still scheduled (null = nobody). */
export async function reassignVisit(
  db: Sql,
  auth: AuthContext,
  id: string,
  assigneeId: string | null,
): Promise<TVisitDetail> {
  await db.transaction(async (tx) => {
    const v = await visibleVisit(tx, auth, id, true);
    if (v.status !== 'scheduled') throw new AppError('FIELDWORK_NOT_SCHEDULED');
    if (assigneeId) await assertAssignee(tx, auth.orgId, assigneeId, v.kind, v.unit_id);
    await repo.setAssignee(tx, auth.orgId, id, assigneeId);
    await audit(tx, auth, {
      action: 'update',
      entity: 'fieldwork_visit',
      entityId: id,
      changes: { assigneeId: [v.assignee_id, assigneeId] },
    });
  });
  return getVisit(db, auth, id);
}

export async function reviewVisit(
  db: Sql,
  auth: AuthContext,
  id: string,
  r: { decision: 'approve' | 'reject'; note?: string },
): Promise<TVisitDetail> {
  await db.transaction(async (tx) => {
    const v = await visibleVisit(tx, auth, id, true);
    if (v.status !== 'submitted') throw new AppError('FIELDWORK_NOT_SUBMITTED');
    const status = r.decision === 'approve' ? 'approved' : 'rejected';
    await repo.review(tx, auth.orgId, id, { status, userId: auth.userId, note: r.note ?? '' });
    await audit(tx, auth, {
      action: status,
      entity: 'fieldwork_visit',
      entityId: id,
      changes: { status: ['submitted', status] },
    });
  });
  return getVisit(db, auth, id);
}
