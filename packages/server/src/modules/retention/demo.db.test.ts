import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';

describe('demo retention data', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('seeds transactions and two fitted model runs with tiers, history and loyalty members', async () => {
    const { orgId } = await seedDemo(db);
    const tx = await db.query<{ n: number; customers: number; refunds: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers,
              count(*) FILTER (WHERE type = 'refund')::int AS refunds
         FROM retention_transactions WHERE org_id = $1`,
      [orgId],
    );
    expect(tx.rows[0]?.n).toBeGreaterThan(1500);
    expect(tx.rows[0]?.customers).toBeGreaterThan(200);
    expect(tx.rows[0]?.refunds).toBeGreaterThan(0);
    const runs = await db.query<{
      status: string;
      warnings: string[];
      churn: { auc?: number; scored?: number };
    }>(
      'SELECT status, warnings, churn FROM retention_model_runs WHERE org_id = $1 ORDER BY version',
      [orgId],
    );
    expect(runs.rows.map((r) => r.status)).toEqual(['done', 'done']);
    // The contract churn model is fitted in the latest run and scores the active contracts.
    expect(runs.rows[1]?.churn.auc).toBeGreaterThan(0.5);
    expect(runs.rows[1]?.churn.scored).toBeGreaterThan(10);
    expect(runs.rows.flatMap((r) => r.warnings)).toEqual([]);
    const tiers = await db.query<{ tier: string; n: number }>(
      'SELECT tier, count(*)::int AS n FROM retention_customer_tiers WHERE org_id = $1 GROUP BY tier ORDER BY tier',
      [orgId],
    );
    expect(tiers.rows.map((r) => r.tier)).toEqual(['bronze', 'gold', 'silver']);
    const moves = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM retention_notifications WHERE org_id = $1`,
      [orgId],
    );
    expect(moves.rows[0]?.n).toBeGreaterThan(0);
    const risk = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM retention_scores s
         JOIN retention_model_runs r ON r.org_id = s.org_id AND r.id = s.run_id AND r.version = 2
        WHERE s.org_id = $1 AND s.p_alive < 0.5`,
      [orgId],
    );
    expect(risk.rows[0]?.n).toBeGreaterThan(5);
    const members = await db.query<{ n: number; neg: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE balance < 0)::int AS neg FROM loyalty_members WHERE org_id = $1`,
      [orgId],
    );
    expect(members.rows[0]?.n).toBeGreaterThan(20);
  });
});
