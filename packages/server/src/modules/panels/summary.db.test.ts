import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../../test/harness';
import { insightSummary } from './service';

describe('panels insightSummary', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('counts insights per need and attribute with up to 3 quotes, newest session first, per org', async () => {
    const a = await createOrg(db, 'A');
    const b = await createOrg(db, 'B');
    const need = randomUUID();
    const attr = randomUUID();
    for (const org of [a.orgId, b.orgId]) {
      const p = await db.query<{ id: string }>(
        `INSERT INTO panels (org_id, name) VALUES ($1, 'P') RETURNING id`,
        [org],
      );
      const panelId = p.rows[0]?.id;
      for (const [day, quotes] of [
        ['2026-01-10', ['q1', 'q2']],
        ['2026-03-10', ['q3', '', 'q4']],
      ] as const) {
        const s = await db.query<{ id: string }>(
          `INSERT INTO panel_sessions (org_id, panel_id, topic, starts_at) VALUES ($1, $2, 'T', $3) RETURNING id`,
          [org, panelId, `${day}T10:00:00Z`],
        );
        for (const q of quotes)
          await db.query(
            `INSERT INTO panel_insights (org_id, session_id, theme, quote, need_id, attribute_id)
             VALUES ($1, $2, 'espera', $3, $4, $5)`,
            [org, s.rows[0]?.id, q, need, q === 'q1' ? attr : null],
          );
      }
    }
    const r = await insightSummary(db, a.orgId, { needIds: [need] });
    expect(r.needs[need]?.count).toBe(5);
    expect(r.needs[need]?.quotes.map((x) => x.quote)).toEqual(['q3', 'q4', 'q1']);
    expect(r.needs[need]?.quotes[0]?.sessionAt).toBe('2026-03-10T10:00:00Z');
    expect(r.attributes[attr]?.count).toBe(1);
    expect((await insightSummary(db, a.orgId, { needIds: [randomUUID()] })).needs).toEqual({});
  });
});
