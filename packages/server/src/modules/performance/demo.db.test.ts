// The demo org's performance data: compliments naming branch staff, three rules, last month's
// board with badges and points, a pending nomination, and the monthly recognition job queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import { board } from './service';

describe('demo performance data', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('seeds compliments, rules, a board for last month and the monthly job', async () => {
    const { orgId } = await seedDemo(db);
    const c = await db.query<{ n: number; staff: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT staff_user_id)::int AS staff
         FROM performance_compliments WHERE org_id = $1`,
      [orgId],
    );
    expect(c.rows[0]?.n).toBeGreaterThan(20);
    expect(c.rows[0]?.staff).toBeGreaterThan(5);
    const rules = await db.query('SELECT 1 FROM performance_rules WHERE org_id = $1', [orgId]);
    expect(rules.rows).toHaveLength(3);
    const now = new Date();
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const b = await board(db, orgId, prev.toISOString().slice(0, 7));
    expect(b.awards.some((a) => a.source === 'nomination')).toBe(true);
    expect(b.awards.some((a) => a.source === 'rule' && a.points === 50)).toBe(true);
    expect(b.leaders.length).toBeGreaterThan(1);
    const pending = await db.query(
      `SELECT 1 FROM performance_nominations WHERE org_id = $1 AND status = 'pending'`,
      [orgId],
    );
    expect(pending.rows.length).toBe(1);
    const job = await db.query(
      `SELECT run_at FROM jobs WHERE org_id = $1 AND kind = 'performance.recognition' AND status = 'queued'`,
      [orgId],
    );
    expect(job.rows).toHaveLength(1);
  });
});
