// SQL of the complaints part of the customer timeline (timeline.ts and history-timeline.ts map
// the rows): the customer's cases by reception time, and the state changes and (un)assignments
// of those cases from complaint_events; newest first, strictly before the cursor.
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import { beforeSql, isoSql, orderSql, type TTimelineBefore } from '../customers/service';

export interface TCaseEntryRow {
  id: string;
  at: string;
  reference: string;
  subject: string;
  status: string;
  severity: string;
  channel: string;
  form: string;
  created_by: string | null;
}

export async function caseEntryRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TCaseEntryRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'complaint:' || id::text`;
  const cond = beforeSql('received_at', key, before, params);
  // complaints_org_customer (org_id, customer_id, received_at, id) serves the range and order.
  const { rows } = await db.query<TCaseEntryRow>(
    `SELECT id, ${isoSql('received_at')} AS at, reference, subject, status, severity, channel,
            form, created_by
       FROM complaints
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('received_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export interface THistoryEntryRow {
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
}

/** Events with a to_status (except 'created') plus the events of the given `kinds`. */
export async function historyEntryRows(
  db: Sql,
  orgId: string,
  customerId: string,
  kinds: string[],
  before: TTimelineBefore | null,
  limit: number,
): Promise<THistoryEntryRow[]> {
  const params: unknown[] = [orgId, customerId, kinds];
  const key = `'complaint_event:' || e.id::text`;
  const cond = beforeSql('e.at', key, before, params);
  // complaints_org_customer (org_id, customer_id, received_at, id) finds the customer's cases,
  // complaint_events_case (org_id, complaint_id, at) the range of each case's history; a
  // customer has a handful of cases, so the merge of their ranges is short.
  const { rows } = await db.query<THistoryEntryRow>(
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
  return rows;
}
