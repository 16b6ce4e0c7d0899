// SQL of the panels demo seeder (demo.ts; the rest goes through the repo's own functions): the
// consenting customers it recruits, and the strategy needs and service attributes its insights
// link to when those modules' views hold any.
import type { Sql } from '../../db/client';

/**
 * Up to 40 active, survey-consenting, non-internal customers with an e-mail: alternately one
 * the surveys demo contacted in the last 30 days and one it did not, so the member pages show
 * survey history and a new sample can still be drawn under the contact-fatigue rule.
 */
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
    `SELECT id, name, email, kind, use_class, tier, language FROM (
       SELECT c.*, row_number() OVER (PARTITION BY recent ORDER BY external_id) AS k FROM (
         SELECT c.*, EXISTS (SELECT 1 FROM pub_survey_contacts s
                              WHERE s.org_id = c.org_id AND s.customer_id = c.id
                                AND s.contacted_at > now() - interval '30 days') AS recent
           FROM pub_customers c
          WHERE c.org_id = $1 AND c.status = 'active' AND c.consent_survey
            AND c.email IS NOT NULL AND c.kind <> 'internal') c) c
      ORDER BY k, recent, external_id LIMIT 40`,
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
