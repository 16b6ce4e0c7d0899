// Notes, customer messages and system timeline entries.
// Part of the complaints module: other modules import it through service.ts.
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { storeAttachments, type TUpload } from './attachments';
import * as repo from './repo';
import './errors';
import { emit, mail } from './events';
import { caseFor } from './scope';

// --------------------------------------------------------------------------- notes, messages

export async function addNote(
  db: Sql,
  auth: AuthContext,
  id: string,
  n: {
    body: string;
    visibility: 'internal' | 'customer';
    awaitReply?: boolean | undefined;
    attachments?: TUpload[] | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    const toCustomer = n.visibility === 'customer';
    const ev = await repo.insertEvent(tx, auth.orgId, id, {
      actorId: auth.userId,
      actorLabel: auth.email,
      kind: toCustomer ? 'message_out' : 'note',
      visibility: n.visibility,
      body: n.body,
      data: toCustomer ? { awaitReply: Boolean(n.awaitReply) } : {},
    });
    if (n.attachments?.length) await storeAttachments(tx, auth.orgId, id, ev.id, n.attachments);
    if (toCustomer) {
      const now = new Date().toISOString();
      await repo.updateCase(tx, auth.orgId, id, {
        firstResponseAt: c.firstResponseAt ?? now,
        ...(n.awaitReply ? { waitingSince: c.waitingSince ?? now } : {}),
      });
      await mail(tx, c, auth.orgId, 'message', ev.id);
    }
    await emit(tx, auth.orgId, id, toCustomer ? 'message_out' : 'note', ev);
    if (toCustomer && n.awaitReply && !c.waitingSince)
      await emit(tx, auth.orgId, id, 'waiting', ev);
    return ev;
  });
}

/** A message from the customer (e-mail reply, public link): clears "waiting for customer". */
export async function customerMessage(
  db: Sql,
  orgId: string,
  id: string,
  m: { body: string; data?: Record<string, unknown>; attachments?: TUpload[] },
) {
  return db.transaction(async (tx) => {
    const c = await repo.getCase(tx, orgId, id, true);
    if (!c) throw new AppError('NOT_FOUND');
    const ev = await repo.insertEvent(tx, orgId, id, {
      actorId: null,
      actorLabel: 'customer',
      kind: 'message_in',
      visibility: 'customer',
      body: m.body,
      data: m.data ?? {},
    });
    if (m.attachments?.length) await storeAttachments(tx, orgId, id, ev.id, m.attachments, true);
    await emit(tx, orgId, id, 'message_in', ev);
    if (c.waitingSince) {
      await repo.updateCase(tx, orgId, id, { waitingSince: null });
      await emit(tx, orgId, id, 'resumed', ev);
    }
    return ev;
  });
}

/** A timeline entry written by another module (e.g. 'sla.warning', 'sla.breach', 'escalated'). */
export async function addSystemEvent(
  db: Sql,
  orgId: string,
  id: string,
  e: { kind: string; body?: string; data?: Record<string, unknown> },
) {
  return repo.insertEvent(db, orgId, id, {
    actorId: null,
    actorLabel: 'system',
    kind: e.kind,
    body: e.body ?? null,
    data: e.data ?? {},
  });
}
