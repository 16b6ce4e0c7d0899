// Assignment: impartial auto-assignment, manual assignment, declared conflicts.
// Part of the complaints module: other modules import it through service.ts.
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { eligibleAgents, pick } from './assign';
import * as repo from './repo';
import * as cfg from './repo-config';
import { isOpen } from './states';
import './errors';
import { type Actor, actorOf, emit, systemActor } from './events';
import { caseFor } from './scope';

// --------------------------------------------------------------------------- assignment

export async function setAssignee(
  tx: Sql,
  actor: Actor,
  c: repo.TCase,
  userId: string | null,
  data: Record<string, unknown>,
) {
  await repo.updateCase(tx, actor.orgId, c.id, { assigneeId: userId });
  const ev = await repo.insertEvent(tx, actor.orgId, c.id, {
    actorId: actor.userId,
    actorLabel: actor.label,
    kind: userId ? 'assigned' : 'unassigned',
    data: { from: c.assigneeId, to: userId, ...data },
  });
  await emit(tx, actor.orgId, c.id, 'assigned', ev);
}

/** Round robin / least loaded among the eligible; unassigns when nobody is eligible. */
export async function autoAssign(tx: Sql, actor: Actor, c: repo.TCase, required: boolean) {
  const settings = await repo.getSettings(tx, actor.orgId, true); // row lock: serial cursor
  const el = await eligibleAgents(tx, actor.orgId, c, settings);
  const chosen = pick(
    el.candidates.filter((x) => x.id !== c.assigneeId || el.candidates.length === 1),
    settings.strategy,
    settings.rrLastUserId,
  );
  if (!chosen) {
    if (required) throw new AppError('COMPLAINT_NO_ELIGIBLE_AGENT');
    if (c.assigneeId) await setAssignee(tx, actor, c, null, { excluded: el.excluded });
    return null;
  }
  if (chosen.id === c.assigneeId) return chosen.id;
  await repo.saveSettings(tx, actor.orgId, { rrLastUserId: chosen.id });
  await setAssignee(tx, actor, c, chosen.id, {
    strategy: settings.strategy,
    excluded: el.excluded,
  });
  return chosen.id;
}

/**
 * The case page's assignment panel: who handles the case, the org's strategy, the eligible
 * agents (with their open-case load) and who is left out and why (involved, conflict, manager),
 * plus the names of every person the case and its assignment history refer to.
 */
export async function assignmentView(db: Sql, auth: AuthContext, id: string) {
  const c = await caseFor(db, auth, id);
  const settings = await repo.getSettings(db, auth.orgId);
  const el = isOpen(c.status)
    ? await eligibleAgents(db, auth.orgId, c, settings)
    : { candidates: [], excluded: [] };
  const ids = new Set<string>([...c.staffInvolved, ...c.excludedAgents]);
  if (c.assigneeId) ids.add(c.assigneeId);
  for (const x of el.excluded) ids.add(x.userId);
  for (const e of await repo.listEvents(db, auth.orgId, id)) {
    if (e.kind !== 'assigned' && e.kind !== 'unassigned') continue;
    for (const v of [e.data.from, e.data.to]) if (typeof v === 'string') ids.add(v);
  }
  const people = await cfg.staffByIds(db, auth.orgId, [...ids]);
  return {
    strategy: settings.strategy,
    excludeManagers: settings.excludeManagers,
    assigneeId: c.assigneeId,
    staffInvolved: c.staffInvolved,
    excludedAgents: c.excludedAgents,
    candidates: el.candidates.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      load: a.load,
    })),
    excluded: el.excluded,
    people: people.map((p) => ({ id: p.id, name: p.name, email: p.email, active: p.active })),
  };
}

/** Active staff of the org, to pick the staff members a complaint is about. */
export async function listStaff(db: Sql, auth: AuthContext) {
  return (await cfg.listStaff(db, auth.orgId)).map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    unitId: p.unitId,
  }));
}

/** Assigns to `userId` (must be eligible) or, without it, by the org's strategy. */
export async function assign(db: Sql, auth: AuthContext, id: string, userId?: string) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    if (!userId) {
      await autoAssign(tx, actorOf(auth), c, true);
    } else {
      const el = await eligibleAgents(tx, auth.orgId, c, await repo.getSettings(tx, auth.orgId));
      if (!el.candidates.some((x) => x.id === userId)) {
        const why = el.excluded.find((x) => x.userId === userId)?.reason ?? 'not_agent_of_unit';
        throw new AppError('COMPLAINT_ASSIGNEE_INELIGIBLE', { reason: why });
      }
      if (userId !== c.assigneeId)
        await setAssignee(tx, actorOf(auth), c, userId, { manual: true });
    }
    return (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
  });
}

/** The assignee declares a conflict of interest: excluded for good, case reassigned. */
export async function declareConflict(db: Sql, auth: AuthContext, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    if (c.assigneeId !== auth.userId) throw new AppError('COMPLAINT_NOT_ASSIGNEE');
    await repo.updateCase(tx, auth.orgId, id, {
      excludedAgents: [...new Set([...c.excludedAgents, auth.userId])],
    });
    const ev = await repo.insertEvent(tx, auth.orgId, id, {
      actorId: auth.userId,
      actorLabel: auth.email,
      kind: 'conflict',
      body: reason,
    });
    await emit(tx, auth.orgId, id, 'conflict', ev);
    const after = (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
    await autoAssign(tx, actorOf(auth), after, false);
    return (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
  });
}

/** For the SLA module (escalation): assign to a given user (no eligibility check) or auto. */
export async function reassignForSystem(db: Sql, orgId: string, id: string, userId: string | null) {
  await db.transaction(async (tx) => {
    const c = await repo.getCase(tx, orgId, id, true);
    if (!c) throw new AppError('NOT_FOUND');
    if (userId) await setAssignee(tx, systemActor(orgId), c, userId, { escalation: true });
    else await autoAssign(tx, systemActor(orgId), c, false);
  });
}
