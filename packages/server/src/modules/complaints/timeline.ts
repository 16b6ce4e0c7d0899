// The complaints module's part of the customer timeline (registered from service.ts): one
// entry per case of the customer, when it was received, with its current state, and each later
// state change or assignment of the case (history-timeline.ts).
import type { Sql } from '../../db/client';
import type { TSourceItem, TTimelineBefore } from '../customers/service';
import { historyFor } from './history-timeline';
import * as repo from './repo-timeline';

/** This customer's cases and their history just before the cursor, newest first (at most
 * `limit` of each). */
export async function timelineFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const lists = await Promise.all([
    casesFor(db, orgId, customerId, before, limit),
    historyFor(db, orgId, customerId, before, limit),
  ]);
  return lists.flat();
}

async function casesFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const rows = await repo.caseEntryRows(db, orgId, customerId, before, limit);
  return rows.map((r) => ({
    key: `complaint:${r.id}`,
    at: r.at,
    type: 'complaint',
    summary: r.subject,
    // Staff-entered cases name the agent; survey and win-back follow-ups are opened by the
    // system; the rest (web form, e-mail) come from the customer.
    actor: r.created_by
      ? { kind: 'user', userId: r.created_by }
      : r.channel === 'survey' || r.channel === 'retention'
        ? { kind: 'system' }
        : { kind: 'customer' },
    link: { to: 'complaint', id: r.id },
    data: {
      reference: r.reference,
      status: r.status,
      severity: r.severity,
      channel: r.channel,
      form: r.form,
    },
  }));
}
