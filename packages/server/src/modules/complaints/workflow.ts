// The state machine and classification.
// Part of the complaints module: other modules import it through service.ts.
import type { TClassification, TComplaintStatus, TTransition } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { unitScope } from '../orgs/service';
import { eligibleAgents } from './assign';
import * as repo from './repo';
import { canMove, isOpen } from './states';
import './errors';
import { autoAssign } from './assignment';
import { checkRefs } from './create';
import { type Actor, actorOf, emit, mail, systemActor } from './events';
import { caseFor } from './scope';
import { resolveServiceAttribute } from './service-attribute';

// --------------------------------------------------------------------------- state machine

export async function move(
  tx: Sql,
  actor: Actor,
  c: repo.TCase,
  to: TComplaintStatus,
  extra: Partial<repo.TCase> & {
    note?: string | undefined;
    kind?: string;
    visibility?: 'internal' | 'customer';
  } = {},
): Promise<repo.TEvent> {
  if (!canMove(c.status, to)) {
    throw new AppError('COMPLAINT_BAD_TRANSITION', { from: c.status, to });
  }
  const { note, kind, visibility, ...fields } = extra;
  const now = new Date().toISOString();
  const patch: Partial<repo.TCase> = { status: to, ...fields };
  if (to === 'acknowledged') patch.acknowledgedAt = now;
  if (to === 'reopened') {
    patch.reopenCount = c.reopenCount + 1;
    patch.closedAt = null;
    patch.customerDecision = null;
    patch.decidedAt = null;
  }
  await repo.updateCase(tx, actor.orgId, c.id, patch);
  const ev = await repo.insertEvent(tx, actor.orgId, c.id, {
    actorId: actor.userId,
    actorLabel: actor.label,
    kind: kind ?? 'status',
    visibility: visibility ?? 'customer',
    fromStatus: c.status,
    toStatus: to,
    body: note ?? null,
  });
  await emit(tx, actor.orgId, c.id, kind ?? 'status', ev);
  return ev;
}

export const DEFAULT_RECOURSE = {
  es: 'Si no está conforme con esta decisión, puede dirigirse al Defensor del Cliente o presentar una reclamación ante la autoridad de consumo competente.',
  en: 'If you disagree with this decision you may contact the Customer Ombudsman or file a complaint with the competent consumer authority.',
};

export async function transition(db: Sql, auth: AuthContext, id: string, t: TTransition) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    const extra: Partial<repo.TCase> & { note?: string | undefined } = { note: t.note };
    if (t.to === 'rejected') {
      if (!t.reason) throw new AppError('COMPLAINT_REASON_REQUIRED', { field: 'reason' });
      const s = await repo.getSettings(tx, auth.orgId);
      extra.rejectReason = t.reason;
      extra.recourse = t.recourse ?? s.recourse ?? DEFAULT_RECOURSE[c.language];
      extra.closedAt = new Date().toISOString();
    }
    const ev = await move(tx, actorOf(auth), c, t.to, extra);
    const after = (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
    if (t.to === 'rejected') await mail(tx, after, auth.orgId, 'rejected', ev.id);
    if (t.to === 'reopened' && after.unitId && !after.assigneeId) {
      await autoAssign(tx, actorOf(auth), after, false);
    }
    return (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
  });
}

/** The acknowledgement mail went out: received -> acknowledged (system). */
export async function markAcknowledged(db: Sql, orgId: string, id: string) {
  await db.transaction(async (tx) => {
    const c = await repo.getCase(tx, orgId, id, true);
    if (c?.status === 'received') {
      await move(tx, systemActor(orgId), c, 'acknowledged', { note: 'acuse de recibo enviado' });
    }
  });
}

export async function setExpectedResponse(db: Sql, orgId: string, id: string, at: Date) {
  await repo.updateCase(db, orgId, id, { expectedResponseBy: at.toISOString() });
}

// --------------------------------------------------------------------------- classification

export async function classify(db: Sql, auth: AuthContext, id: string, p: TClassification) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    await checkRefs(tx, auth.orgId, p);
    if (p.unitId !== undefined) {
      // a unit-scoped caller can neither move a case out of their units nor leave it unitless
      const scope = await unitScope(tx, auth);
      if (scope && !(p.unitId && scope.includes(p.unitId))) {
        throw new AppError('COMPLAINT_OUTSIDE_UNIT');
      }
    }
    // The attribute is stored as the catalogue id (and the text as typed); a text names or
    // registers its catalogue entry.
    const attr = await resolveServiceAttribute(tx, auth.orgId, p);
    const { serviceAttribute: _t, serviceAttributeId: _i, ...rest } = p;
    const wanted: Record<string, unknown> = { ...rest };
    if (attr) {
      wanted.serviceAttributeId = attr.id;
      // the same attribute picked again keeps the text as typed
      wanted.serviceAttribute =
        attr.id !== null && attr.id === c.serviceAttributeId ? c.serviceAttribute : attr.text;
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(wanted)) {
      const before = (c as unknown as Record<string, unknown>)[k];
      if (v !== undefined && JSON.stringify(before) !== JSON.stringify(v)) changes[k] = [before, v];
    }
    if (!Object.keys(changes).length) return c;
    const patch = { ...wanted } as Partial<repo.TCase>;
    if (p.staffInvolved) patch.staffInvolved = [...new Set(p.staffInvolved)];
    await repo.updateCase(tx, auth.orgId, id, patch);
    const ev = await repo.insertEvent(tx, auth.orgId, id, {
      actorId: auth.userId,
      actorLabel: auth.email,
      kind: 'classified',
      data: { changes },
    });
    await emit(tx, auth.orgId, id, 'classified', ev);
    const after = (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
    // The assignee must stay impartial after a change of unit or of the staff involved.
    if (isOpen(after.status) && (changes.unitId || changes.staffInvolved || !after.assigneeId)) {
      const el = await eligibleAgents(
        tx,
        auth.orgId,
        after,
        await repo.getSettings(tx, auth.orgId),
      );
      if (!after.assigneeId || !el.candidates.some((x) => x.id === after.assigneeId)) {
        await autoAssign(tx, actorOf(auth), after, false);
      }
    }
    return (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
  });
}
