// Complaint cases: intake core, classification, the state machine, timeline, notes/messages,
// response and remedy, customer decision, closing with root cause, rating, assignment.
//
// API FOR OTHER MODULES (SLA timers, web pages) — import only from this file:
//  - onComplaintChange(name, listener): `listener(tx, change)` runs INSIDE the transaction of
//    every change (created, status, classified, assigned, waiting, resumed, message_in,
//    message_out, response, decision, closed, rated, reopened …). Registering twice under the
//    same name replaces. Throwing rolls the change back. `change.case` is the case AFTER it.
//  - COMPLAINT_CHANGED_JOB ('complaint.changed'): when a handler is registered for this kind,
//    every change also enqueues one job (same transaction) with payload
//    { caseId, kind, from, to, eventId } — durable, for work that must survive a crash.
//  - getCaseForSystem(db, orgId, id), addSystemEvent(db, orgId, id, {kind, body, data}) for
//    'sla.warning' / 'sla.breach' / 'escalated' timeline entries, setExpectedResponse(db, orgId,
//    id, at) (used by the acknowledgement mail), reassignForSystem(db, orgId, id, userId|null),
//    unitManager(db, orgId, unitId), isOpen(status), OPEN_STATUSES, waitingSince on the case
//    (SLA clocks pause while it is set: a customer message was sent with awaitReply and the
//    customer has not answered yet).
import { randomBytes } from 'node:crypto';
import type {
  TClassification,
  TComplaintFilter,
  TComplaintStatus,
  TRemedy,
  TSavedView,
  TTransition,
} from '@fidelia/contracts';
import { DateTime } from 'luxon';
import type { Sql } from '../../db/client';
import { enqueue, jobHandler } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import * as customers from '../customers/service';
import { unitChain, unitExists, unitScope } from '../orgs/service';
import { eligibleAgents, pick } from './assign';
import { storeAttachments, type TUpload } from './attachments';
import * as repo from './repo';
import * as cfg from './repo-config';
import { canMove, isOpen } from './states';
import { timelineFor } from './timeline';

export { OPEN_STATUSES } from '@fidelia/contracts';
export type { TCase, TEvent } from './repo';
export { isOpen, timelineFor };

customers.registerTimelineSource('complaints', timelineFor);

registerErrors({
  COMPLAINT_BAD_TRANSITION: {
    status: 409,
    es: 'La reclamación no puede pasar a ese estado desde el actual.',
    en: 'The complaint cannot move to that state from its current one.',
  },
  COMPLAINT_OUTSIDE_UNIT: {
    status: 403,
    es: 'La reclamación pertenece a una unidad fuera de tu ámbito.',
    en: 'The complaint belongs to a unit outside your scope.',
  },
  COMPLAINT_REASON_REQUIRED: {
    status: 400,
    es: 'Indica el motivo del rechazo.',
    en: 'Give the reason for the rejection.',
  },
  COMPLAINT_CATEGORY_INVALID: {
    status: 400,
    es: 'La categoría o causa no existe o no es de ese árbol.',
    en: 'Unknown category or cause, or from the wrong tree.',
  },
  COMPLAINT_UNIT_INVALID: { status: 400, es: 'La unidad no existe.', en: 'Unknown org unit.' },
  COMPLAINT_STAFF_INVALID: {
    status: 400,
    es: 'Alguna persona indicada no pertenece a la organización.',
    en: 'Some staff member is not part of the organisation.',
  },
  COMPLAINT_CUSTOMER_INVALID: {
    status: 400,
    es: 'El cliente no existe.',
    en: 'Unknown customer.',
  },
  COMPLAINT_ASSIGNEE_INELIGIBLE: {
    status: 409,
    es: 'Esa persona no puede tramitar esta reclamación (no es agente de la unidad o está implicada).',
    en: 'That person cannot handle this complaint (not an agent of the unit, or involved).',
  },
  COMPLAINT_NO_ELIGIBLE_AGENT: {
    status: 409,
    es: 'No hay ningún agente imparcial disponible en la unidad.',
    en: 'No impartial agent is available in the unit.',
  },
  COMPLAINT_NOT_ASSIGNEE: {
    status: 403,
    es: 'Solo la persona asignada puede declarar un conflicto de interés.',
    en: 'Only the assignee can declare a conflict of interest.',
  },
  COMPLAINT_ALREADY_DECIDED: {
    status: 409,
    es: 'Ya se ha registrado la decisión del cliente.',
    en: 'The customer decision was already recorded.',
  },
  COMPLAINT_ALREADY_RATED: {
    status: 409,
    es: 'Ya se ha valorado la gestión de esta reclamación.',
    en: 'This complaint was already rated.',
  },
  COMPLAINT_MATCH_STALE: {
    status: 409,
    es: 'La sugerencia de cliente ya no es válida (el caso cambió). Recarga la página.',
    en: 'The customer suggestion is no longer valid (the case changed). Reload the page.',
  },
  COMPLAINT_NOT_RATEABLE: {
    status: 409,
    es: 'La reclamación todavía no está cerrada.',
    en: 'The complaint is not closed yet.',
  },
});

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

const listeners = new Map<string, ComplaintListener>();
export const COMPLAINT_CHANGED_JOB = 'complaint.changed';
export const COMPLAINT_MAIL_JOB = 'complaint.mail';

/** Registers (or replaces, by name) a listener run inside every change's transaction. */
export function onComplaintChange(name: string, fn: ComplaintListener): () => void {
  listeners.set(name, fn);
  return () => {
    if (listeners.get(name) === fn) listeners.delete(name);
  };
}

async function emit(
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

async function mail(tx: Sql, c: repo.TCase, orgId: string, template: string, eventId?: string) {
  if (!c.contactEmail) return;
  await enqueue(tx, {
    orgId,
    kind: COMPLAINT_MAIL_JOB,
    maxAttempts: 8,
    payload: { caseId: c.id, template, eventId: eventId ?? null },
  });
}

// --------------------------------------------------------------------------- scope, loading

/** Loads a case the caller may act on: 404 for other orgs, 403 outside the caller's units. */
export async function caseFor(db: Sql, auth: AuthContext, id: string, lock = false) {
  const c = await repo.getCase(db, auth.orgId, id, lock);
  if (!c) throw new AppError('NOT_FOUND');
  const scope = await unitScope(db, auth);
  if (scope && !(c.unitId && scope.includes(c.unitId)))
    throw new AppError('COMPLAINT_OUTSIDE_UNIT');
  return c;
}

/** An attachment of a case the caller may see (same unit scope as the case); 404 otherwise. */
export async function attachmentFor(db: Sql, auth: AuthContext, caseId: string, id: string) {
  await caseFor(db, auth, caseId);
  const a = await repo.getAttachment(db, auth.orgId, caseId, id);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}

export async function getCaseForSystem(db: Sql, orgId: string, id: string) {
  return repo.getCase(db, orgId, id);
}

export async function unitManager(db: Sql, orgId: string, unitId: string): Promise<string | null> {
  for (const u of await unitChain(db, orgId, unitId)) {
    const m = await cfg.managerOf(db, orgId, u.id);
    if (m) return m;
  }
  return null;
}

// --------------------------------------------------------------------------- creation

export interface TNewCase {
  channel: 'web' | 'counter' | 'phone' | 'email' | 'survey' | 'retention';
  form?: string | undefined;
  subject: string;
  description: string;
  language?: 'es' | 'en' | undefined;
  categoryId?: string | null | undefined;
  servqualDimension?: string | null | undefined;
  serviceAttribute?: string | null | undefined;
  severity?: string | undefined;
  remedySought?: string[] | undefined;
  customerId?: string | null | undefined;
  contactName?: string | null | undefined;
  contactEmail?: string | null | undefined;
  contactPhone?: string | null | undefined;
  unitId?: string | null | undefined;
  staffInvolved?: string[] | undefined;
  sourceRef?: string | null | undefined;
  receivedAt?: Date | undefined;
  attachments?: TUpload[] | undefined;
  /** false: no acknowledgement mail (demo data, imports of old cases) */
  notify?: boolean;
}

export interface TCreated {
  case: repo.TCase;
  created: boolean;
  token: string | null;
}

async function checkRefs(db: Sql, orgId: string, v: TClassification) {
  if (v.categoryId) {
    const cat = await cfg.getCategory(db, orgId, v.categoryId);
    if (cat?.tree !== 'category') throw new AppError('COMPLAINT_CATEGORY_INVALID');
  }
  if (v.unitId && !(await unitExists(db, orgId, v.unitId))) {
    throw new AppError('COMPLAINT_UNIT_INVALID');
  }
  if (v.staffInvolved?.length) {
    const found = await cfg.staffByIds(db, orgId, v.staffInvolved);
    if (found.length !== new Set(v.staffInvolved).size)
      throw new AppError('COMPLAINT_STAFF_INVALID');
  }
  if (v.customerId && !(await cfg.customerById(db, orgId, v.customerId))) {
    throw new AppError('COMPLAINT_CUSTOMER_INVALID');
  }
}

export const formatReference = (year: number, n: number) =>
  `RC-${year}-${String(n).padStart(6, '0')}`;

/**
 * Opens a case (every channel). Idempotent on (channel, sourceRef): a second call returns the
 * existing case with created=false. Assigns impartially when the unit is known, queues the
 * acknowledgement mail, and emits 'created' — all in one transaction.
 */
export async function createCase(db: Sql, actor: Actor, v: TNewCase): Promise<TCreated> {
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    if (v.sourceRef) {
      const prev = await cfg_findSource(tx, orgId, v.channel, v.sourceRef);
      if (prev) return { case: prev, created: false, token: null };
    }
    await checkRefs(tx, orgId, {
      categoryId: v.categoryId,
      unitId: v.unitId,
      staffInvolved: v.staffInvolved,
      customerId: v.customerId,
    });
    const customerId = v.customerId ?? null;
    let language = v.language;
    let email = v.contactEmail ?? null;
    let name = v.contactName ?? null;
    // An e-mail that matches a customer is only SUGGESTED on the case page (getCaseDetail):
    // anyone can type any address into the public form, so it never links a case by itself.
    if (customerId) {
      const cu = await cfg.customerById(tx, orgId, customerId);
      email ??= cu?.email ?? null;
      name ??= cu?.name ?? null;
      language ??= (cu?.language as 'es' | 'en' | null) ?? undefined;
    }
    const received = v.receivedAt ?? new Date();
    const settings = await repo.getSettings(tx, orgId);
    const n = await repo.nextNumber(tx, orgId, received.getUTCFullYear());
    const token = randomBytes(24).toString('base64url');
    const id = await repo.insertCase(tx, orgId, {
      reference: formatReference(received.getUTCFullYear(), n),
      channel: v.channel,
      form: v.form ?? (v.channel === 'survey' ? 'unexpressed' : 'complaint'),
      subject: v.subject,
      description: v.description,
      language: language ?? 'es',
      categoryId: v.categoryId ?? null,
      servqualDimension: v.servqualDimension ?? null,
      serviceAttribute: v.serviceAttribute ?? null,
      severity: v.severity ?? 'medium',
      remedySought: v.remedySought ?? [],
      customerId,
      contactName: name,
      contactEmail: email,
      contactPhone: v.contactPhone ?? null,
      unitId: v.unitId ?? null,
      staffInvolved: [...new Set(v.staffInvolved ?? [])],
      sourceRef: v.sourceRef ?? null,
      customerToken: token,
      expectedResponseBy: new Date(received.getTime() + settings.responseDays * 86_400_000),
      createdBy: actor.userId,
      receivedAt: v.receivedAt ?? null,
    });
    if (!id) {
      const prev = await cfg_findSource(tx, orgId, v.channel, v.sourceRef ?? '');
      if (!prev) throw new AppError('CONFLICT');
      return { case: prev, created: false, token: null };
    }
    const ev = await repo.insertEvent(tx, orgId, id, {
      actorId: actor.userId,
      actorLabel: actor.label,
      kind: 'created',
      visibility: 'customer',
      toStatus: 'received',
      data: { channel: v.channel },
    });
    if (v.attachments?.length) await storeAttachments(tx, orgId, id, ev.id, v.attachments);
    let c = (await repo.getCase(tx, orgId, id)) as repo.TCase;
    if (c.unitId) await autoAssign(tx, systemActor(orgId), c, false);
    if (v.notify !== false) await mail(tx, c, orgId, 'ack');
    await emit(tx, orgId, id, 'created', ev);
    c = (await repo.getCase(tx, orgId, id)) as repo.TCase;
    return { case: c, created: true, token };
  });
}

async function cfg_findSource(db: Sql, orgId: string, channel: string, ref: string) {
  const c = await repo.findBy(db, orgId, 'source_ref', ref);
  return c && c.channel === channel ? c : null;
}

// --------------------------------------------------------------------------- reading

/** Start of the given local date in `tz` (received-date filters, "due today"). */
const dayStart = (date: string, tz: string) =>
  DateTime.fromISO(date, { zone: tz }).startOf('day').toJSDate();

/** The list's filters in repo terms: dates in the user's zone, "past due" / "due today". */
export function listFilter(
  q: TComplaintFilter,
  now = new Date(),
): Omit<cfg.TListFilter, 'limit' | 'offset' | 'unitIds'> {
  const tz = q.tz ?? 'UTC';
  const endOfToday = DateTime.fromJSDate(now, { zone: tz }).startOf('day').plus({ days: 1 });
  return {
    status: q.status,
    open: q.open === undefined ? undefined : q.open === 'true',
    channel: q.channel,
    severity: q.severity,
    form: q.form,
    categoryId: q.categoryId,
    assigneeId: q.assigneeId,
    customerId: q.customerId,
    q: q.q,
    dueBefore: q.due === 'overdue' ? now : q.due === 'today' ? endOfToday.toJSDate() : undefined,
    dueFrom: q.due === 'today' ? now : undefined,
    receivedFrom: q.from ? dayStart(q.from, tz) : undefined,
    receivedBefore: q.to
      ? DateTime.fromJSDate(dayStart(q.to, tz)).plus({ days: 1 }).toJSDate()
      : undefined,
    sort: q.sort,
    dir: q.dir,
  };
}

/** The caller's unit scope narrowed to the filter's unit (and its sub-units). */
async function listScope(db: Sql, auth: AuthContext, unitId: string | undefined) {
  let scope = await unitScope(db, auth);
  if (unitId) {
    const sub = (await unitScope(db, { orgId: auth.orgId, unitId })) ?? [];
    scope = scope ? sub.filter((u) => scope?.includes(u)) : sub;
  }
  return scope;
}

export async function listCases(
  db: Sql,
  auth: AuthContext,
  q: TComplaintFilter & { limit: number; offset: number },
) {
  return cfg.listCases(db, auth.orgId, {
    ...listFilter(q),
    unitIds: await listScope(db, auth, q.unitId),
    limit: q.limit,
    offset: q.offset,
  });
}

/** The whole filtered list in pages (keyset, in the list's order), for the streamed export. */
export async function* listAll(
  db: Sql,
  auth: AuthContext,
  q: TComplaintFilter,
  page = 500,
): AsyncGenerator<cfg.TListedCase[]> {
  const f = { ...listFilter(q), unitIds: await listScope(db, auth, q.unitId) };
  let after: string | undefined;
  for (;;) {
    const { items } = await cfg.listCases(
      db,
      auth.orgId,
      { ...f, limit: page, offset: 0, after },
      { count: false },
    );
    if (items.length) yield items;
    if (items.length < page) return;
    after = items[items.length - 1]?.id;
  }
}

// --------------------------------------------------------------------------- saved views

export const listViews = (db: Sql, auth: AuthContext) => cfg.listViews(db, auth.orgId, auth.userId);
export const saveView = (db: Sql, auth: AuthContext, v: TSavedView) =>
  cfg.saveView(db, auth.orgId, auth.userId, v);
export async function deleteView(db: Sql, auth: AuthContext, id: string) {
  if (!(await cfg.deleteView(db, auth.orgId, auth.userId, id))) throw new AppError('NOT_FOUND');
  return { ok: true };
}

/** The linked customer as the case page shows it (null outside the caller's units). */
async function customerCard(db: Sql, auth: AuthContext, id: string | null) {
  if (!id) return null;
  try {
    const cu = await customers.get(db, auth, id);
    return { id: cu.id, name: cu.name, email: cu.email, phone: cu.phone, tier: cu.tier };
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/** "This e-mail matches customer X": only for unlinked cases, never the dismissed customer. */
async function customerSuggestion(db: Sql, auth: AuthContext, c: repo.TCase) {
  if (c.customerId || !c.contactEmail) return null;
  const cu = await customers.findByEmail(db, auth, c.contactEmail);
  if (!cu || cu.id === c.customerMatchDismissed) return null;
  return { id: cu.id, name: cu.name, email: cu.email };
}

export async function getCaseDetail(db: Sql, auth: AuthContext, id: string) {
  const c = await caseFor(db, auth, id);
  const [events, attachments, customer, suggestion] = await Promise.all([
    repo.listEvents(db, auth.orgId, id),
    repo.listAttachments(db, auth.orgId, id),
    customerCard(db, auth, c.customerId),
    customerSuggestion(db, auth, c),
  ]);
  return {
    ...c,
    allowedTransitions: allowed(c.status),
    customerToken: await repo.customerTokenOf(db, auth.orgId, id),
    customer,
    customerSuggestion: suggestion,
    events,
    attachments,
  };
}

/**
 * The agent's answer to the e-mail match: link the case to that customer, or record that the
 * e-mail is not theirs (the suggestion is not shown again). Both go into the case history.
 */
export async function answerCustomerMatch(
  db: Sql,
  auth: AuthContext,
  id: string,
  a: { customerId: string; link: boolean },
) {
  return db.transaction(async (tx) => {
    const c = await caseFor(tx, auth, id, true);
    const s = await customerSuggestion(tx, auth, c);
    if (!s || s.id !== a.customerId) throw new AppError('COMPLAINT_MATCH_STALE');
    await repo.updateCase(
      tx,
      auth.orgId,
      id,
      a.link ? { customerId: s.id } : { customerMatchDismissed: s.id },
    );
    const kind = a.link ? 'customer_linked' : 'customer_match_dismissed';
    const ev = await repo.insertEvent(tx, auth.orgId, id, {
      actorId: auth.userId,
      actorLabel: auth.email,
      kind,
      data: { customerId: s.id, customerName: s.name },
    });
    await emit(tx, auth.orgId, id, kind, ev);
    return (await repo.getCase(tx, auth.orgId, id)) as repo.TCase;
  });
}

function allowed(s: TComplaintStatus) {
  return (
    [
      'acknowledged',
      'assessed',
      'investigating',
      'responded',
      'closed',
      'rejected',
      'reopened',
    ] as const
  ).filter((to) => canMove(s, to));
}

// --------------------------------------------------------------------------- state machine

async function move(
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

const DEFAULT_RECOURSE = {
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
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(p)) {
      const before = (c as unknown as Record<string, unknown>)[k];
      if (v !== undefined && JSON.stringify(before) !== JSON.stringify(v)) changes[k] = [before, v];
    }
    if (!Object.keys(changes).length) return c;
    const patch = { ...p } as Partial<repo.TCase>;
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

// --------------------------------------------------------------------------- assignment

async function setAssignee(
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
async function autoAssign(tx: Sql, actor: Actor, c: repo.TCase, required: boolean) {
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

async function recordDecision(
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
