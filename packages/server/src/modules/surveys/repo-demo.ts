// Demo-seeding SQL of the surveys module (first-start demo organisation only).
import type { Sql } from '../../db/client';

/** The org's agents and analysts, by e-mail (the demo's staff-entry users). */
export async function demoAgentIds(db: Sql, orgId: string): Promise<string[]> {
  const agents = await db.query<{ id: string }>(
    `SELECT id FROM pub_users WHERE org_id = $1 AND role IN ('agent', 'analyst') ORDER BY email`,
    [orgId],
  );
  return agents.rows.map((r) => r.id);
}

export async function demoUnitNames(db: Sql, orgId: string): Promise<Map<string, string>> {
  const names = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM pub_org_units WHERE org_id = $1',
    [orgId],
  );
  return new Map(names.rows.map((u) => [u.id, u.name]));
}

/**
 * Back-dates the seeded responses of these surveys to their submission time, started a few
 * minutes before it.
 */
export async function backdateDemoResponses(
  db: Sql,
  orgId: string,
  surveyIds: string[],
  startedBefore: '3 minutes' | '4 minutes',
): Promise<void> {
  await db.query(
    `UPDATE survey_responses SET created_at = submitted_at, updated_at = submitted_at,
            started_at = submitted_at - interval '${startedBefore}'
      WHERE org_id = $1 AND survey_id = ANY($2::uuid[])`,
    [orgId, surveyIds],
  );
}
