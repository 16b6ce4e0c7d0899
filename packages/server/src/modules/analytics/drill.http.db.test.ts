// Drill-down to the responses (issue 11): for every chart element the screens link from (a
// SERVQUAL item and dimension, a league-table unit, NPS buckets, a trend point, a by-unit row,
// the comments), the list's total equals the figure the report printed, the keyset pages walk
// every response exactly once, the filters and the caller's unit subtree apply, the customer's
// name shows only when the caller may see the customer, and bad input is a 4xx. PGlite and
// PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createUnit,
  login,
  type Session,
  type TestOrg,
} from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let sq: string;
let nps: string;
let north: string;
let south: string;
let customerNorth: string;
let customerSouth: string;

const get = (url: string, s: Session = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...s.headers, 'accept-language': lang } });

async function survey(template: string): Promise<string> {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: `D ${template}`, template },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  // Nothing required: respondents may skip items (the drill-down must count pairs, not rows).
  const def = (await get(`/api/surveys/${id}`)).json().definition;
  for (const pg of def.pages)
    for (const q of pg.questions) {
      q.required = false;
    }
  const u = await t.app.inject({
    method: 'PUT',
    url: `/api/surveys/${id}/definition`,
    headers: owner.headers,
    payload: { definition: def },
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

/** Every page of a drill-down (limit 4): the ids, each once, and the first page's total. */
async function walk(surveyId: string, qs: string, s: Session = owner) {
  const ids: string[] = [];
  let after = '';
  let total = -1;
  for (let i = 0; i < 100; i++) {
    const r = await get(
      `/api/analytics/surveys/${surveyId}/responses?${qs}&limit=4${after ? `&after=${after}` : ''}`,
      s,
    );
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    if (total < 0) total = b.total;
    expect(b.total).toBe(total);
    ids.push(...b.items.map((x: { responseId: string }) => x.responseId));
    if (!b.next) break;
    after = b.next;
  }
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(total);
  return { ids, total };
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Detalle');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  north = await createUnit(t.db, org.orgId, 'Sucursal Norte', 'branch', org.companyUnitId);
  south = await createUnit(t.db, org.orgId, 'Sucursal Sur', 'branch', org.companyUnitId);
  const cust = async (name: string, unitId: string) =>
    (
      await t.db.query<{ id: string }>(
        'INSERT INTO customers (org_id, name, unit_id, consent_survey) VALUES ($1, $2, $3, true) RETURNING id',
        [org.orgId, name, unitId],
      )
    ).rows[0]?.id as string;
  customerNorth = await cust('Ana Norte', north);
  customerSouth = await cust('Bruno Sur', south);
  sq = await survey('servqual');
  nps = await survey('nps_relational');
  // 11 SERVQUAL respondents over Jan–Feb 2026: every third skips item 3's perception, every
  // fourth answers no empathy item at all; the odd ones are in the north office.
  await enter(
    sq,
    Array.from({ length: 11 }, (_, i) => {
      const p: Record<string, number> = {};
      const e: Record<string, number> = {};
      for (let k = 1; k <= 22; k++) {
        if (i % 4 === 0 && k >= 18) continue;
        e[`e${k}`] = 5 + ((i + k) % 3);
        if (!(k === 3 && i % 3 === 0)) p[`p${k}`] = 1 + ((i * 3 + k) % 7);
      }
      return {
        id: randomUUID(),
        channel: i % 2 ? 'phone' : 'postal',
        orgUnitId: i % 2 ? north : south,
        customerId: i === 1 ? customerNorth : i === 2 ? customerSouth : null,
        respondedAt: new Date(Date.UTC(2026, 0, 10 + i * 4, 10)).toISOString(),
        answers: {
          sq_e: e,
          sq_p: p,
          weights: {
            tangibles: 10,
            reliability: 30,
            responsiveness: 20,
            assurance: 20,
            empathy: 20,
          },
          ...(i % 2 === 0 ? { comment: `comentario ${i}` } : {}),
        },
      };
    }),
  );
  // NPS: scores 0..10 and again, over three months.
  await enter(
    nps,
    Array.from({ length: 16 }, (_, i) => ({
      id: randomUUID(),
      channel: i % 3 ? 'phone' : 'postal',
      orgUnitId: i % 2 ? north : south,
      respondedAt: new Date(Date.UTC(2026, 0, 3 + i * 5, 9)).toISOString(),
      answers: { nps: i % 11, ...(i % 4 === 1 ? { reason: `motivo ${i}` } : {}) },
    })),
  );
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const base = (id: string) => `/api/analytics/surveys/${id}`;

describe('drill-down: the list is what the chart counted', () => {
  it('every SERVQUAL item: total = the item n (pairs), pages walk each once', async () => {
    const rep = (await get(`${base(sq)}/servqual`)).json();
    expect(rep.n).toBe(11);
    const seen = new Set<number>();
    for (const it of rep.items as { item: string; n: number }[]) {
      const { total } = await walk(sq, `metric=servqual&item=${it.item}`);
      expect(total, `item ${it.item}`).toBe(it.n);
      seen.add(it.n);
    }
    // the data makes items differ: 11 full, 7 without item-3 skippers, 8 empathy (i%4≠0)
    expect([...seen].sort()).toEqual([11, 7, 8].sort());
    const i3 = (await get(`${base(sq)}/responses?metric=servqual&item=3`)).json();
    expect(i3.total).toBe(7);
    expect(i3.items[0].answers.map((a: { tag: string }) => a.tag)).toEqual([
      'servqual:E:3',
      'servqual:P:3',
    ]);
  });

  it('a dimension: responses with a pair in it; the whole report: its n', async () => {
    expect((await walk(sq, 'metric=servqual&dimension=empathy')).total).toBe(8);
    expect((await walk(sq, 'metric=servqual&dimension=tangibles')).total).toBe(11);
    expect((await walk(sq, 'metric=servqual')).total).toBe(11);
  });

  it('a league-table unit (exact unit): total = the row n, with the filters kept', async () => {
    const league = (await get(`${base(sq)}/league`)).json();
    expect(league.units).toHaveLength(2);
    for (const u of league.units) {
      expect((await walk(sq, `metric=servqual&atUnit=${u.unitId}`)).total).toBe(u.n);
    }
    // with a period and a channel: the league under the same filter, and the list
    const f = 'from=2026-01-01&to=2026-01-31&channel=phone';
    const lf = (await get(`${base(sq)}/league?${f}`)).json();
    const row = lf.units.find((u: { unitId: string }) => u.unitId === north);
    expect(row.n).toBe(3); // i = 1, 3, 5 (Jan 14, 22, 30)
    expect((await walk(sq, `metric=servqual&atUnit=${north}&${f}`)).total).toBe(3);
  });

  it('NPS buckets sum to the report; by-unit rows and trend points match', async () => {
    const rep = (await get(`${base(nps)}/nps`)).json();
    const b = {
      promoter: (await walk(nps, 'metric=nps&bucket=promoter')).total,
      passive: (await walk(nps, 'metric=nps&bucket=passive')).total,
      detractor: (await walk(nps, 'metric=nps&bucket=detractor')).total,
    };
    // scores i % 11 for i = 0..15: 0..10 then 0..4 → 2 promoters, 2 passives, 12 detractors
    expect(b).toEqual({ promoter: 2, passive: 2, detractor: 12 });
    expect(rep.n).toBe(16);
    expect(rep.promoters).toBe(b.promoter);
    const byUnit = (await get(`${base(nps)}/nps?groupBy=unit`)).json();
    for (const g of byUnit.groups as { group: string; n: number }[]) {
      const unitId = g.group === 'Sucursal Norte' ? north : south;
      expect((await walk(nps, `metric=nps&atUnit=${unitId}`)).total).toBe(g.n);
    }
    const trend = (await get(`${base(nps)}/trends?metric=nps&period=month`)).json();
    expect(trend.periods.length).toBeGreaterThan(1);
    for (const p of trend.periods as { period: string; n: number }[]) {
      const { total } = await walk(nps, `metric=nps&periodKind=month&periodKey=${p.period}`);
      expect(total, p.period).toBe(p.n);
    }
  });

  it('comments: total = the text report n, with the comment shown', async () => {
    const text = (await get(`${base(nps)}/text?question=reason`)).json();
    const r = await walk(nps, 'metric=text&question=reason');
    expect(r.total).toBe(text.n);
    expect(r.total).toBe(4);
    const first = (await get(`${base(nps)}/responses?metric=text&question=reason`)).json();
    expect(first.items[0].comment).toMatch(/^motivo \d+$/);
  });
});

describe('drill-down: keyset pages in SQL', () => {
  it('walks > 2 pages with tied times: every response once, in the one-page order', async () => {
    const id = await survey('nps_relational');
    // 13 responses, groups of three sharing the same instant: the id breaks the ties.
    const sent = Array.from({ length: 13 }, (_, i) => ({
      id: randomUUID(),
      channel: 'phone',
      orgUnitId: i % 2 ? north : south,
      respondedAt: new Date(Date.UTC(2026, 2, 1 + Math.floor(i / 3), 12)).toISOString(),
      answers: { nps: i % 11 },
    }));
    await enter(id, sent);
    const one = (await get(`${base(id)}/responses?metric=nps&limit=200`)).json();
    expect(one.total).toBe(13);
    expect(one.next).toBeNull();
    const order = one.items.map((x: { at: string; responseId: string }) => [x.at, x.responseId]);
    const sorted = [...order].sort((a, b) =>
      a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1,
    );
    expect(order).toEqual(sorted);
    const w = await walk(id, 'metric=nps'); // limit 4: four pages
    expect(w.total).toBe(13);
    expect(w.ids).toEqual(one.items.map((x: { responseId: string }) => x.responseId));
    expect(new Set(w.ids)).toEqual(new Set(sent.map((x) => x.id)));
    // the same walk with the detractors only (a filter in the WHERE, not after the page)
    const d = await walk(id, 'metric=nps&bucket=detractor');
    expect(d.total).toBe(sent.filter((x) => x.answers.nps <= 6).length);
    // a cursor past the last row: an empty page, the total unchanged
    const tail = await get(
      `${base(id)}/responses?metric=nps&after=${Buffer.from(`2000-01-01T00:00:00.000000Z|${randomUUID()}`).toString('base64url')}`,
    );
    expect(tail.statusCode, tail.body).toBe(200);
    expect(tail.json().items).toEqual([]);
    expect(tail.json().total).toBe(13);
  });
});

describe('drill-down: rows, scope and bad input', () => {
  it('rows carry date, unit, channel, customer name; newest first', async () => {
    const r = (await get(`${base(sq)}/responses?metric=servqual&limit=200`)).json();
    const ats = r.items.map((x: { at: string }) => x.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const ana = r.items.find((x: { customer: { name: string } | null }) => x.customer);
    expect(ana).toBeTruthy();
    const named = r.items
      .filter((x: { customer: unknown }) => x.customer)
      .map((x: { customer: { name: string } }) => x.customer.name);
    expect(named.sort()).toEqual(['Ana Norte', 'Bruno Sur']);
    const withComment = r.items.filter((x: { comment: string | null }) => x.comment);
    expect(withComment).toHaveLength(6); // i even
    expect(r.items[0].unitName).toMatch(/^Sucursal (Norte|Sur)$/);
  });

  it("a unit-scoped user sees only the unit's responses and customers", async () => {
    await t.db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [north, org.users.analyst.id]);
    const analyst = await login(t.app, org.users.analyst);
    const league = (await get(`${base(sq)}/league`, analyst)).json();
    expect(league.units).toHaveLength(1);
    const r = await walk(sq, 'metric=servqual', analyst);
    expect(r.total).toBe(league.units[0].n);
    expect(r.total).toBe(5);
    const page = (await get(`${base(sq)}/responses?metric=servqual`, analyst)).json();
    expect(page.items.every((x: { unitId: string }) => x.unitId === north)).toBe(true);
    // the south office: outside the scope
    const out = await get(`${base(sq)}/responses?metric=servqual&unitId=${south}`, analyst);
    expect(out.statusCode).toBe(404);
    expect((await walk(sq, `metric=servqual&atUnit=${south}`, analyst)).total).toBe(0);
  });

  it('another org: 404, never its rows', async () => {
    const s = await login(t.app, other.users.owner);
    const r = await get(`${base(sq)}/responses?metric=servqual`, s);
    expect(r.statusCode).toBe(404);
  });

  it('bad input: localised 400, never a 500', async () => {
    for (const qs of [
      'metric=nps&item=3',
      'metric=servqual&bucket=promoter',
      'metric=csat&bucket=promoter',
      'metric=nps&periodKey=2026-01',
      'metric=servqual&after=bm9wZQ',
      'metric=servqual&item=23',
      'metric=bogus',
      'item=1',
      'metric=servqual&from=2026-02-30',
    ]) {
      const r = await get(`${base(sq)}/responses?${qs}`, owner, 'en');
      expect(r.statusCode, qs).toBe(400);
    }
    const r = await get(`${base(sq)}/responses?metric=nps&item=3`, owner, 'es');
    expect(r.json().error.message).toMatch(/selección/);
    expect((await get(`${base(randomUUID())}/responses?metric=nps`)).statusCode).toBe(404);
  });
});
