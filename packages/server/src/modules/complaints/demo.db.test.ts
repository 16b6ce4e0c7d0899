// The demo complaints: ~60 Spanish cases in every state across the branches, run through the
// real service; impartial assignees, root causes on closed cases, a plausible timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';

describe('demo complaints', () => {
  let db: TestDb;
  let orgId: string;
  beforeAll(async () => {
    db = await createTestDb();
    orgId = (await seedDemo(db)).orgId;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('seeds ~60 cases in every state, across branches and channels', async () => {
    const r = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM complaints WHERE org_id = $1 GROUP BY 1 ORDER BY 1',
      [orgId],
    );
    const total = r.rows.reduce((a, x) => a + x.n, 0);
    // 60 here + 3 after-sales cases the diagnostic demo adds at Oficina Bilbao Gran Vía
    expect(total).toBe(63);
    expect(r.rows.map((x) => x.status).sort()).toEqual(
      [
        'acknowledged',
        'assessed',
        'closed',
        'investigating',
        'received',
        'rejected',
        'responded',
      ].sort(),
    );
    const spread = await db.query<{ units: number; channels: number; refs: number }>(
      `SELECT count(DISTINCT unit_id)::int AS units, count(DISTINCT channel)::int AS channels,
              count(DISTINCT reference)::int AS refs FROM complaints WHERE org_id = $1`,
      [orgId],
    );
    expect(spread.rows[0]).toEqual({ units: 6, channels: 4, refs: total });
  });

  it('is consistent: impartial assignees, causes on closed cases, ordered timelines, no mail queued', async () => {
    const bad = await db.query(
      `SELECT reference FROM complaints WHERE org_id = $1 AND (
         assignee_id = ANY(staff_involved)
         OR (status = 'closed' AND (cause_id IS NULL OR closed_at IS NULL))
         OR (first_response_at IS NOT NULL AND first_response_at < received_at)
         OR (closed_at IS NOT NULL AND closed_at < received_at)
         OR closed_at > now())`,
      [orgId],
    );
    expect(bad.rows).toEqual([]);
    const reopened = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM complaints WHERE org_id = $1 AND reopen_count > 0',
      [orgId],
    );
    expect(reopened.rows[0]?.n).toBe(4);
    const jobs = await db.query(
      `SELECT 1 FROM jobs WHERE org_id = $1 AND kind = 'complaint.mail'`,
      [orgId],
    );
    expect(jobs.rows).toEqual([]);
  });

  it('every rated case has its rating entry in the timeline (case page, follow-up page)', async () => {
    const r = await db.query<{ rated: number; matching: number }>(
      `SELECT count(*)::int AS rated,
              count(*) FILTER (WHERE (SELECT count(*) FROM complaint_events e
                 WHERE e.org_id = c.org_id AND e.complaint_id = c.id AND e.kind = 'rated'
                   AND (e.data->>'rating')::int = c.rating AND e.at = c.rated_at
                   AND e.at <= now()) = 1)::int AS matching
         FROM complaints c WHERE c.org_id = $1 AND c.rating IS NOT NULL`,
      [orgId],
    );
    expect(r.rows[0]?.rated).toBeGreaterThan(0);
    expect(r.rows[0]?.matching).toBe(r.rows[0]?.rated);
  });

  it('queues one org SLA recompute so the seeded cases get their stored targets', async () => {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE org_id = $1 AND kind = 'complaints.sla.recompute'`,
      [orgId],
    );
    expect(r.rows[0]?.n).toBe(1);
  });
});
