// SQL for insights and their summaries (panel_insights, panel_sessions). Every function takes
// the org id first and every statement filters by it.
import type { Sql } from '../../db/client';

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
