// The surveys module's part of the customer timeline (registered from service.ts): the
// customer's responses with their headline scores, the survey contacts (invitations,
// reminders, personal links) and an unsubscribe (a consent change).
import type { Sql } from '../../db/client';
import type { TSourceItem, TTimelineBefore } from '../customers/service';
import * as sql from './repo-timeline';

/** Answer tags shown as the response's scores on the timeline. */
const SCORE_TAGS = ['nps', 'csat', 'satisfaction', 'effort'];

async function responses(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const rows = await sql.responseRows(db, orgId, customerId, before, limit);
  if (rows.length === 0) return [];
  const scores = await sql.scoreRows(
    db,
    orgId,
    rows.map((r) => r.id),
    SCORE_TAGS,
  );
  const byResponse = new Map<string, Record<string, number>>();
  for (const s of scores) {
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
  const rows = await sql.contactRows(db, orgId, customerId, before, limit);
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
  const rows = await sql.unsubscribeRows(db, orgId, customerId);
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
