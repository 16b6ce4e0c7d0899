// The surveys module's part of the customer timeline (registered from service.ts): the
// customer's responses with their headline scores, the survey contacts (invitations,
// reminders, personal links) and an unsubscribe (a consent change).
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import {
  beforeSql,
  isoSql,
  orderSql,
  type TSourceItem,
  type TTimelineBefore,
} from '../customers/service';

/** Answer tags shown as the response's scores on the timeline. */
const SCORE_TAGS = ['nps', 'csat', 'satisfaction', 'effort'];

async function responses(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'response:' || r.id::text`;
  const cond = beforeSql('r.created_at', key, before, params);
  // survey_responses_customer (org_id, customer_id, created_at, id) serves the range and order.
  const { rows } = await db.query<{
    id: string;
    at: string;
    survey_id: string;
    name: string;
    status: string;
    channel: string;
    entered_by: string | null;
  }>(
    `SELECT r.id, ${isoSql('r.created_at')} AS at, r.survey_id, s.name, r.status, r.channel,
            r.entered_by
       FROM survey_responses r
       JOIN surveys s ON s.org_id = r.org_id AND s.id = r.survey_id
      WHERE r.org_id = $1 AND r.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('r.created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  if (rows.length === 0) return [];
  const scores = await db.query<{ response_id: string; tag: string; num: number }>(
    `SELECT response_id, tag, num FROM survey_answers
      WHERE org_id = $1 AND response_id = ANY($2::uuid[]) AND tag = ANY($3::text[])
        AND num IS NOT NULL`,
    [orgId, rows.map((r) => r.id), SCORE_TAGS],
  );
  const byResponse = new Map<string, Record<string, number>>();
  for (const s of scores.rows) {
    const m = byResponse.get(s.response_id) ?? {};
    m[s.tag] ??= Number(s.num);
    byResponse.set(s.response_id, m);
  }
  return rows.map((r) => ({
    key: `response:${r.id}`,
    at: r.at,
    type: r.status === 'complete' ? 'survey.response' : 'survey.response.partial',
    summary: r.name,
    actor: r.entered_by ? { kind: 'user', userId: r.entered_by } : { kind: 'customer' },
    link: { to: 'response', surveyId: r.survey_id, responseId: r.id },
    data: { channel: r.channel, scores: byResponse.get(r.id) ?? {} },
  }));
}

async function contacts(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'contact:' || k.id::text`;
  const cond = beforeSql('k.at', key, before, params);
  // 'staff' contacts mark a response keyed in by staff: the response entry already shows it.
  const { rows } = await db.query<{
    id: string;
    at: string;
    kind: string;
    survey_id: string;
    name: string;
  }>(
    `SELECT k.id, ${isoSql('k.at')} AS at, k.kind, k.survey_id, s.name
       FROM survey_contacts k
       JOIN surveys s ON s.org_id = k.org_id AND s.id = k.survey_id
      WHERE k.org_id = $1 AND k.customer_id = $2 AND k.kind <> 'staff' AND ${cond}
      ORDER BY ${orderSql('k.at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows.map((r) => ({
    key: `contact:${r.id}`,
    at: r.at,
    type: `survey.contact.${r.kind}`,
    summary: r.name,
    actor: { kind: 'system' },
    link: { to: 'survey', id: r.survey_id },
    data: {},
  }));
}

async function unsubscribe(db: Sql, orgId: string, customerId: string): Promise<TSourceItem[]> {
  const { rows } = await db.query<{ at: string }>(
    `SELECT ${isoSql('at')} AS at FROM survey_unsubscribes WHERE org_id = $1 AND customer_id = $2`,
    [orgId, customerId],
  );
  return rows.map((r) => ({
    key: `unsubscribe:${customerId}`,
    at: r.at,
    type: 'survey.unsubscribed',
    summary: '',
    actor: { kind: 'customer' },
    link: null,
    data: {},
  }));
}

/** This customer's survey entries just before the cursor, newest first (at most `limit` each). */
export async function timelineFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const lists = await Promise.all([
    responses(db, orgId, customerId, before, limit),
    contacts(db, orgId, customerId, before, limit),
    unsubscribe(db, orgId, customerId),
  ]);
  return lists.flat();
}
