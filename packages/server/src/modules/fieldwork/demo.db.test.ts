// The demo fieldwork: a checklist, audits and mystery visits at demo branches (one competitor),
// a critical failure with an overdue corrective action, and visits waiting for the shopper.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import { DEMO_SHOPPER_EMAIL } from './demo';

let db: TestDb;
let orgId: string;
beforeAll(async () => {
  db = await createTestDb();
  orgId = (await seedDemo(db)).orgId;
});
afterAll(async () => {
  await db?.close();
});

it('seeds scored visits of every kind, a critical failure and an overdue action', async () => {
  const kinds = await db.query<{ kind: string; n: number }>(
    'SELECT kind, count(*)::int AS n FROM pub_fieldwork_visits WHERE org_id = $1 GROUP BY 1 ORDER BY 1',
    [orgId],
  );
  expect(kinds.rows).toEqual([
    { kind: 'audit', n: 4 },
    { kind: 'competitor', n: 1 },
    { kind: 'mystery', n: 5 },
  ]);
  const crit = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pub_fieldwork_visits WHERE org_id = $1 AND critical_failed AND final_score = 0',
    [orgId],
  );
  expect(crit.rows[0]?.n).toBe(2);
  const overdue = await db.query<{ critical: boolean; owner_id: string | null }>(
    `SELECT critical, owner_id FROM fieldwork_actions
      WHERE org_id = $1 AND status = 'open' AND due_date < CURRENT_DATE`,
    [orgId],
  );
  expect(overdue.rows.some((r) => r.critical && r.owner_id)).toBe(true);
  const pending = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM fieldwork_visits v JOIN users u ON u.id = v.assignee_id
      WHERE v.org_id = $1 AND v.status = 'scheduled' AND u.email = $2 AND u.role = 'shopper'`,
    [orgId, DEMO_SHOPPER_EMAIL],
  );
  expect(pending.rows[0]?.n).toBe(2);
});
