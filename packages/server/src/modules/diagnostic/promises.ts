// The promises registry (gap 4): what advertising, the website, contracts, scripts and staff
// promise, linked to SERVQUAL items and service attributes, with the complaints that cite it.
// Rule "not kept" (documented in docs/diagnostic.md): a promise is flagged when, in the
// diagnostic's unit and period, any of its SERVQUAL items has a perception significantly below
// the expectation (the item's 95 % interval of P − E lies wholly below 0), or when at least
// NOT_KEPT_COMPLAINTS complaints cite it.
import { createHash } from 'node:crypto';
import {
  SERVQUAL_ITEMS,
  type TDiagnosticPromiseCreate,
  type TDiagnosticPromisePatch,
  type TServqualReport,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import * as complaints from '../complaints/service';
import { unitChain, unitExists, unitScope } from '../orgs/service';
import './errors';
import * as repo from './repo';

export const NOT_KEPT_COMPLAINTS = 2;

export const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

const actor = (auth: AuthContext) => ({
  orgId: auth.orgId,
  userId: auth.userId,
  email: auth.email,
});

function toPromise(r: repo.TPromiseRow) {
  return {
    id: r.id,
    unitId: r.unitId,
    text: r.text,
    channel: r.channel,
    validFrom: r.validFrom,
    validTo: r.validTo,
    servqualItems: [...r.servqualItems].map(Number).sort((a, b) => a - b),
    attributeIds: r.attributeIds,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
export type TPromise = ReturnType<typeof toPromise>;

async function checkRefs(
  db: Sql,
  auth: AuthContext,
  v: {
    unitId?: string | null;
    ownerId?: string | null;
    validFrom?: string | null;
    validTo?: string | null;
  },
) {
  if (v.unitId) {
    const scope = await unitScope(db, auth);
    if (!(await unitExists(db, auth.orgId, v.unitId)) || (scope && !scope.includes(v.unitId)))
      throw new AppError('DIAGNOSTIC_UNIT_INVALID', { field: 'unitId' });
  }
  if (v.ownerId && !(await repo.userExists(db, auth.orgId, v.ownerId)))
    throw new AppError('DIAGNOSTIC_OWNER_INVALID', { field: 'ownerId' });
  if (v.validFrom && v.validTo && v.validFrom > v.validTo)
    throw new AppError('DIAGNOSTIC_DATES_INVALID', { field: 'validTo' });
}

function values(b: Omit<TDiagnosticPromiseCreate, 'id'>): repo.TPromiseValues {
  return {
    unitId: b.unitId ?? null,
    text: b.text,
    channel: b.channel,
    validFrom: b.validFrom ?? null,
    validTo: b.validTo ?? null,
    servqualItems: [...new Set(b.servqualItems)].sort((a, c) => a - c),
    attributeIds: [...new Set(b.attributeIds)],
    ownerId: b.ownerId ?? null,
  };
}

export async function listPromises(db: Sql, auth: AuthContext) {
  const rows = await repo.listPromises(db, auth.orgId);
  const links = await repo.complaintLinks(
    db,
    auth.orgId,
    rows.map((r) => r.id),
  );
  return {
    servqualItems: SERVQUAL_ITEMS.map((i) => ({ n: i.n, dimension: i.dimension, text: i.P })),
    items: rows.map((r) => ({
      ...toPromise(r),
      complaints: links.filter((l) => l.promiseId === r.id).length,
    })),
  };
}

/** POST: the same id and body again = 200 replay; the id reused for other content = 409. */
export async function createPromise(db: Sql, auth: AuthContext, b: TDiagnosticPromiseCreate) {
  const { id, ...rest } = b;
  const v = values(rest);
  const hash = hashOf(v);
  await checkRefs(db, auth, v);
  const created = await db.transaction(async (tx) => {
    const ok = await repo.insertPromise(tx, auth.orgId, id, v, hash);
    if (ok)
      await audit(tx, actor(auth), { action: 'promise.created', entity: 'promise', entityId: id });
    return ok;
  });
  const row = await repo.getPromise(db, auth.orgId, id);
  if (!row || (!created && row.requestHash !== hash)) throw new AppError('DIAGNOSTIC_ID_REUSED');
  return { promise: toPromise(row), replay: !created };
}

export async function getPromise(db: Sql, auth: AuthContext, id: string) {
  const row = await repo.getPromise(db, auth.orgId, id);
  if (!row) throw new AppError('DIAGNOSTIC_PROMISE_NOT_FOUND');
  const links = await repo.complaintLinks(db, auth.orgId, [id]);
  const cases = [];
  for (const l of links) {
    const c = await complaints.caseFor(db, auth, l.complaintId).catch(() => null);
    if (c)
      cases.push({
        id: c.id,
        reference: c.reference,
        subject: c.subject,
        status: c.status,
        receivedAt: c.receivedAt,
      });
  }
  return { ...toPromise(row), complaints: cases };
}

export async function patchPromise(
  db: Sql,
  auth: AuthContext,
  id: string,
  p: TDiagnosticPromisePatch,
) {
  const row = await repo.getPromise(db, auth.orgId, id);
  if (!row) throw new AppError('DIAGNOSTIC_PROMISE_NOT_FOUND');
  const cur = toPromise(row);
  const v = values({
    text: p.text ?? cur.text,
    channel: (p.channel ?? cur.channel) as TDiagnosticPromiseCreate['channel'],
    unitId: p.unitId !== undefined ? p.unitId : cur.unitId,
    validFrom: p.validFrom !== undefined ? p.validFrom : cur.validFrom,
    validTo: p.validTo !== undefined ? p.validTo : cur.validTo,
    servqualItems: p.servqualItems ?? cur.servqualItems,
    attributeIds: p.attributeIds ?? cur.attributeIds,
    ownerId: p.ownerId !== undefined ? p.ownerId : cur.ownerId,
  });
  await checkRefs(db, auth, v);
  await db.transaction(async (tx) => {
    await repo.updatePromise(tx, auth.orgId, id, v);
    await audit(tx, actor(auth), { action: 'promise.updated', entity: 'promise', entityId: id });
  });
  return getPromise(db, auth, id);
}

export async function deletePromise(db: Sql, auth: AuthContext, id: string) {
  await db.transaction(async (tx) => {
    if (!(await repo.deletePromise(tx, auth.orgId, id)))
      throw new AppError('DIAGNOSTIC_PROMISE_NOT_FOUND');
    await audit(tx, actor(auth), { action: 'promise.deleted', entity: 'promise', entityId: id });
  });
}

/** Link a complaint (read through complaints/service: it must be visible to the caller). */
export async function linkComplaint(db: Sql, auth: AuthContext, id: string, complaintId: string) {
  if (!(await repo.getPromise(db, auth.orgId, id)))
    throw new AppError('DIAGNOSTIC_PROMISE_NOT_FOUND');
  const c = await complaints.caseFor(db, auth, complaintId).catch(() => null);
  if (!c) throw new AppError('DIAGNOSTIC_COMPLAINT_INVALID', { field: 'complaintId' });
  await db.transaction(async (tx) => {
    if (await repo.linkComplaint(tx, auth.orgId, id, complaintId, auth.userId))
      await audit(tx, actor(auth), {
        action: 'promise.complaint_linked',
        entity: 'promise',
        entityId: id,
        changes: { complaintId },
      });
  });
  return getPromise(db, auth, id);
}

export async function unlinkComplaint(db: Sql, auth: AuthContext, id: string, complaintId: string) {
  if (!(await repo.getPromise(db, auth.orgId, id)))
    throw new AppError('DIAGNOSTIC_PROMISE_NOT_FOUND');
  await db.transaction(async (tx) => {
    if (await repo.unlinkComplaint(tx, auth.orgId, id, complaintId))
      await audit(tx, actor(auth), {
        action: 'promise.complaint_unlinked',
        entity: 'promise',
        entityId: id,
        changes: { complaintId },
      });
  });
  return getPromise(db, auth, id);
}

export interface TPromiseVerdict {
  id: string;
  text: string;
  channel: string;
  ownerName: string | null;
  validFrom: string | null;
  validTo: string | null;
  items: {
    item: number;
    dimension: string;
    expectation: number | null;
    perception: number | null;
    gap: number | null;
    ci95: [number, number] | null;
  }[];
  /** mean perception of the promised items (null without SERVQUAL answers) */
  perception: number | null;
  worstGap: number | null;
  complaints: number;
  notKept: boolean;
  reasons: ('perception_below' | 'complaints')[];
  /** catalogue attributes the promise is about */
  attributeIds: string[];
}

/**
 * Promises that apply to the unit (its own, its ancestors', its subtree's, org-wide ones) and
 * overlap the period, each judged against the SERVQUAL report of that unit and period.
 */
export async function promisesForDiagnostic(
  db: Sql,
  auth: AuthContext,
  q: {
    unitId: string | null;
    from: string | null;
    to: string | null;
    servqual: TServqualReport | null;
  },
): Promise<TPromiseVerdict[]> {
  const rows = await repo.listPromises(db, auth.orgId);
  const scope = await unitScope(db, auth);
  let units: Set<string> | null = null;
  if (q.unitId) {
    const up = (await unitChain(db, auth.orgId, q.unitId)).map((u) => u.id);
    const down = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
    units = new Set([...up, ...down]);
  }
  const visible = rows.filter(
    (r) =>
      (r.unitId === null ||
        ((!units || units.has(r.unitId)) && (!scope || scope.includes(r.unitId)))) &&
      (!q.to || !r.validFrom || r.validFrom <= q.to) &&
      (!q.from || !r.validTo || r.validTo >= q.from),
  );
  const links = await repo.complaintLinks(
    db,
    auth.orgId,
    visible.map((r) => r.id),
  );
  return visible.map((r) => {
    const items = [...r.servqualItems]
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => {
        const it = q.servqual?.items.find((i) => Number(i.item) === k);
        return {
          item: k,
          dimension: it?.dimension ?? '',
          expectation: it?.expectation ?? null,
          perception: it?.perception ?? null,
          gap: it?.gap ?? null,
          ci95: (it?.ci95 as [number, number] | null | undefined) ?? null,
        };
      });
    const ps = items.map((i) => i.perception).filter((x): x is number => x !== null);
    const gaps = items.map((i) => i.gap).filter((x): x is number => x !== null);
    const n = links.filter((l) => l.promiseId === r.id).length;
    const reasons: TPromiseVerdict['reasons'] = [];
    if (items.some((i) => i.ci95 !== null && i.ci95[1] < 0)) reasons.push('perception_below');
    if (n >= NOT_KEPT_COMPLAINTS) reasons.push('complaints');
    return {
      id: r.id,
      text: r.text,
      channel: r.channel,
      ownerName: r.ownerName,
      validFrom: r.validFrom,
      validTo: r.validTo,
      items,
      perception: ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : null,
      worstGap: gaps.length ? Math.min(...gaps) : null,
      complaints: n,
      notKept: reasons.length > 0,
      reasons,
      attributeIds: [...(r.attributeIds ?? [])],
    };
  });
}
