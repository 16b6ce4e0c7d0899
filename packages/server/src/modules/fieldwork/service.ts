// Fieldwork (issue 15): checklists built from service standards, internal audits, mystery
// shopping and competitor visits, photos, reviewer approval and corrective actions. The
// module's one public surface. Other modules use:
//   complianceByStandard(db, orgId, { unitIds?, from?, to? }) — gap 3 evidence (per standard
//     and item: n / met / compliance, own visits only, like the contract's standards/items);
//   unitVisitScores(db, orgId, { unitIds?, from?, to? }) — like the contract's `units`;
//   competitorVisitScores(...) — like the contract's `competitors` (never mixed into units);
//   overdueActions(db, auth) — count + most overdue corrective actions (home overview tile).
// Scores are computed by @fidelia/stats scoreAuditVisit / scoreAudit, the functions
// `fidelia analyze audit` uses. Visits keep the checklist version they were scheduled on.
// Competitor visits never count in unit, staff, standard or item figures.
import { createHash } from 'node:crypto';
import type {
  TChecklist,
  TChecklistInput,
  TChecklistItem,
  TCorrectiveAction,
  TScheduleInput,
  TVisitDetail,
  TVisitFlag,
  TVisitSubmit,
  TVisitSummary,
} from '@fidelia/contracts';
import { ZChecklistInputSchema, ZScheduleSchema, ZVisitSubmitSchema } from '@fidelia/contracts';
import {
  meanInterval,
  scoreAudit,
  scoreAuditVisit,
  type TAuditAnswer,
  type TAuditResult,
  type TAuditVisit,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext, Role } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import { unitExists, unitScope } from '../orgs/service';
import './errors';
import { checkPhoto } from './photos';
import * as repo from './repo';
import { answerProblem, checklistProblems, itemOutcome, toStatsChecklist } from './scoring';
import { standardSnapshots } from './standards-link';

export { configurePhotos } from './photos';

export const MANAGERS: readonly Role[] = ['owner', 'admin', 'analyst'];
/** Staff who may make internal audits (unit scope applies). */
export const AUDITORS: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];

/** Integrity thresholds: a visit shorter or longer than this is flagged for the reviewer. */
export const MIN_VISIT_MINUTES = 5;
export const MAX_VISIT_MINUTES = 240;
/** Days to fix a failed item (critical items sooner). */
export const ACTION_DAYS = 14;
export const CRITICAL_ACTION_DAYS = 3;

const isManager = (a: AuthContext) => MANAGERS.includes(a.role);
const isShopper = (a: AuthContext) => a.role === 'shopper';

// ------------------------------------------------------------------------------ scope
async function scopeOf(db: Sql, auth: AuthContext): Promise<string[] | null> {
  return unitScope(db, auth);
}

async function assertUnit(db: Sql, auth: AuthContext, unitId: string): Promise<void> {
  if (!(await unitExists(db, auth.orgId, unitId))) throw new AppError('NOT_FOUND');
  const scope = await scopeOf(db, auth);
  if (scope && !scope.includes(unitId)) throw new AppError('FIELDWORK_UNIT_SCOPE', { unitId });
}

/** The visit as the caller may see it: shoppers only their own, staff within their units. */
async function visibleVisit(
  db: Sql,
  auth: AuthContext,
  id: string,
  forUpdate = false,
): Promise<repo.TVisitRow> {
  const v = await repo.getVisit(db, auth.orgId, id, forUpdate);
  if (!v) throw new AppError('NOT_FOUND');
  if (isShopper(auth)) {
    if (v.assignee_id !== auth.userId) throw new AppError('NOT_FOUND');
    return v;
  }
  if (v.assignee_id === auth.userId) return v;
  const scope = await scopeOf(db, auth);
  if (scope && v.unit_id && !scope.includes(v.unit_id)) {
    throw new AppError('FIELDWORK_UNIT_SCOPE', { unitId: v.unit_id });
  }
  if (scope && !v.unit_id) throw new AppError('NOT_FOUND');
  return v;
}

// ------------------------------------------------------------------------------ checklists
function toChecklist(r: repo.TChecklistRow): TChecklist {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    version: r.version,
    active: r.active,
    items: r.items,
    visits: r.visits,
    updatedAt: iso(r.updated_at),
  };
}

export async function listChecklists(db: Sql, auth: AuthContext): Promise<TChecklist[]> {
  return (await repo.listChecklists(db, auth.orgId)).map(toChecklist);
}

export async function getChecklist(db: Sql, auth: AuthContext, id: string): Promise<TChecklist> {
  const r = await repo.getChecklist(db, auth.orgId, id);
  if (!r) throw new AppError('NOT_FOUND');
  return toChecklist(r);
}

async function buildItems(db: Sql, orgId: string, input: TChecklistInput) {
  const parsed = ZChecklistInputSchema.parse(input);
  const ids = [...new Set(parsed.items.map((i) => i.standardId).filter((x): x is string => !!x))];
  const snaps = await standardSnapshots(db, orgId, ids);
  const missing = ids.filter((id) => !snaps.has(id));
  if (missing.length > 0)
    throw new AppError('FIELDWORK_STANDARD_UNKNOWN', { standardIds: missing });
  const items: TChecklistItem[] = parsed.items.map((i) => {
    const s = i.standardId ? snaps.get(i.standardId) : undefined;
    const yesno = i.type === 'yesno';
    const fromStd =
      i.type === 'number' && s?.measureKind === 'number' && i.min == null && i.max == null;
    return {
      key: i.key,
      section: i.section,
      label: i.label,
      type: i.type,
      weight: i.weight,
      critical: i.critical,
      // a numeric item without its own target measures against the standard's (snapshot)
      min: yesno ? null : (i.min ?? (fromStd ? (s?.targetMin ?? null) : null)),
      max: yesno ? null : (i.max ?? (fromStd ? (s?.targetMax ?? null) : null)),
      pass: i.type === 'scale' ? (i.pass ?? null) : null,
      unit: i.type === 'number' ? (i.unit ?? null) : null,
      photo: i.photo,
      standardId: i.standardId ?? null,
      standardCode: s?.code ?? null,
      standardName: s?.name ?? null,
    };
  });
  const problems = checklistProblems(items);
  if (problems.length > 0) throw new AppError('FIELDWORK_CHECKLIST_INVALID', { problems });
  return { ...parsed, items };
}

export async function createChecklist(
  db: Sql,
  auth: AuthContext,
  input: TChecklistInput,
): Promise<TChecklist> {
  return db.transaction(async (tx) => {
    const c = await buildItems(tx, auth.orgId, input);
    const id = await repo.insertChecklist(tx, auth.orgId, { ...c, userId: auth.userId });
    await audit(tx, auth, { action: 'create', entity: 'fieldwork_checklist', entityId: id });
    return getChecklist(tx, auth, id);
  });
}

/** Item changes make a new version; visits already made or scheduled keep theirs. */
export async function updateChecklist(
  db: Sql,
  auth: AuthContext,
  id: string,
  input: TChecklistInput & { active?: boolean },
): Promise<TChecklist> {
  return db.transaction(async (tx) => {
    const cur = await repo.getChecklist(tx, auth.orgId, id);
    if (!cur) throw new AppError('NOT_FOUND');
    // `active` is not part of the checklist's content (strict schema): leave it out of the build
    const { active: _active, ...content } = input;
    const c = await buildItems(tx, auth.orgId, content);
    const same = JSON.stringify(c.items) === JSON.stringify(cur.items);
    if (same) {
      await repo.renameChecklist(tx, auth.orgId, id, {
        name: c.name,
        description: c.description,
        ...(input.active !== undefined ? { active: input.active } : {}),
      });
    } else {
      await repo.insertChecklistVersion(tx, auth.orgId, id, { ...c, userId: auth.userId });
      if (input.active !== undefined) {
        await repo.renameChecklist(tx, auth.orgId, id, { ...c, active: input.active });
      }
    }
    await audit(tx, auth, {
      action: 'update',
      entity: 'fieldwork_checklist',
      entityId: id,
      changes: same ? {} : { version: [cur.version, cur.version + 1] },
    });
    return getChecklist(tx, auth, id);
  });
}

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

function toAction(a: repo.TActionRow): TCorrectiveAction {
  return {
    id: a.id,
    visitId: a.visit_id,
    unitId: a.unit_id,
    unitName: a.unit_name,
    itemKey: a.item_key,
    title: a.title,
    critical: a.critical,
    ownerId: a.owner_id,
    ownerName: a.owner_name,
    dueDate: a.due_date,
    status: a.status,
    overdue: a.overdue,
    doneNote: a.done_note,
    verifyNote: a.verify_note,
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

async function assertAssignee(
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

async function computeFlags(db: Sql, orgId: string, v: repo.TVisitRow): Promise<TVisitFlag[]> {
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

// ------------------------------------------------------------------------------ photos
export async function addPhoto(
  db: Sql,
  auth: AuthContext,
  visitId: string,
  u: {
    id: string;
    kind: 'evidence' | 'receipt';
    itemKey?: string | null;
    filename: string;
    contentBase64: string;
  },
): Promise<{ replay: boolean; id: string; flags: TVisitFlag[] }> {
  const photo = checkPhoto(u.filename, u.contentBase64);
  return db.transaction(async (tx) => {
    const v = await visibleVisit(tx, auth, visitId, true);
    const prior = await repo.photoById(tx, auth.orgId, u.id);
    if (prior) {
      if (prior.visit_id !== visitId || prior.sha256 !== photo.sha256)
        throw new AppError('FIELDWORK_PHOTO_ID_TAKEN');
      return { replay: true, id: u.id, flags: isShopper(auth) ? [] : v.flags };
    }
    if (v.status === 'approved' || v.status === 'rejected')
      throw new AppError('FIELDWORK_VISIT_CLOSED');
    if (u.itemKey) {
      const items = (await repo.checklistVersionItems(
        tx,
        auth.orgId,
        v.checklist_id,
        v.checklist_version,
      )) as TChecklistItem[];
      if (!items.some((it) => it.key === u.itemKey))
        throw new AppError('FIELDWORK_ANSWER_UNKNOWN_ITEM', { item: u.itemKey });
    }
    const inserted = await repo.insertPhoto(tx, auth.orgId, {
      id: u.id,
      visitId,
      kind: u.kind,
      itemKey: u.itemKey ?? null,
      ...photo,
    });
    if (!inserted) throw new AppError('FIELDWORK_PHOTO_ID_TAKEN');
    let flags = v.flags;
    if (v.status !== 'scheduled') {
      flags = await computeFlags(tx, auth.orgId, v);
      await repo.setFlags(tx, auth.orgId, visitId, flags);
    }
    return { replay: false, id: u.id, flags: isShopper(auth) ? [] : flags };
  });
}

export async function photoFor(db: Sql, auth: AuthContext, visitId: string, photoId: string) {
  await visibleVisit(db, auth, visitId);
  const p = await repo.photoData(db, auth.orgId, visitId, photoId);
  if (!p) throw new AppError('NOT_FOUND');
  return { filename: p.filename, contentType: p.content_type, data: p.data };
}

// ------------------------------------------------------------------------------ actions
export async function listActions(
  db: Sql,
  auth: AuthContext,
  q: { status?: string; overdue?: boolean },
): Promise<TCorrectiveAction[]> {
  const scope = await scopeOf(db, auth);
  return (
    await repo.listActions(db, auth.orgId, {
      scope,
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdueOnly: true } : {}),
    })
  ).map(toAction);
}

export async function updateAction(
  db: Sql,
  auth: AuthContext,
  id: string,
  p: {
    ownerId?: string | null;
    dueDate?: string;
    status?: 'open' | 'done' | 'verified';
    note?: string;
  },
): Promise<TCorrectiveAction> {
  return db.transaction(async (tx) => {
    const a = await repo.getAction(tx, auth.orgId, id);
    if (!a) throw new AppError('NOT_FOUND');
    const scope = await scopeOf(tx, auth);
    if (scope && !scope.includes(a.unit_id)) throw new AppError('FIELDWORK_UNIT_SCOPE');
    const manager = isManager(auth);
    if (!manager && a.owner_id !== auth.userId) throw new AppError('FIELDWORK_ACTION_FORBIDDEN');
    // Owners fix and report; managers assign, reschedule and verify (the four-eyes check).
    if (!manager && (p.ownerId !== undefined || p.dueDate || p.status === 'verified'))
      throw new AppError('FIELDWORK_ACTION_FORBIDDEN');
    if (p.status === 'verified' && a.status !== 'done' && a.status !== 'verified')
      throw new AppError('FIELDWORK_ACTION_FORBIDDEN', { reason: 'not_done' });
    if (p.ownerId) {
      const u = await repo.userInfo(tx, auth.orgId, p.ownerId);
      if (!u?.active || u.role === 'shopper' || u.role === 'viewer')
        throw new AppError('FIELDWORK_ASSIGNEE_INVALID');
    }
    await repo.updateAction(tx, auth.orgId, id, {
      ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
      ...(p.dueDate ? { dueDate: p.dueDate } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(p.status === 'verified' && p.note !== undefined
        ? { verifyNote: p.note, verifiedBy: auth.userId }
        : p.status === 'verified'
          ? { verifiedBy: auth.userId }
          : p.note !== undefined
            ? { doneNote: p.note }
            : {}),
    });
    await audit(tx, auth, {
      action: 'update',
      entity: 'fieldwork_action',
      entityId: id,
      changes: p.status ? { status: [a.status, p.status] } : {},
    });
    return toAction((await repo.getAction(tx, auth.orgId, id)) as repo.TActionRow);
  });
}

/** Overdue corrective actions in the caller's units (home overview tile). */
export async function overdueActions(
  db: Sql,
  auth: AuthContext,
): Promise<{ count: number; top: TCorrectiveAction[] }> {
  if (isShopper(auth)) return { count: 0, top: [] };
  const scope = await scopeOf(db, auth);
  const [count, top] = await Promise.all([
    repo.countOverdue(db, auth.orgId, scope),
    repo.listActions(db, auth.orgId, { scope, overdueOnly: true, limit: 5 }),
  ]);
  return { count, top: top.map(toAction) };
}

export async function assignableUsers(db: Sql, auth: AuthContext) {
  return (await repo.assignableUsers(db, auth.orgId)).map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    unitId: u.unit_id,
  }));
}

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
