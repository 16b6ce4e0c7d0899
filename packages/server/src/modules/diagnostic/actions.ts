// The tracked action list: candidates from the diagnostic (ranking.ts) accepted into actions
// with an owner and a due date, tracked to closure; a closed action shows the next period's
// gap 5 of its dimension (same customer survey and unit, answers after the closing day) beside
// the gap it had when accepted.
import type { TDiagnosticActionCreate, TDiagnosticActionPatch } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import * as analytics from '../analytics/service';
import { audit } from '../audit/service';
import { listUnits, unitExists, unitScope } from '../orgs/service';
import './errors';
import { hashOf } from './promises';
import * as repo from './repo';

const actor = (auth: AuthContext) => ({
  orgId: auth.orgId,
  userId: auth.userId,
  email: auth.email,
});
const CLOSED = new Set(['done', 'dropped']);

function toAction(r: repo.TActionRow, unitName: string | null) {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName,
    gap: r.gap,
    dimension: r.dimension,
    findingKey: r.findingKey,
    title: r.title,
    detail: r.detail,
    score: Number(r.score),
    surveyId: r.surveyId,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    baselineGap: r.baselineGap === null ? null : Number(r.baselineGap),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    dueOn: r.dueOn,
    status: r.status,
    closedAt: iso(r.closedAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
export type TAction = ReturnType<typeof toAction> & {
  after: { gap: number | null; n: number; from: string } | null;
};

async function checkRefs(
  db: Sql,
  auth: AuthContext,
  unitId: string | null,
  ownerId: string | null,
) {
  if (unitId) {
    const scope = await unitScope(db, auth);
    if (!(await unitExists(db, auth.orgId, unitId)) || (scope && !scope.includes(unitId)))
      throw new AppError('DIAGNOSTIC_UNIT_INVALID', { field: 'unitId' });
  }
  if (ownerId && !(await repo.userExists(db, auth.orgId, ownerId)))
    throw new AppError('DIAGNOSTIC_OWNER_INVALID', { field: 'ownerId' });
}

/** The dimension's gap 5 from the day after closing, same survey and unit. */
async function nextPeriodGap(
  db: Sql,
  auth: AuthContext,
  a: ReturnType<typeof toAction>,
): Promise<TAction['after']> {
  if (!CLOSED.has(a.status) || !a.closedAt || !a.surveyId || !a.dimension) return null;
  const from = new Date(Date.parse(a.closedAt) + 86_400_000).toISOString().slice(0, 10);
  const r = await analytics
    .servqualReport(db, auth, a.surveyId, { from, ...(a.unitId ? { unitId: a.unitId } : {}) })
    .catch(() => null);
  if (!r) return null;
  const d = r.dimensions.find((x) => x.dimension === a.dimension);
  return { gap: d?.gap ?? null, n: r.n, from };
}

export async function listActions(
  db: Sql,
  auth: AuthContext,
  q: { status?: string; unitId?: string },
): Promise<{ items: TAction[] }> {
  let unitIds = await unitScope(db, auth);
  if (q.unitId) {
    if (unitIds && !unitIds.includes(q.unitId)) throw new AppError('DIAGNOSTIC_UNIT_INVALID');
    unitIds = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
  }
  const rows = await repo.listActions(db, auth.orgId, { status: q.status ?? null, unitIds });
  const names = new Map((await listUnits(db, auth.orgId)).map((u) => [u.id, u.name]));
  const items: TAction[] = [];
  for (const r of rows) {
    const a = toAction(r, r.unitId ? (names.get(r.unitId) ?? null) : null);
    items.push({ ...a, after: await nextPeriodGap(db, auth, a) });
  }
  return { items };
}

async function one(db: Sql, auth: AuthContext, id: string): Promise<TAction> {
  const r = await repo.getAction(db, auth.orgId, id);
  if (!r) throw new AppError('DIAGNOSTIC_ACTION_NOT_FOUND');
  const scope = await unitScope(db, auth);
  if (scope && !(r.unitId && scope.includes(r.unitId)))
    throw new AppError('DIAGNOSTIC_ACTION_NOT_FOUND');
  const names = new Map((await listUnits(db, auth.orgId)).map((u) => [u.id, u.name]));
  const a = toAction(r, r.unitId ? (names.get(r.unitId) ?? null) : null);
  return { ...a, after: await nextPeriodGap(db, auth, a) };
}

/** Accept a candidate: same id and body again = replay; the id reused otherwise = 409. */
export async function createAction(db: Sql, auth: AuthContext, b: TDiagnosticActionCreate) {
  const { id, ...rest } = b;
  const v: repo.TActionValues = {
    unitId: rest.unitId ?? null,
    gap: rest.gap,
    dimension: rest.dimension ?? null,
    findingKey: rest.findingKey,
    title: rest.title,
    detail: rest.detail ?? '',
    score: rest.score ?? 0,
    surveyId: rest.surveyId ?? null,
    periodFrom: rest.periodFrom ?? null,
    periodTo: rest.periodTo ?? null,
    baselineGap: rest.baselineGap ?? null,
    ownerId: rest.ownerId ?? null,
    dueOn: rest.dueOn ?? null,
  };
  await checkRefs(db, auth, v.unitId, v.ownerId);
  const hash = hashOf(v);
  const created = await db.transaction(async (tx) => {
    const ok = await repo.insertAction(tx, auth.orgId, id, v, hash);
    if (ok)
      await audit(tx, actor(auth), {
        action: 'diagnostic_action.created',
        entity: 'diagnostic_action',
        entityId: id,
      });
    return ok;
  });
  const row = await repo.getAction(db, auth.orgId, id);
  if (!row || (!created && row.requestHash !== hash)) throw new AppError('DIAGNOSTIC_ID_REUSED');
  return { action: await one(db, auth, id), replay: !created };
}

export async function patchAction(
  db: Sql,
  auth: AuthContext,
  id: string,
  p: TDiagnosticActionPatch,
) {
  const cur = await one(db, auth, id);
  const ownerId = p.ownerId !== undefined ? p.ownerId : cur.ownerId;
  await checkRefs(db, auth, null, ownerId);
  const status = p.status ?? cur.status;
  const closedAt = CLOSED.has(status)
    ? CLOSED.has(cur.status) && cur.closedAt
      ? new Date(cur.closedAt)
      : new Date()
    : null;
  await db.transaction(async (tx) => {
    await repo.updateAction(tx, auth.orgId, id, {
      title: p.title ?? cur.title,
      detail: p.detail ?? cur.detail,
      ownerId,
      dueOn: p.dueOn !== undefined ? p.dueOn : cur.dueOn,
      status,
      closedAt,
    });
    await audit(tx, actor(auth), {
      action: 'diagnostic_action.updated',
      entity: 'diagnostic_action',
      entityId: id,
      changes: p.status && p.status !== cur.status ? { status: [cur.status, p.status] } : {},
    });
  });
  return one(db, auth, id);
}

/** People who may own a promise or an action. */
export async function listOwners(db: Sql, auth: AuthContext) {
  return { items: await repo.listOwners(db, auth.orgId) };
}
