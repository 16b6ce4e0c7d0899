// Actors and change hooks: who made a change, and the listeners and jobs every change feeds
// (API in the header of service.ts).
// Part of the complaints module: other modules import it through service.ts.
import type { TComplaintStatus } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue, jobHandler } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import * as repo from './repo';
import './errors';

// --------------------------------------------------------------------------- actors, hooks

/** Who acts: a staff member, the customer (public link, e-mail) or the system (jobs). */
export interface Actor {
  orgId: string;
  userId: string | null;
  label: string;
}
export const actorOf = (a: Pick<AuthContext, 'orgId' | 'userId' | 'email'>): Actor => ({
  orgId: a.orgId,
  userId: a.userId,
  label: a.email,
});
export const systemActor = (orgId: string): Actor => ({ orgId, userId: null, label: 'system' });
export const customerActor = (orgId: string): Actor => ({ orgId, userId: null, label: 'customer' });

export interface ComplaintChange {
  orgId: string;
  caseId: string;
  kind: string;
  from: TComplaintStatus | null;
  to: TComplaintStatus | null;
  eventId: string | null;
  case: repo.TCase;
}
export type ComplaintListener = (tx: Sql, change: ComplaintChange) => Promise<void>;

export const listeners = new Map<string, ComplaintListener>();
export const COMPLAINT_CHANGED_JOB = 'complaint.changed';
export const COMPLAINT_MAIL_JOB = 'complaint.mail';

/** Registers (or replaces, by name) a listener run inside every change's transaction. */
export function onComplaintChange(name: string, fn: ComplaintListener): () => void {
  listeners.set(name, fn);
  return () => {
    if (listeners.get(name) === fn) listeners.delete(name);
  };
}

export async function emit(
  tx: Sql,
  orgId: string,
  caseId: string,
  kind: string,
  ev: repo.TEvent | null,
): Promise<void> {
  if (!listeners.size && !jobHandler(COMPLAINT_CHANGED_JOB)) return;
  const c = listeners.size ? ((await repo.getCase(tx, orgId, caseId)) as repo.TCase) : null;
  const change = {
    orgId,
    caseId,
    kind,
    from: (ev?.fromStatus as TComplaintStatus | null) ?? null,
    to: (ev?.toStatus as TComplaintStatus | null) ?? null,
    eventId: ev?.id ?? null,
    case: c as repo.TCase,
  } satisfies ComplaintChange;
  for (const fn of listeners.values()) await fn(tx, change);
  if (jobHandler(COMPLAINT_CHANGED_JOB)) {
    await enqueue(tx, {
      orgId,
      kind: COMPLAINT_CHANGED_JOB,
      payload: { caseId, kind, from: change.from, to: change.to, eventId: change.eventId },
    });
  }
}

export async function mail(
  tx: Sql,
  c: repo.TCase,
  orgId: string,
  template: string,
  eventId?: string,
) {
  if (!c.contactEmail) return;
  await enqueue(tx, {
    orgId,
    kind: COMPLAINT_MAIL_JOB,
    maxAttempts: 8,
    payload: { caseId: c.id, template, eventId: eventId ?? null },
  });
}
