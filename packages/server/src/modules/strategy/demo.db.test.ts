// The demo org's strategy workspace is filled: a scored triangle, two value models (one with a
// survey-backed value for money and an under-valued benefit), the bank-branch needs matrix with
// Kano-suggested types, standards and orientation answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import type { AuthContext } from '../../lib/access';
import * as svc from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let auth: AuthContext;

beforeAll(async () => {
  t = await createTestApp();
  const { orgId } = await seedDemo(t.db);
  const owner = await t.db.query<{ id: string }>(
    "SELECT id FROM pub_users WHERE org_id = $1 AND role = 'owner'",
    [orgId],
  );
  auth = {
    orgId,
    userId: (owner.rows[0] as { id: string }).id,
    role: 'owner',
    unitId: null,
    email: 'x',
    via: 'session',
    scopes: [],
  };
}, 240_000);
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('strategy demo', () => {
  it('fills the four tabs with meaningful content', async () => {
    const tri = await svc.getTriangle(t.db, auth);
    expect(tri.every((e) => e.score !== null && e.evidence.length > 0)).toBe(true);
    const models = await svc.listValueModels(t.db, auth);
    expect(models.map((m) => m.segment).sort()).toEqual(['Empresas', 'Particulares']);
    const part = models.find((m) => m.segment === 'Particulares');
    expect(part?.valueForMoney?.n).toBe(64);
    expect(part?.benefits.filter((b) => b.underValued).map((b) => b.kind)).toEqual(['economic']);
    expect(part?.competitors).toHaveLength(2);
    // value for money per segment: only that segment's respondents, different answers
    expect(part?.valueForMoney).toMatchObject({ scope: 'segment', surveyN: 64 + 18, enough: true });
    const firms = models.find((m) => m.segment === 'Empresas');
    expect(firms?.valueForMoney?.n).toBe(18);
    expect(firms?.valueForMoney?.mean).not.toBeCloseTo(part?.valueForMoney?.mean ?? 0, 1);
    // per-unit triangles: Oficina Bilbao Gran Vía has its own six relationships
    const units = await svc.triangleUnits(t.db, auth);
    const bilbao = units.items.find((u) => u.name === 'Oficina Bilbao Gran Vía');
    expect(bilbao?.assessed).toBe(6);
    const bt = await svc.getTriangle(t.db, auth, bilbao?.unitId ?? null);
    expect(bt.find((e) => e.relation === 'customer_people')?.score).toBe(4);
    const m = await svc.matrix(t.db, auth, { segment: 'Particulares' });
    expect(m.needs).toHaveLength(8);
    expect(m.cells.length).toBeGreaterThan(15);
    const by = new Map(m.attributes.map((a) => [a.key, a]));
    expect(by.get('app_movil')?.suggestedType).toBe('basic');
    expect(by.get('cita_previa')?.suggestedType).toBe('expected');
    expect(by.get('horario_tarde')?.kano?.category).toBe('A');
    expect(by.get('trust')?.type).toBe('basic');
    expect(m.attributes.some((a) => a.standards.length > 0)).toBe(true);
    expect(by.get('technical_assistance')?.group).toBe('after_sales');
    const o = await svc.orientation(t.db, auth, 'Particulares');
    expect(o.every((x) => x.answer.length > 0)).toBe(true);
    const segs = await svc.segmentNames(t.db, auth);
    expect(segs.items[0]?.name).toBe('Particulares');
  });
});
