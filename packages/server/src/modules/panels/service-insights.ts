// Insights from sessions (linked to needs, service attributes and gaps) and their summaries:
// themes, links and the strategy module's insightSummary. Re-exported by service.ts.
import { type TInsightCreate, ZInsightSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import * as repo from './repo';
import { summaryBy } from './repo-insights';
import * as views from './repo-views';
import { assertAttribute, assertNeed, mustPanel, mustSession, toInsight } from './service-shared';

// ------------------------------------------------------------------------------ insights
export async function addInsight(
  db: Sql,
  auth: AuthContext,
  sessionId: string,
  body: TInsightCreate,
) {
  const v = ZInsightSchema.parse(body);
  await mustSession(db, auth.orgId, sessionId);
  if (v.noteId && !(await repo.noteInSession(db, auth.orgId, sessionId, v.noteId)))
    throw new AppError('PANEL_NOTE_INVALID');
  let customerId: string | null = null;
  let segment = v.segment ?? null;
  if (v.memberId) {
    const m = await repo.invitedMember(db, auth.orgId, sessionId, v.memberId);
    if (!m) throw new AppError('PANEL_MEMBER_NOT_INVITED');
    customerId = m.customer_id;
    segment = segment ?? m.segment;
  }
  if (v.needId) await assertNeed(db, auth.orgId, v.needId);
  if (v.attributeId) await assertAttribute(db, auth.orgId, v.attributeId);
  const id = await repo.insertInsight(db, auth.orgId, sessionId, {
    noteId: v.noteId ?? null,
    memberId: v.memberId ?? null,
    customerId,
    theme: v.theme.trim().toLocaleLowerCase('es'),
    quote: v.quote,
    segment,
    needId: v.needId ?? null,
    needKind: v.needKind ?? null,
    attributeId: v.attributeId ?? null,
    gap: v.gap ?? null,
    createdBy: auth.userId,
  });
  const row = (await repo.listInsights(db, auth.orgId, { sessionId })).find((x) => x.id === id);
  return toInsight(row as repo.TInsightRow);
}

/** Theme summary across sessions (one panel or all): insights by theme and segment, quotes. */
export async function themes(db: Sql, auth: AuthContext, panelId?: string) {
  if (panelId) await mustPanel(db, auth.orgId, panelId);
  const rows = await repo.listInsights(db, auth.orgId, panelId ? { panelId } : {});
  const by = new Map<
    string,
    {
      theme: string;
      count: number;
      sessions: Set<string>;
      segments: Map<string, number>;
      quotes: ReturnType<typeof toInsight>[];
    }
  >();
  for (const r of rows) {
    const e = by.get(r.theme) ?? {
      theme: r.theme,
      count: 0,
      sessions: new Set<string>(),
      segments: new Map<string, number>(),
      quotes: [],
    };
    e.count++;
    e.sessions.add(r.session_id);
    const seg = r.segment ?? '';
    e.segments.set(seg, (e.segments.get(seg) ?? 0) + 1);
    if (r.quote && e.quotes.length < 3) e.quotes.push(toInsight(r));
    by.set(r.theme, e);
  }
  return {
    total: rows.length,
    items: [...by.values()]
      .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, 'es'))
      .map((e) => ({
        theme: e.theme,
        count: e.count,
        sessions: e.sessions.size,
        segments: [...e.segments.entries()]
          .map(([segment, count]) => ({ segment: segment || null, count }))
          .sort((a, b) => b.count - a.count),
        quotes: e.quotes,
      })),
  };
}

/** Insights by need and by service attribute with their names (own view of insightSummary). */
export async function insightLinks(db: Sql, auth: AuthContext) {
  const s = await insightSummary(db, auth.orgId);
  const needIds = Object.keys(s.needs);
  const needs = new Map<string, { text: string; kind: string; segment: string | null }>();
  if (needIds.length && (await views.viewExists(db, 'pub_strategy_needs'))) {
    for (const x of await views.needsByIds(db, auth.orgId, needIds)) needs.set(x.id, x);
  }
  const attrIds = Object.keys(s.attributes);
  const attrs = new Map<string, { name_es: string; name_en: string }>();
  if (attrIds.length && (await views.viewExists(db, 'pub_service_attributes'))) {
    for (const x of await views.attributesByIds(db, auth.orgId, attrIds)) attrs.set(x.id, x);
  }
  return {
    needs: needIds.map((id) => ({
      id,
      text: needs.get(id)?.text ?? null,
      kind: needs.get(id)?.kind ?? null,
      segment: needs.get(id)?.segment ?? null,
      ...(s.needs[id] as TInsightSummaryEntry),
    })),
    attributes: attrIds.map((id) => ({
      id,
      nameEs: attrs.get(id)?.name_es ?? null,
      nameEn: attrs.get(id)?.name_en ?? null,
      ...(s.attributes[id] as TInsightSummaryEntry),
    })),
  };
}

// ------------------------------------------------------------------------------ strategy
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
  const needs = await summaryBy(db, orgId, 'need_id', q.needIds?.filter(isUuid));
  const attributes = await summaryBy(db, orgId, 'attribute_id', q.attributeIds?.filter(isUuid));
  const toMap = (rows: typeof needs) =>
    Object.fromEntries(rows.map((r) => [r.key, { count: r.n, quotes: r.quotes }]));
  return { needs: toMap(needs), attributes: toMap(attributes) };
}
