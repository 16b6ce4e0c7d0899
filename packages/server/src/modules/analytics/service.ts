// Analytics over stored survey answers (issue 11). See routes.ts for the HTTP side.
import type { Sql } from '../../db/client';

/** Recomputes the aggregate tables (all orgs when orgId is null) from the raw answers. */
export async function rebuildAggregates(db: Sql, orgId: string | null): Promise<void> {
  await db.query('SELECT fid_analytics_rebuild($1::uuid)', [orgId]);
}
