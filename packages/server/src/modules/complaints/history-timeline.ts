// The complaints module's history on the customer timeline: each state change of the customer's
// cases (acknowledged, in investigation, responded, closed, rejected, reopened…) and each
// (un)assignment as its own entry, from complaint_events. The case's own entry (received, with its
// current state) comes from timeline.ts; the 'created' event would repeat it, so it is left out.
import type { Sql } from '../../db/client';
import type { TSourceItem, TTimelineBefore } from '../customers/service';
import * as repo from './repo-timeline';

/** Event kinds shown: transitions carry to_status; assignment changes do not. */
const ASSIGNMENT = ['assigned', 'unassigned'];

export async function historyFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const rows = await repo.historyEntryRows(db, orgId, customerId, ASSIGNMENT, before, limit);
  return rows.map((r) => ({
    key: `complaint_event:${r.id}`,
    at: r.at,
    type: r.to_status ? 'complaint.status' : `complaint.${r.kind}`,
    summary: r.subject,
    actor: r.actor_id
      ? { kind: 'user', userId: r.actor_id }
      : r.actor_label === 'customer'
        ? { kind: 'customer' }
        : { kind: 'system' },
    link: { to: 'complaint', id: r.complaint_id },
    data: {
      reference: r.reference,
      from: r.from_status,
      to: r.to_status,
      // who it was assigned to, by name (the history stores the user id)
      ...(r.assignee ? { assignee: r.assignee } : {}),
    },
  }));
}
