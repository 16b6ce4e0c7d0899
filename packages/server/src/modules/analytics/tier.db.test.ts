// groupBy=tier: NPS and CSAT per the respondent customer's current loyalty tier, read through
// retention's published view pub_retention_customer_tiers, against values worked out by hand.
// Responses without a customer or of a customer without a tier fall in '' (none). PGlite and
// PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let nps: string;
let csat: string;

const get = (url: string, s: Session = owner) =>
  t.app.inject({ method: 'GET', url, headers: s.headers });

async function customer(name: string, tier: string | null) {
  const r = await t.db.query<{ id: string }>(
    'INSERT INTO customers (org_id, name, consent_survey) VALUES ($1, $2, true) RETURNING id',
    [org.orgId, name],
  );
  const id = (r.rows[0] as { id: string }).id;
  if (tier)
    await t.db.query(
      'INSERT INTO retention_customer_tiers (org_id, customer_id, tier) VALUES ($1, $2, $3)',
      [org.orgId, id, tier],
    );
  return id;
}

async function create(template: string): Promise<string> {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: `T ${template}`, template },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: owner.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

async function enter(surveyId: string, items: unknown[]) {
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${surveyId}/entries/batch`,
    headers: owner.headers,
    payload: { items },
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().rejected, r.body).toBe(0);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Niveles');
  owner = await login(t.app, org.users.owner);
  // another org's tier for a customer of its own must not leak into this org's groups
  const otherOrg = await createOrg(t.db, 'Otra');
  const o = await t.db.query<{ id: string }>(
    'INSERT INTO customers (org_id, name) VALUES ($1, $2) RETURNING id',
    [otherOrg.orgId, 'Otro'],
  );
  await t.db.query(
    `INSERT INTO retention_customer_tiers (org_id, customer_id, tier) VALUES ($1, $2, 'gold')`,
    [otherOrg.orgId, o.rows[0]?.id],
  );
  const g1 = await customer('Gala', 'gold');
  const g2 = await customer('Gonzalo', 'gold');
  const s1 = await customer('Sara', 'silver');
  const b1 = await customer('Bruno', 'bronze');
  const n1 = await customer('Nadia', null);
  nps = await create('nps_relational');
  csat = await create('csat_transactional');
  // [customer, nps, csat]
  const rows: [string | null, number, number][] = [
    [g1, 10, 5],
    [g1, 9, 4],
    [g2, 6, 2],
    [s1, 7, 3],
    [s1, 8, 4],
    [b1, 3, 1],
    [n1, 10, 5],
    [null, 9, 4],
  ];
  const items = (f: (r: (typeof rows)[number]) => Record<string, unknown>) =>
    rows.map((r, i) => ({
      id: randomUUID(),
      channel: 'phone',
      customerId: r[0],
      respondedAt: `2026-04-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
      answers: f(r),
    }));
  await enter(
    nps,
    items((r) => ({ nps: r[1] })),
  );
  await enter(
    csat,
    items((r) => ({ csat: r[2] })),
  );
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('groupBy=tier', () => {
  it('NPS per loyalty tier, sorted by code, "" = no tier', async () => {
    const r = await get(`/api/analytics/surveys/${nps}/nps?groupBy=tier`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    // all: promoters 10, 9, 10, 9 = 4; detractors 6, 3 = 2; n 8 -> 100 * 2 / 8 = 25
    expect(b.n).toBe(8);
    expect(b.nps).toBeCloseTo(25, 10);
    expect(b.groups.map((x: { group: string }) => x.group)).toEqual([
      '',
      'bronze',
      'gold',
      'silver',
    ]);
    const g = Object.fromEntries(
      b.groups.map((x: { group: string; n: number; nps: number }) => [x.group, x]),
    );
    // gold: 10, 9, 6 -> (2 - 1) / 3 = 33.3…; silver: 7, 8 -> 0; bronze: 3 -> -100; none: 10, 9 -> 100
    expect(g.gold.n).toBe(3);
    expect(g.gold.nps).toBeCloseTo(100 / 3, 10);
    expect([g.silver.n, g.silver.nps]).toEqual([2, 0]);
    expect([g.bronze.n, g.bronze.nps]).toEqual([1, -100]);
    expect([g[''].n, g[''].nps]).toEqual([2, 100]);
  });
  it('CSAT per loyalty tier: gold 5, 4, 2 -> mean 11/3; silver 3, 4 -> 3.5', async () => {
    const r = await get(`/api/analytics/surveys/${csat}/csat?groupBy=tier`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    const by = (k: string) => b.groups.find((x: { group: string }) => x.group === k);
    expect(by('gold').n).toBe(3);
    expect(by('gold').mean).toBeCloseTo(11 / 3, 12);
    expect(by('silver').mean).toBeCloseTo(3.5, 12);
    expect(by('bronze').mean).toBeCloseTo(1, 12);
    expect(by('').n).toBe(2);
  });
  it('rejects an unknown breakdown with a 400', async () => {
    expect((await get(`/api/analytics/surveys/${nps}/nps?groupBy=loyalty`)).statusCode).toBe(400);
  });
});
