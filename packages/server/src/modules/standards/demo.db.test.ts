// The demo org (Banco Horizonte) gets the bank-branch catalogue linked to SERVQUAL items, a
// version history on the queue standard with its research link, and coverage findings over the
// demo SERVQUAL survey's answers (important items without a standard, a weak standard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import { systemAuth } from '../surveys/tokens';
import * as svc from './service';

describe('demo standards', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('seeds the catalogue, a history and coverage findings', async () => {
    const { orgId } = await seedDemo(db);
    const all = await svc.listStandards(db, orgId);
    expect(all.map((s) => s.code)).toContain('OF-01');
    // 14 bank-branch standards + the two after-sales ones of the diagnostic demo (PV-01, PV-02)
    expect(all).toHaveLength(16);
    const queue = all.find((s) => s.code === 'OF-02');
    expect(queue).toMatchObject({ currentVersion: 3, targetMax: 5 });
    expect(queue?.researchUrl).toMatch(/^\/analytics\/servqual\?survey=/);
    const vs = await svc.listVersions(db, orgId, queue?.id as string);
    expect(vs.map((v) => v.targetMax)).toEqual([5, 7, 5]);
    const c = await svc.coverage(db, systemAuth(orgId), {});
    expect(c.n).toBeGreaterThan(50);
    expect(c.uncovered.length).toBeGreaterThan(0);
    expect(c.uncovered.every((i) => i.important)).toBe(true);
    const covered = new Set(all.flatMap((s) => s.servqualItems));
    expect(c.uncovered.some((i) => !covered.has(i.item))).toBe(true);
    // complaint cases name catalogue attributes; the sync adds the one free text they use
    const usage = await svc.attributeUsage(db, systemAuth(orgId));
    expect(usage.find((u) => u.key === 'waiting_time')?.complaints).toBeGreaterThan(0);
    expect((await svc.syncAttributes(db, orgId)).keys).toContain('aplicacion_movil');
  });
});
