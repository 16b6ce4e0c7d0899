// The drill-down's own read of the customers module's published view (ARCHITECTURE.md
// "Cross-module reads"): names of the respondent customers the caller may see.
import type { Sql } from '../../db/client';

/** Names of the given customers within the caller's unit scope (null = whole org), erased
 *  customers left out: a response then shows no customer. */
export async function customerNames(
  db: Sql,
  orgId: string,
  ids: readonly string[],
  scope: readonly string[] | null,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM pub_customers
      WHERE org_id = $1 AND id = ANY($2::uuid[]) AND status <> 'erased'
        AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))`,
    [orgId, [...new Set(ids)], scope],
  );
  return new Map(r.rows.map((x) => [x.id, x.name]));
}
