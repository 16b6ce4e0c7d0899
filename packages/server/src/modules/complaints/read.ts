// Reading cases: list filters, saved views, the case page.
// Part of the complaints module: other modules import it through service.ts.
import type { TComplaintFilter, TComplaintStatus, TSavedView } from '@fidelia/contracts';
import { DateTime } from 'luxon';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import * as customers from '../customers/service';
import { unitScope } from '../orgs/service';
import * as repo from './repo';
import * as cfg from './repo-config';
import { canMove } from './states';
import './errors';
import { emit } from './events';
import { caseFor } from './scope';
import { attributeName } from './service-attribute';

// --------------------------------------------------------------------------- reading

/** Start of the given local date in `tz` (received-date filters, "due today"). */
export const dayStart = (date: string, tz: string) =>
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
export async function listScope(db: Sql, auth: AuthContext, unitId: string | undefined) {
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
export async function customerCard(db: Sql, auth: AuthContext, id: string | null) {
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
export async function customerSuggestion(db: Sql, auth: AuthContext, c: repo.TCase) {
  if (c.customerId || !c.contactEmail) return null;
  const cu = await customers.findByEmail(db, auth, c.contactEmail);
  if (!cu || cu.id === c.customerMatchDismissed) return null;
  return { id: cu.id, name: cu.name, email: cu.email };
}

export async function getCaseDetail(db: Sql, auth: AuthContext, id: string) {
  const c = await caseFor(db, auth, id);
  const [events, attachments, customer, suggestion, attribute] = await Promise.all([
    repo.listEvents(db, auth.orgId, id),
    repo.listAttachments(db, auth.orgId, id),
    customerCard(db, auth, c.customerId),
    customerSuggestion(db, auth, c),
    attributeName(db, auth.orgId, c.serviceAttributeId),
  ]);
  return {
    ...c,
    /** the catalogue attribute's name in both languages (the page shows the user's) */
    serviceAttributeName: attribute,
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

export function allowed(s: TComplaintStatus) {
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
