// The customer's link: public case view, decision and rating.
// Part of the complaints module: other modules import it through service.ts.
import type { Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import * as repo from './repo';
import './errors';
import { recordDecision } from './closing';
import { customerActor, emit } from './events';

// --------------------------------------------------------------------------- customer link

/** What the customer sees through their link: no internal notes, no staff identities. */
export async function publicView(db: Sql, token: string) {
  const c = await repo.byToken(db, token);
  if (!c) throw new AppError('NOT_FOUND');
  const events = await repo.listEvents(db, c.orgId, c.id, true);
  return {
    reference: c.reference,
    status: c.status,
    subject: c.subject,
    language: c.language,
    receivedAt: c.receivedAt,
    expectedResponseBy: c.expectedResponseBy,
    responseText: c.responseText,
    remedies: c.remedies,
    rejectReason: c.rejectReason,
    recourse: c.recourse,
    customerDecision: c.customerDecision,
    rating: c.rating,
    ratingComment: c.ratingComment,
    canDecide: c.status === 'responded' && !c.customerDecision,
    canRate: (c.status === 'closed' || c.status === 'rejected') && c.rating === null,
    timeline: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      toStatus: e.toStatus,
      body:
        e.kind === 'message_out' ||
        e.kind === 'message_in' ||
        e.kind === 'response' ||
        e.kind === 'rated'
          ? e.body
          : null,
      /** the customer's "how did we handle it" rating (1-5) on their 'rated' entry */
      rating: e.kind === 'rated' && typeof e.data.rating === 'number' ? e.data.rating : null,
      from: e.actorLabel === 'customer' ? 'customer' : 'company',
    })),
  };
}

export async function publicDecision(
  db: Sql,
  token: string,
  d: { accepted: boolean; comment?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const c = await repo.byToken(tx, token, true);
    if (!c) throw new AppError('NOT_FOUND');
    await recordDecision(tx, customerActor(c.orgId), c, d);
    return { ok: true };
  });
}

/** "How did we handle it": once per case, after closing (or rejection). */
export async function rate(
  db: Sql,
  token: string,
  r: { rating: number; comment?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const c = await repo.byToken(tx, token, true);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.status !== 'closed' && c.status !== 'rejected')
      throw new AppError('COMPLAINT_NOT_RATEABLE');
    if (c.rating !== null) throw new AppError('COMPLAINT_ALREADY_RATED');
    await repo.updateCase(tx, c.orgId, c.id, {
      rating: r.rating,
      ratingComment: r.comment ?? null,
      ratedAt: new Date().toISOString(),
    });
    const ev = await repo.insertEvent(tx, c.orgId, c.id, {
      actorId: null,
      actorLabel: 'customer',
      kind: 'rated',
      body: r.comment ?? null,
      data: { rating: r.rating },
    });
    await emit(tx, c.orgId, c.id, 'rated', ev);
    return { ok: true };
  });
}
