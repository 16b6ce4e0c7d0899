// SQL of the complaint SLAs, one `repo` namespace for callers: this file holds the per-case facts
// (pauses, cases); the stored targets and timers are in repo-targets.ts, the set-based recompute
// in repo-recompute-set.ts, the settings (calendars, policies, org trees) in repo-settings.ts and
// notifications/compliance in repo-notifications.ts, all re-exported here. Every function takes
// the org id first and filters by it; bulk reads/writes (unnest arrays) so recomputing 100,000
// open cases is a few statements per batch.
import type { Sql } from '../../../db/client';
import type { Pause } from './calendar';
import { ms, NEVER, OPEN } from './repo-shared';

export * from './repo-notifications';
export * from './repo-recompute-set';
export * from './repo-settings';
export { RECOMPUTE_JOB, TIMER_JOB } from './repo-shared';
export * from './repo-targets';

// ------------------------------------------------------------------------------- cases

/**
 * Opens a pause for every selected case that waits for the customer without an open pause,
 * and closes open pauses of cases that no longer wait (at `now`). ids null = all of the org.
 */
export async function syncPauses(db: Sql, orgId: string, ids: string[] | null, now: number) {
  const at = new Date(now).toISOString();
  await db.query(
    `UPDATE complaint_sla_pauses p SET end_at = GREATEST(p.start_at, LEAST($3::timestamptz,
            COALESCE(c.waiting_since, $3::timestamptz)))
       FROM complaints c
      WHERE p.org_id = $1 AND c.org_id = $1 AND c.id = p.complaint_id AND p.end_at IS NULL
        AND ($2::uuid[] IS NULL OR p.complaint_id = ANY($2::uuid[]))
        AND (c.waiting_since IS NULL OR c.waiting_since <> p.start_at)`,
    [orgId, ids, at],
  );
  await db.query(
    `INSERT INTO complaint_sla_pauses (org_id, complaint_id, start_at)
     SELECT c.org_id, c.id, c.waiting_since FROM complaints c
      WHERE c.org_id = $1 AND c.waiting_since IS NOT NULL
        AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM complaint_sla_pauses p
                         WHERE p.org_id = $1 AND p.complaint_id = c.id AND p.end_at IS NULL)`,
    [orgId, ids],
  );
}

export interface TCaseSlaRow {
  id: string;
  unitId: string | null;
  categoryId: string | null;
  severity: string;
  status: string;
  receivedAt: number;
  firstResponseAt: number | null;
  respondedAt: number | null;
  closedAt: number | null;
  lastUpdateAt: number | null;
  pauses: Pause[];
  openPauseSince: number | null;
}

/** Cases by id, or the next page (keyset after `afterId`) of open or never-computed cases. */
export async function loadCases(
  db: Sql,
  orgId: string,
  sel: { ids: string[] } | { afterId: string | null; limit: number },
): Promise<TCaseSlaRow[]> {
  const byIds = 'ids' in sel;
  const r = await db.query<Record<string, unknown>>(
    `SELECT c.id, c.unit_id, c.category_id, c.severity, c.status, c.received_at,
            c.first_response_at, c.responded_at, c.closed_at
       FROM complaints c
      WHERE c.org_id = $1
        AND ${byIds ? 'c.id = ANY($2::uuid[])' : `(${OPEN} OR ${NEVER}) AND ($2::uuid IS NULL OR c.id > $2::uuid)`}
      ORDER BY c.id ${byIds ? '' : 'LIMIT $3'}`,
    byIds ? [orgId, sel.ids] : [orgId, sel.afterId, sel.limit],
  );
  if (!r.rows.length) return [];
  const ids = r.rows.map((x) => x.id as string);
  const pauses = await db.query<{ complaint_id: string; start_at: unknown; end_at: unknown }>(
    `SELECT complaint_id, start_at, end_at FROM complaint_sla_pauses
      WHERE org_id = $1 AND complaint_id = ANY($2::uuid[]) ORDER BY start_at`,
    [orgId, ids],
  );
  const updates = await db.query<{ complaint_id: string; at: unknown }>(
    `SELECT complaint_id, max(at) AS at FROM complaint_events
      WHERE org_id = $1 AND complaint_id = ANY($2::uuid[]) AND visibility = 'customer'
        AND actor_id IS NOT NULL
      GROUP BY complaint_id`,
    [orgId, ids],
  );
  const byCase = new Map<string, TCaseSlaRow>();
  const out = r.rows.map((x) => {
    const row: TCaseSlaRow = {
      id: x.id as string,
      unitId: (x.unit_id as string | null) ?? null,
      categoryId: (x.category_id as string | null) ?? null,
      severity: x.severity as string,
      status: x.status as string,
      receivedAt: ms(x.received_at) as number,
      firstResponseAt: ms(x.first_response_at),
      respondedAt: ms(x.responded_at),
      closedAt: ms(x.closed_at),
      lastUpdateAt: null,
      pauses: [],
      openPauseSince: null,
    };
    byCase.set(row.id, row);
    return row;
  });
  for (const p of pauses.rows) {
    const c = byCase.get(p.complaint_id);
    if (!c) continue;
    const end = ms(p.end_at);
    if (end === null) c.openPauseSince = ms(p.start_at);
    else c.pauses.push({ start: ms(p.start_at) as number, end });
  }
  for (const u of updates.rows) {
    const c = byCase.get(u.complaint_id);
    if (c) c.lastUpdateAt = ms(u.at);
  }
  return out;
}
