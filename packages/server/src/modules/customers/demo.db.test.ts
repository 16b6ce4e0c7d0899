import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';

describe('demo customers', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('seeds a few hundred customers of every kind, internal ones being org units', async () => {
    const { orgId } = await seedDemo(db);
    const { rows } = await db.query<{ kind: string; n: number; units: number }>(
      `SELECT kind, count(*)::int AS n, count(DISTINCT unit_id)::int AS units FROM customers WHERE org_id = $1 GROUP BY kind ORDER BY kind`,
      [orgId],
    );
    expect(rows.map((r) => r.kind)).toEqual(['external', 'internal', 'user']);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(300);
    const bad = await db.query(
      `SELECT 1 FROM customers c WHERE c.org_id = $1 AND c.kind = 'internal'
          AND NOT EXISTS (SELECT 1 FROM org_units u WHERE u.org_id = c.org_id AND u.id = c.internal_unit_id)`,
      [orgId],
    );
    expect(bad.rows).toEqual([]);
  });
});
