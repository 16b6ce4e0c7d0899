// The panels module's one public surface (issue 17): panels of customers, consent, quota
// samples, incentives, focus-group / interview sessions with invitations and RSVP, notes,
// transcripts and insights. Other modules call only what is exported here.
import type { Sql } from '../../db/client';
import { summaryBy } from './repo-insights';

export interface TInsightQuote {
  quote: string;
  theme: string;
  segment: string | null;
  /** ISO date-time of the session the quote comes from */
  sessionAt: string;
  topic: string;
}
export interface TInsightSummaryEntry {
  count: number;
  quotes: TInsightQuote[];
}
export interface TInsightSummary {
  /** need id (pub_strategy_needs.id) -> count and up to 3 quotes */
  needs: Record<string, TInsightSummaryEntry>;
  /** service attribute id (pub_service_attributes.id) -> count and up to 3 quotes */
  attributes: Record<string, TInsightSummaryEntry>;
}

/**
 * Insights linked to needs and service attributes, for the strategy workspace's
 * needs -> attributes view: per id, how many insights and up to three quotes with the session
 * date (sessions newest first). Omitted filters mean "every linked need / attribute".
 */
export async function insightSummary(
  db: Sql,
  orgId: string,
  q: { needIds?: readonly string[]; attributeIds?: readonly string[] } = {},
): Promise<TInsightSummary> {
  const [needs, attributes] = [
    await summaryBy(db, orgId, 'need_id', q.needIds),
    await summaryBy(db, orgId, 'attribute_id', q.attributeIds),
  ];
  const toMap = (rows: typeof needs) =>
    Object.fromEntries(rows.map((r) => [r.key, { count: r.n, quotes: r.quotes }]));
  return { needs: toMap(needs), attributes: toMap(attributes) };
}
