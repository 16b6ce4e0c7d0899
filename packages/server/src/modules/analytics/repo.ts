// The analytics module's own reads of other modules' published views (ARCHITECTURE.md
// "Cross-module reads"): every function takes the org id first and filters by it.
import type { Sql } from '../../db/client';

/** Each customer's use class (processor, merchant, end_user, public; null = not classified). */
export async function customerUseClasses(
  db: Sql,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: string; use_class: string | null }>(
    'SELECT id, use_class FROM pub_customers WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, [...new Set(ids)]],
  );
  return new Map(r.rows.map((x) => [x.id, x.use_class]));
}

/** Current loyalty tier of each given customer (retention's published view); absent: no tier. */
export async function customerTiers(
  db: Sql,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ customer_id: string; tier: string }>(
    `SELECT customer_id, tier FROM pub_retention_customer_tiers
      WHERE org_id = $1 AND customer_id = ANY($2::uuid[])`,
    [orgId, [...new Set(ids)]],
  );
  return new Map(r.rows.map((x) => [x.customer_id, x.tier]));
}
