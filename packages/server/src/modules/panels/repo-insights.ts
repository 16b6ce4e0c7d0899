// SQL for insights and their summaries (panel_insights, panel_sessions). Every function takes
// the org id first and every statement filters by it.
import type { Sql } from '../../db/client';
import { iso } from './repo-sql';

export interface TSummaryRow {
  key: string;
  n: number;
  quotes: {
    quote: string;
    theme: string;
    segment: string | null;
    sessionAt: string;
    topic: string;
  }[];
}

/** Per need / attribute id: count of insights and up to 3 quotes (newest session first). */
export async function summaryBy(
  db: Sql,
  orgId: string,
  column: 'need_id' | 'attribute_id',
  ids: readonly string[] | undefined,
): Promise<TSummaryRow[]> {
  if (ids && ids.length === 0) return [];
  const { rows } = await db.query<{
    key: string;
    n: number;
    quotes: TSummaryRow['quotes'] | null;
  }>(
    `WITH f AS (
       SELECT i.${column}::text AS key, i.quote, i.theme, i.segment, s.starts_at, s.topic,
              row_number() OVER (PARTITION BY i.${column}
                                 ORDER BY (i.quote <> '') DESC, s.starts_at DESC, i.created_at, i.id) AS rn
         FROM panel_insights i
         JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
        WHERE i.org_id = $1 AND i.${column} IS NOT NULL
          AND ($2::uuid[] IS NULL OR i.${column} = ANY($2::uuid[])))
     SELECT key, count(*)::int AS n,
            jsonb_agg(jsonb_build_object('quote', quote, 'theme', theme, 'segment', segment,
                      'sessionAt', to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                      'topic', topic) ORDER BY rn)
              FILTER (WHERE rn <= 3 AND quote <> '') AS quotes
       FROM f GROUP BY key ORDER BY key`,
    [orgId, ids ?? null],
  );
  return rows.map((r) => ({ key: r.key, n: r.n, quotes: r.quotes ?? [] }));
}

// ------------------------------------------------------------------------------ insights
export interface TInsightRow {
  id: string;
  session_id: string;
  note_id: string | null;
  member_id: string | null;
  customer_id: string | null;
  member_name: string | null;
  theme: string;
  quote: string;
  segment: string | null;
  need_id: string | null;
  need_kind: string | null;
  attribute_id: string | null;
  gap: number | null;
  created_at: string;
}
export async function listInsights(
  db: Sql,
  orgId: string,
  f: { sessionId?: string; panelId?: string },
): Promise<(TInsightRow & { topic: string; starts_at: string })[]> {
  const r = await db.query<TInsightRow & { topic: string; starts_at: string }>(
    `SELECT i.id, i.session_id, i.note_id, i.member_id, i.customer_id, m.name AS member_name, i.theme,
            i.quote, i.segment, i.need_id, i.need_kind, i.attribute_id, i.gap,
            ${iso('i.created_at')} AS created_at, s.topic, ${iso('s.starts_at')} AS starts_at
       FROM panel_insights i
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
       LEFT JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
      WHERE i.org_id = $1 AND ($2::uuid IS NULL OR i.session_id = $2::uuid)
        AND ($3::uuid IS NULL OR s.panel_id = $3::uuid)
      ORDER BY s.starts_at DESC, i.created_at, i.id`,
    [orgId, f.sessionId ?? null, f.panelId ?? null],
  );
  return r.rows;
}
export async function insertInsight(
  db: Sql,
  orgId: string,
  sessionId: string,
  v: {
    noteId: string | null;
    memberId: string | null;
    customerId: string | null;
    theme: string;
    quote: string;
    segment: string | null;
    needId: string | null;
    needKind: string | null;
    attributeId: string | null;
    gap: number | null;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panel_insights (org_id, session_id, note_id, member_id, customer_id, theme, quote,
                                 segment, need_id, need_kind, attribute_id, gap, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      orgId,
      sessionId,
      v.noteId,
      v.memberId,
      v.customerId,
      v.theme,
      v.quote,
      v.segment,
      v.needId,
      v.needKind,
      v.attributeId,
      v.gap,
      v.createdBy,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function invitedMember(
  db: Sql,
  orgId: string,
  sessionId: string,
  memberId: string,
): Promise<{ customer_id: string | null; segment: string | null } | null> {
  const r = await db.query<{ customer_id: string | null; segment: string | null }>(
    `SELECT m.customer_id, m.segment FROM panel_invites i
       JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
      WHERE i.org_id = $1 AND i.session_id = $2 AND i.member_id = $3`,
    [orgId, sessionId, memberId],
  );
  return r.rows[0] ?? null;
}
