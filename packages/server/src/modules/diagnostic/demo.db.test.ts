// The demo branch's diagnostic shows gaps 1, 4, 5 and the causes from its own data, a promise
// not kept, ranked candidates and a closed action with the next period's gap 5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemoData, seedDemoOrg } from '../../demo/seed';
import type { AuthContext } from '../../lib/access';
import { listAttributes } from '../standards/service';
import { BRANCH } from './demo';
import { listPromises } from './promises';
import { diagnose, listActions } from './service';

describe('demo diagnostic', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  it('the Bilbao branch shows its gaps, a promise not kept and ranked actions', async () => {
    const { demo } = await seedDemoOrg(db);
    await seedDemoData(db, demo);
    const auth: AuthContext = {
      orgId: demo.orgId,
      userId: demo.ownerId,
      role: 'owner',
      unitId: null,
      email: 'x@y.z',
      via: 'session',
      scopes: [],
    };
    const unitId = demo.units[BRANCH] as string;
    const d = await diagnose(db, auth, { unitId });
    expect(d.unit?.name).toBe('Oficina Bilbao Gran Vía');
    expect(d.gap5.status).toBe('ok');
    expect(d.gap1.status).toBe('ok');
    expect(d.causes.status).toBe('ok');
    expect(d.gap4.status).toBe('ok');
    // gaps 2 and 3 from the standards and fieldwork demos (catalogue, audits at the branch)
    expect(d.gap2.status).toBe('ok');
    expect(d.gap3.status).toBe('ok');
    if (d.gap4.status !== 'ok' || d.gap1.status !== 'ok') return;
    const flags = d.gap4.data.promises.map((p) => p.notKept);
    expect(flags).toContain(true);
    expect(flags).toContain(false);
    expect(d.gap1.data.managers).toBe(6);
    expect(d.candidates.length).toBeGreaterThan(3);
    const { items } = await listActions(db, auth, { unitId });
    const done = items.find((a) => a.status === 'done');
    expect(done?.after?.n).toBeGreaterThan(0);
    expect(done?.baselineGap).not.toBeNull();
    // the promises point into the shared attribute catalogue
    const keyOf = new Map((await listAttributes(db, demo.orgId)).map((a) => [a.id, a.key]));
    const linked = (await listPromises(db, auth)).items.flatMap((p) =>
      p.attributeIds.map((id) => keyOf.get(id)),
    );
    expect(linked).toEqual(expect.arrayContaining(['first_contact_resolution', 'equipment']));
    // after-sales at the branch: its own standards, a promise and complaints by catalogue id
    expect(d.afterSales.status).toBe('ok');
    if (d.afterSales.status !== 'ok') return;
    const as = new Map(d.afterSales.data.attributes.map((a) => [a.key, a]));
    expect([...as.keys()]).toEqual(
      expect.arrayContaining(['product_information', 'spare_parts', 'technical_assistance']),
    );
    const tech = as.get('technical_assistance');
    expect(tech?.standards.map((s) => s.code)).toEqual(['PV-02']);
    expect(tech?.complaints).toBe(2);
    expect(tech?.perception.map((p) => p.item)).toEqual([7]);
    expect(tech?.perception[0]?.gap).not.toBeNull();
    expect(tech?.missing.map((m) => m.code)).toEqual(['no_audit']);
    const info = as.get('product_information');
    expect(info?.complaints).toBe(1);
    expect(info?.promises).toHaveLength(1);
    expect(info?.missing.map((m) => m.code)).toEqual(['no_audit', 'no_customer_measure']);
    expect(as.get('spare_parts')?.missing.map((m) => m.code)).toContain('no_standard');
    // the branch's own service triangle, linked from its diagnostic
    expect(d.triangle).toMatchObject({ unitId, assessed: 6, orgWide: null });
    expect(d.triangle.link).toBe(`/strategy/triangle?unitId=${unitId}`);
  }, 120_000);
});
