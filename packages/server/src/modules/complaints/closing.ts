// Response and remedy, the customer's decision, closing with root cause.
// Part of the complaints module: other modules import it through service.ts.
import type { TRemedy } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import * as repo from './repo';
import * as cfg from './repo-config';
import './errors';
import { type Actor, actorOf, emit, mail } from './events';
import { caseFor } from './scope';
import { move } from './workflow';

// --------------------------------------------------------------------------- response, closing

export async function respond(
  db: Sql,
  auth: AuthContext,
  id: string,
  r: { body: string; remedies: TRemedy[] },
) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    const now = new Date().toISOString();
    const ev = await move(tx, actorOf(auth), c, 'responded', {
      kind: 'response',
      note: r.body,
      responseText: r.body,
      remedies: r.remedies,
      respondedAt: now,
      firstResponseAt: c.firstResponseAt ?? now,
      waitingSince: null,
      customerDecision: null,
      decidedAt: null,
    });
    const after = (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
    await mail(tx, after, auth.orgId, 'response', ev.id);
    return after;
  });
}

export async function recordDecision(
  tx: Sql,
  actor: Actor,
  c: repo.TCase,
  d: { accepted: boolean; comment?: string | undefined },
) {
  if (c.status !== 'responded') throw new AppError('COMPLAINT_BAD_TRANSITION', { from: c.status });
  if (c.customerDecision) throw new AppError('COMPLAINT_ALREADY_DECIDED');
  await repo.updateCase(tx, actor.orgId, c.id, {
    customerDecision: d.accepted ? 'accepted' : 'rejected',
    decisionComment: d.comment ?? null,
    decidedAt: new Date().toISOString(),
  });
  const ev = await repo.insertEvent(tx, actor.orgId, c.id, {
    actorId: actor.userId,
    actorLabel: actor.label,
    kind: 'decision',
    visibility: 'customer',
    body: d.comment ?? null,
    data: { accepted: d.accepted },
  });
  await emit(tx, actor.orgId, c.id, 'decision', ev);
  return (await repo.getCase(tx, actor.orgId, c.id)) as repo.TCase;
}

/** Staff records the customer's acceptance/rejection (told at the counter or by phone). */
export async function decide(
  db: Sql,
  auth: AuthContext,
  id: string,
  d: { accepted: boolean; comment?: string | undefined },
) {
  return db.transaction(async (tx) =>
    recordDecision(tx, actorOf(auth), await caseFor(tx, auth, id, true), d),
  );
}

export async function close(
  db: Sql,
  auth: AuthContext,
  id: string,
  r: {
    causeId: string;
    rootCategoryId?: string | undefined;
    fiveWhys: string[];
    note?: string | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    const cause = await cfg.getCategory(tx, auth.orgId, r.causeId);
    if (cause?.tree !== 'cause')
      throw new AppError('COMPLAINT_CATEGORY_INVALID', { field: 'causeId' });
    const rootCat = r.rootCategoryId ?? c.categoryId;
    if (r.rootCategoryId) {
      const cat = await cfg.getCategory(tx, auth.orgId, r.rootCategoryId);
      if (cat?.tree !== 'category') {
        throw new AppError('COMPLAINT_CATEGORY_INVALID', { field: 'rootCategoryId' });
      }
    }
    const ev = await move(tx, actorOf(auth), c, 'closed', {
      kind: 'closed',
      note: r.note,
      causeId: r.causeId,
      rootCategoryId: rootCat ?? null,
      fiveWhys: r.fiveWhys,
      closedAt: new Date().toISOString(),
      waitingSince: null,
    });
    const after = (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
    await mail(tx, after, auth.orgId, 'closed', ev.id);
    return after;
  });
}
