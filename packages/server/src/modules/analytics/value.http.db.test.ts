// Perceived value in analytics (issue 11): GET /api/analytics/surveys/:id/value against figures
// computed by hand (means, sample sd, 95 % t intervals with t(4) = 2.776445, t(5) = 2.570582,
// t(12) = 2.178813; tolerance 1e-6), under the reports' filters, by class by use, with the value
// models that name the survey (money values from the strategy module), "too few answers" below
// VALUE_MIN_ANSWERS, and the empty state / bad input. PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let pv: string;
let nps: string;
const TOL = 6; // decimal places

const get = (url: string, s: Session = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...s.headers, 'accept-language': lang } });
const call = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({ method, url, headers: owner.headers, payload: payload as object });

async function survey(template: string): Promise<string> {
  const c = await call('POST', '/api/surveys', { name: `V ${template}`, template });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const p = await call('POST', `/api/surveys/${id}/publish`, {});
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

async function customer(useClass: string, i: number) {
  const r = await call('POST', '/api/customers', {
    name: `Cliente ${useClass} ${i}`,
    useClass,
    consentSurvey: true,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

// Particulares (4 end users, 1 public), by phone: price 5, 6, 7, 4, 6 (mean 5.6, sd √1.3);
// functional 7, emotional 4, economic 2, 2, 3, 2, 1; wtp 100, 150, 120, 90, 140.
// Empresas (3 processors, 3 merchants), by post: price 2, 3, 3, 4, 2, 4 (mean 3, sd √0.8);
// functional 5, emotional 5, economic 6, wtp 300. Two anonymous answers in person: price 7, same rest.
const PEOPLE = [5, 6, 7, 4, 6];
const ECON = [2, 2, 3, 2, 1];
const WTP = [100, 150, 120, 90, 140];
const FIRMS = [2, 3, 3, 4, 2, 4];

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Valor');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  pv = await survey('perceived_value');
  nps = await survey('nps_relational');
  const people: string[] = [];
  for (let i = 0; i < 5; i++) people.push(await customer(i === 4 ? 'public' : 'end_user', i));
  const firms: string[] = [];
  for (let i = 0; i < 6; i++) firms.push(await customer(i % 2 ? 'merchant' : 'processor', i));
  const at = (d: number) => new Date(Date.UTC(2026, 3, d, 10)).toISOString();
  const items = [
    ...PEOPLE.map((price, i) => ({
      id: randomUUID(),
      channel: 'phone',
      customerId: people[i],
      respondedAt: at(1 + i),
      answers: {
        value: {
          price,
          benefits: { functional: 7, emotional: 4, economic: ECON[i] },
          wtp: WTP[i],
        },
      },
    })),
    ...[...FIRMS, 7, 7].map((price, i) => ({
      id: randomUUID(),
      channel: i < 6 ? 'postal' : 'in_person',
      ...(i < 6 ? { customerId: firms[i] } : {}),
      respondedAt: at(10 + i),
      answers: {
        value: { price, benefits: { functional: 5, emotional: 5, economic: 6 }, wtp: 300 },
      },
    })),
  ];
  const r = await call('POST', `/api/surveys/${pv}/entries/batch`, { items });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().rejected, r.body).toBe(0);
  const b = () => randomUUID();
  const m = await call('POST', '/api/strategy/value-models', {
    id: b(),
    segment: 'Particulares',
    currency: 'EUR',
    pricePaid: 120,
    surveyId: pv,
    useClasses: ['end_user', 'public'],
    benefits: [
      { id: b(), kind: 'functional', name: 'Rapidez', moneyValue: 40 },
      { id: b(), kind: 'emotional', name: 'Tranquilidad', moneyValue: 60 },
      { id: b(), kind: 'economic', name: 'Ahorro en comisiones', moneyValue: 100 },
    ],
  });
  expect(m.statusCode, m.body).toBe(201);
  // a model of another survey is not this report's
  const n = await call('POST', '/api/strategy/value-models', {
    id: b(),
    segment: 'Empresas',
    pricePaid: 45,
    surveyId: nps,
    useClasses: ['processor'],
  });
  expect(n.statusCode, n.body).toBe(201);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const url = (id: string, qs = '') => `/api/analytics/surveys/${id}/value${qs ? `?${qs}` : ''}`;
type TStat = { n: number; mean: number | null; ci95: [number, number] | null };
function close(s: TStat, n: number, mean: number, lo: number, hi: number) {
  expect(s.n).toBe(n);
  expect(s.mean).toBeCloseTo(mean, TOL);
  expect(s.ci95?.[0]).toBeCloseTo(lo, TOL);
  expect(s.ci95?.[1]).toBeCloseTo(hi, TOL);
}

describe('perceived value', () => {
  it('benefits, value for money and its distribution over every answer', async () => {
    const r = await get(url(pv));
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v.applicable).toBe(true);
    expect(v.n).toBe(13);
    expect(v.points).toBe(7);
    expect(v.minN).toBe(5);
    // price: 13 answers, Σ 60, sd 1.850156
    close(v.valueForMoney, 13, 60 / 13, 3.497346583, 5.733422647);
    expect(v.valueForMoney.distribution).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 2 },
      { score: 3, count: 2 },
      { score: 4, count: 3 },
      { score: 5, count: 1 },
      { score: 6, count: 2 },
      { score: 7, count: 3 },
    ]);
    const ben = Object.fromEntries(
      v.benefits.map((x: TStat & { key: string; kind: string }) => [x.key, x]),
    );
    expect(v.benefits.map((x: { kind: string }) => x.kind)).toEqual([
      'functional',
      'emotional',
      'economic',
    ]);
    // functional 7 ×5, 5 ×8: mean 75/13, sd 1.012739
    close(ben.functional, 13, 75 / 13, 5.157238495, 6.381223044);
    // economic 2, 2, 3, 2, 1, 6 ×8: mean 58/13, sd 2.066212
    close(ben.economic, 13, 58 / 13, 3.21293923, 5.710137693);
    close(v.wtp, 13, 3000 / 13, 174.976308012, 286.562153527);
  });

  it('by class by use, "too few answers" below the minimum', async () => {
    const v = (await get(url(pv))).json();
    const seg = Object.fromEntries(
      v.segments.map((s: { useClass: string }) => [s.useClass, s]),
    ) as Record<string, { n: number; valueForMoney: TStat }>;
    expect(Object.keys(seg)).toEqual(['processor', 'merchant', 'end_user', 'public', 'none']);
    expect(seg.end_user?.n).toBe(4);
    expect(seg.end_user?.valueForMoney).toEqual({ n: 4, mean: null, ci95: null });
    expect(seg.none?.valueForMoney).toEqual({ n: 2, mean: null, ci95: null });
    expect(seg.processor?.n).toBe(3);
  });

  it("the survey's value models: money values vs price and their segment's value for money", async () => {
    const v = (await get(url(pv))).json();
    expect(v.models).toHaveLength(1);
    const m = v.models[0];
    expect(m.segment).toBe('Particulares');
    expect(m.pricePaid).toBe(120);
    expect(m.totalBenefits).toBe(200);
    expect(m.perceivedValue).toBe(80);
    expect(m.valueRatio).toBeCloseTo(200 / 120, TOL);
    // end users and the public: price 5, 6, 7, 4, 6
    close(m.valueForMoney, 5, 5.6, 4.184285223, 7.015714777);
    const rating = Object.fromEntries(
      m.benefits.map((b: { kind: string; rating: number }) => [b.kind, b.rating]),
    );
    expect(rating.functional).toBeCloseTo(7, TOL);
    expect(rating.emotional).toBeCloseTo(4, TOL);
    expect(rating.economic).toBeCloseTo(2, TOL);
  });

  it('under the filters: channel, period, language', async () => {
    // by post: the six firms, price 2, 3, 3, 4, 2, 4 (mean 3, sd √0.8)
    const post = (await get(url(pv, 'channel=postal'))).json();
    expect(post.n).toBe(6);
    close(post.valueForMoney, 6, 3, 2.061356228, 3.938643772);
    expect(post.models[0].valueForMoney).toEqual({ n: 0, mean: null, ci95: null });
    // April 1st–5th: the five particulares
    const early = (await get(url(pv, 'from=2026-04-01&to=2026-04-05'))).json();
    close(early.valueForMoney, 5, 5.6, 4.184285223, 7.015714777);
    close(early.models[0].valueForMoney, 5, 5.6, 4.184285223, 7.015714777);
    const en = (await get(url(pv, 'language=en'))).json();
    expect(en.n).toBe(0);
    expect(en.valueForMoney.mean).toBeNull();
    expect(en.segments).toEqual([]);
  });

  it('a survey without value questions: not applicable; bad input 4xx, never a 500', async () => {
    const r = await get(url(nps));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ applicable: false, n: 0, benefits: [], models: [] });
    expect((await get(url(randomUUID()))).statusCode).toBe(404);
    expect((await get(url('nope'))).statusCode).toBe(404);
    const bad = await get(url(pv, 'from=2026-02-30'), owner, 'es');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/fecha/);
    expect((await get(url(pv, 'from=2026-05-01&to=2026-04-01'))).statusCode).toBe(400);
    expect((await get(url(pv, `unitId=${randomUUID()}`))).statusCode).toBe(404);
    const s = await login(t.app, other.users.owner);
    expect((await get(url(pv), s)).statusCode).toBe(404);
  });
});
