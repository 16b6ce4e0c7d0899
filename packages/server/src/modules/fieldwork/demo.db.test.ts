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

it('links checklist items to the standards catalogue with a snapshot; gap-3 compliance per standard', async () => {
  const r = await db.query<{
    items: { key: string; standardId: string | null; standardCode: string | null }[];
  }>('SELECT items FROM fieldwork_checklist_versions WHERE org_id = $1', [orgId]);
  const espera = r.rows[0]?.items.find((i) => i.key === 'espera');
  expect(espera?.standardCode).toBe('OF-02');
  const { complianceByStandard } = await import('./service');
  const c = await complianceByStandard(db, orgId);
  const std = c.standards.find((s) => s.code === 'OF-02');
  // espera answers of own visits (competitor left out): 6,12,4,9,8,15,7,3,5 → within OF-02's 5 minutes in 3 of 9
  expect(std).toMatchObject({ n: 9, met: 3 });
  expect(std?.compliance).toBeCloseTo(3 / 9, 12);
});
