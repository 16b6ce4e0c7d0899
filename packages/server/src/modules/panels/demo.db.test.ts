import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import { insightSummary, previewSample } from './service';

describe('demo panels data', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('seeds a panel of demo customers, a past focus group with notes, insights and incentives', async () => {
    const { orgId } = await seedDemo(db);
    const m = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM panel_members WHERE org_id = $1 GROUP BY status ORDER BY status',
      [orgId],
    );
    const by = Object.fromEntries(m.rows.map((r) => [r.status, r.n]));
    expect(by.active).toBeGreaterThan(20);
    expect(by.withdrawn).toBe(1);
    expect(by.pending).toBe(1);
    const s = await db.query<{ topic: string; attended: number; insights: number; notes: number }>(
      `SELECT s.topic,
              (SELECT count(*)::int FROM panel_invites i WHERE i.org_id = s.org_id AND i.session_id = s.id AND i.attended) AS attended,
              (SELECT count(*)::int FROM panel_insights i WHERE i.org_id = s.org_id AND i.session_id = s.id) AS insights,
              (SELECT count(*)::int FROM panel_notes i WHERE i.org_id = s.org_id AND i.session_id = s.id) AS notes
         FROM panel_sessions s WHERE s.org_id = $1 AND s.starts_at < now()`,
      [orgId],
    );
    expect(s.rows).toEqual([
      { topic: 'La experiencia en la oficina', attended: 6, insights: 6, notes: 2 },
    ]);
    const inc = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM panel_incentives WHERE org_id = $1',
      [orgId],
    );
    expect(inc.rows[0]?.n).toBe(6);
    // every insight quoting someone points at a real demo customer (timeline source)
    const linked = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM panel_insights i JOIN pub_customers c ON c.org_id = i.org_id AND c.id = i.customer_id
        WHERE i.org_id = $1`,
      [orgId],
    );
    expect(linked.rows[0]?.n).toBe(6);
    expect(await insightSummary(db, orgId)).toBeDefined();
    // A manager who opens the demo panel can draw a new sample at once: the demo's own contacts
    // (the focus group, the interview invitations, survey invitations) leave members eligible
    // under the fatigue rule.
    const owner = await db.query<{ id: string; email: string }>(
      `SELECT id, email FROM users WHERE org_id = $1 AND role = 'owner' LIMIT 1`,
      [orgId],
    );
    const panel = await db.query<{ id: string }>(
      'SELECT id FROM panels WHERE org_id = $1 ORDER BY created_at LIMIT 1',
      [orgId],
    );
    const auth = {
      orgId,
      userId: owner.rows[0]?.id as string,
      role: 'owner' as const,
      unitId: null,
      email: owner.rows[0]?.email as string,
      via: 'session' as const,
      scopes: [],
    };
    const preview = await previewSample(db, auth, panel.rows[0]?.id as string, {
      size: 5,
      seed: 1,
    });
    expect(preview.eligible).toBeGreaterThanOrEqual(5);
    expect(preview.members).toHaveLength(5);
  });
});
