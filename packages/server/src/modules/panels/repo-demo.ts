// SQL of the panels demo seeder (demo.ts; the rest goes through the repo's own functions): the
// consenting customers it recruits, and the strategy needs and service attributes its insights
// link to when those modules' views hold any.
import type { Sql } from '../../db/client';

/** Up to 40 active, survey-consenting, non-internal customers with an e-mail. */
export async function demoRecruits(db: Sql, orgId: string) {
  const { rows } = await db.query<{
    id: string;
    name: string;
    email: string;
    kind: string;
    use_class: string | null;
    tier: string | null;
    language: string | null;
  }>(
    `SELECT id, name, email, kind, use_class, tier, language FROM pub_customers
      WHERE org_id = $1 AND status = 'active' AND consent_survey AND email IS NOT NULL
        AND kind <> 'internal'
      ORDER BY external_id LIMIT 40`,
    [orgId],
  );
  return rows;
}

/** The org's strategy needs; none when the view is missing (the query fails). */
export async function demoNeeds(db: Sql, orgId: string) {
  const { rows } = await db
    .query<{ id: string; text: string }>(
      'SELECT id, text FROM pub_strategy_needs WHERE org_id = $1',
      [orgId],
    )
    .catch(() => ({ rows: [] as { id: string; text: string }[] }));
  return rows;
}

/** The org's service attribute catalogue; none when the view is missing (the query fails). */
export async function demoAttributes(db: Sql, orgId: string) {
  const { rows } = await db
    .query<{ id: string; key: string }>(
      'SELECT id, key FROM pub_service_attributes WHERE org_id = $1',
      [orgId],
    )
    .catch(() => ({ rows: [] as { id: string; key: string }[] }));
  return rows;
}
