// Respondent filters and breakdowns (issue 11): `language` and `segment` (customer class A/B/C,
// `none`) on the survey reports, and groupBy=classification (the customer's use class), checked
// against NPS/CSAT worked out by hand. The filters take the raw-answer path (the aggregates
// have no such dimension): the trend with a segment filter must equal the hand count too.
// PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let nps: string;
let csat: string;

const get = (url: string, s: Session = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...s.headers, 'accept-language': lang } });

async function customer(name: string, tier: string | null, useClass: string | null) {
  const r = await t.db.query<{ id: string }>(
    'INSERT INTO customers (org_id, name, tier, use_class, consent_survey) VALUES ($1, $2, $3, $4, true) RETURNING id',
    [org.orgId, name, tier, useClass],
  );
  return (r.rows[0] as { id: string }).id;
}

async function create(template: string): Promise<string> {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: `F ${template}`, template },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const def = (await get(`/api/surveys/${id}`)).json().definition;
  const u = await t.app.inject({
    method: 'PUT',
    url: `/api/surveys/${id}/definition`,
    headers: owner.headers,
    payload: { definition: { ...def, languages: ['es', 'en'] } },
  });
  expect(u.statusCode, u.body).toBe(200);
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
  org = await createOrg(t.db, 'Filtros');
  owner = await login(t.app, org.users.owner);
  const a1 = await customer('Ana', 'A', 'merchant');
  const a2 = await customer('Alba', 'A', 'end_user');
  const b1 = await customer('Bruno', 'B', 'end_user');
  const n1 = await customer('Nadia', null, null);
  nps = await create('nps_relational');
  csat = await create('csat_transactional');
  // [customer, language, nps, csat, day]
  const rows: [string | null, 'es' | 'en', number, number, string][] = [
    [a1, 'es', 10, 5, '2026-03-03'],
    [a1, 'en', 9, 4, '2026-03-04'],
    [a2, 'es', 3, 2, '2026-04-07'],
    [b1, 'en', 8, 3, '2026-04-08'],
    [b1, 'es', 10, 5, '2026-04-09'],
    [n1, 'es', 6, 1, '2026-04-10'],
    [null, 'en', 10, 4, '2026-04-11'],
  ];
  const items = (f: (r: (typeof rows)[number]) => Record<string, unknown>) =>
    rows.map((r) => ({
      id: randomUUID(),
      channel: 'phone',
      customerId: r[0],
      language: r[1],
      respondedAt: `${r[4]}T10:00:00Z`,
      answers: f(r),
    }));
  await enter(
    nps,
    items((r) => ({ nps: r[2] })),
  );
  await enter(
    csat,
    items((r) => ({ csat: r[3] })),
  );
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('language and segment filters', () => {
  it('NPS of class A only: 10, 9, 3 -> (2 - 1) / 3', async () => {
    const b = (await get(`/api/analytics/surveys/${nps}/nps?segment=A`)).json();
    expect(b.n).toBe(3);
    expect(b.nps).toBeCloseTo(100 / 3, 10);
  });
  it('segment none = no customer or unclassified: 6, 10 -> 0', async () => {
    const b = (await get(`/api/analytics/surveys/${nps}/nps?segment=none`)).json();
    expect(b.n).toBe(2);
    expect(b.nps).toBe(0);
  });
  it('English answers only: 9, 8, 10 -> (2 - 0) / 3', async () => {
    const b = (await get(`/api/analytics/surveys/${nps}/nps?language=en`)).json();
    expect(b.n).toBe(3);
    expect(b.nps).toBeCloseTo(200 / 3, 10);
  });
  it('both filters with a date range on the CSAT report', async () => {
    // class B in April: 3, 5 -> top-2 share 1/2
    const b = (
      await get(`/api/analytics/surveys/${csat}/csat?segment=B&from=2026-04-01&to=2026-04-30`)
    ).json();
    expect(b.n).toBe(2);
    expect(b.mean).toBe(4);
  });
  it('the trend honours the segment (raw path): class A per month', async () => {
    const b = (
      await get(`/api/analytics/surveys/${nps}/trends?metric=nps&period=month&segment=A`)
    ).json();
    const byMonth = Object.fromEntries(
      b.periods.map((p: { period: string; n: number; value: number | null }) => [
        p.period,
        [p.n, p.value],
      ]),
    );
    expect(byMonth['2026-03']).toEqual([2, 100]);
    expect(byMonth['2026-04']).toEqual([1, -100]);
  });
  it('refuses unknown values with a 400', async () => {
    expect((await get(`/api/analytics/surveys/${nps}/nps?segment=D`)).statusCode).toBe(400);
    expect((await get(`/api/analytics/surveys/${nps}/nps?language=fr`)).statusCode).toBe(400);
  });
});

describe('groupBy=classification', () => {
  it('NPS per use class, sorted by code, "" = none', async () => {
    const b = (await get(`/api/analytics/surveys/${nps}/nps?groupBy=classification`)).json();
    const g = Object.fromEntries(
      b.groups.map((x: { group: string; n: number; nps: number }) => [x.group, [x.n, x.nps]]),
    );
    // end_user: 3, 8, 10 -> (1 - 1) / 3 = 0; merchant: 10, 9 -> 100; none: 6, 10 -> 0
    expect(b.groups.map((x: { group: string }) => x.group)).toEqual(['', 'end_user', 'merchant']);
    expect(g.end_user).toEqual([3, 0]);
    expect(g.merchant).toEqual([2, 100]);
    expect(g['']).toEqual([2, 0]);
  });
  it('CSAT per use class: end_user 2, 3, 5 -> mean 10/3', async () => {
    const b = (await get(`/api/analytics/surveys/${csat}/csat?groupBy=classification`)).json();
    const eu = b.groups.find((x: { group: string }) => x.group === 'end_user');
    expect(eu.n).toBe(3);
    expect(eu.mean).toBeCloseTo(10 / 3, 12);
  });
});
