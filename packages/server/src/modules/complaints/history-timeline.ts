// The complaints module's history on the customer timeline: each state change of the customer's
// cases (acknowledged, in investigation, responded, closed, rejected, reopened…) and each
// (un)assignment as its own entry, from complaint_events. The case's own entry (received, with its
// current state) comes from timeline.ts; the 'created' event would repeat it, so it is left out.
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import {
  beforeSql,
  isoSql,
  orderSql,
  type TSourceItem,
  type TTimelineBefore,
} from '../customers/service';

/** Event kinds shown: transitions carry to_status; assignment changes do not. */
const ASSIGNMENT = ['assigned', 'unassigned'];

export async function historyFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const params: unknown[] = [orgId, customerId, ASSIGNMENT];
  const key = `'complaint_event:' || e.id::text`;
  const cond = beforeSql('e.at', key, before, params);
  // complaints_org_customer (org_id, customer_id, received_at, id) finds the customer's cases,
  // complaint_events_case (org_id, complaint_id, at) the range of each case's history; a
  // customer has a handful of cases, so the merge of their ranges is short.
  const { rows } = await db.query<{
    id: string;
    at: string;
    complaint_id: string;
    reference: string;
    subject: string;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    actor_id: string | null;
    actor_label: string;
    assignee: string | null;
  }>(
    `SELECT e.id, ${isoSql('e.at')} AS at, e.complaint_id, c.reference, c.subject, e.kind,
            e.from_status, e.to_status, e.actor_id, e.actor_label, u.name AS assignee
       FROM complaints c
       JOIN complaint_events e ON e.org_id = c.org_id AND e.complaint_id = c.id
       LEFT JOIN pub_users u ON u.org_id = e.org_id AND e.kind = 'assigned'
                        AND u.id::text = e.data->>'to'
      WHERE c.org_id = $1 AND c.customer_id = $2
        AND ((e.to_status IS NOT NULL AND e.kind <> 'created') OR e.kind = ANY($3::text[]))
        AND ${cond}
      ORDER BY ${orderSql('e.at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
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
