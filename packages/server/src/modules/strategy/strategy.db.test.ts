// The strategy workspace over HTTP on a real database (PGlite and PostgreSQL): the QFD
// importance and the Kano type suggestion on hand-made answers, the user's type override, the
// value-model figures and the under-valued rule against values computed by hand, client-made
// ids (replay / 409), validation (4xx, never 500), roles and tenant isolation.
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
import { ensureAttributes } from '../standards/service';
import { triangleSummary } from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let orgA: TestOrg;
let orgB: TestOrg;
let a: Session;
let b: Session;
let viewer: Session;
const attr: Record<string, string> = {};

const call = (s: Session, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function survey(template: string, templateParams?: unknown) {
  const c = await call(a, 'POST', '/api/surveys', {
    name: `S ${template}`,
    template,
    ...(templateParams ? { templateParams } : {}),
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const p = await call(a, 'POST', `/api/surveys/${id}/publish`);
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

async function enter(
  surveyId: string,
  answers: Record<string, unknown>[],
  customerIds: (string | null)[] = [],
) {
  const r = await call(a, 'POST', `/api/surveys/${surveyId}/entries/batch`, {
    items: answers.map((x, i) => ({
      id: randomUUID(),
      channel: 'phone',
      answers: x,
      ...(customerIds[i] ? { customerId: customerIds[i] } : {}),
    })),
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().rejected, r.body).toBe(0);
}

beforeAll(async () => {
  t = await createTestApp();
  orgA = await createOrg(t.db, 'Estrategia A');
  orgB = await createOrg(t.db, 'Estrategia B');
  a = await login(t.app, orgA.users.owner);
  b = await login(t.app, orgB.users.owner);
  viewer = await login(t.app, orgA.users.viewer);
  const list = await ensureAttributes(t.db, orgA.orgId, [
    { key: 'app_movil', nameEs: 'App móvil', nameEn: 'Mobile app' },
    { key: 'cita_previa', nameEs: 'Cita previa', nameEn: 'Appointments' },
    { key: 'horario_tarde', nameEs: 'Horario de tarde', nameEn: 'Afternoon hours' },
    { key: 'info_uso', nameEs: 'Información de uso', nameEn: 'Usage information' },
  ]);
  for (const x of list) attr[x.key] = x.id;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('needs -> attributes matrix', () => {
  const n1 = randomUUID();
  const n2 = randomUUID();
  let kanoId: string;

  it('suggests each attribute type from hand-made Kano answers', async () => {
    kanoId = await survey('kano', {
      attributes: ['app_movil', 'cita_previa', 'horario_tarde', 'info_uso'].map((key) => ({
        key,
        es: key,
        en: key,
      })),
    });
    // Per respondent [functional, dysfunctional] for each attribute (the Kano evaluation table):
    // app_movil 6 × (2,5) = M; cita_previa 4 × O (1,5) + 2 × A (1,3) = O;
    // horario_tarde 3 × A, 2 × I (3,3), 1 × O: A with A/n = 0.5 -> unexpected;
    // info_uso A, A, I, O, M, Q: A (2) with A/n = 1/3 -> desired.
    const pairs: Record<string, [number, number][]> = {
      app_movil: Array.from({ length: 6 }, () => [2, 5]),
      cita_previa: [
        [1, 5],
        [1, 5],
        [1, 5],
        [1, 5],
        [1, 3],
        [1, 3],
      ],
      horario_tarde: [
        [1, 3],
        [1, 2],
        [1, 4],
        [3, 3],
        [3, 3],
        [1, 5],
      ],
      info_uso: [
        [1, 3],
        [1, 2],
        [3, 3],
        [1, 5],
        [3, 5],
        [1, 1],
      ],
    };
    await enter(
      kanoId,
      Array.from({ length: 6 }, (_, i) =>
        Object.fromEntries(
          Object.entries(pairs).map(([k, p]) => [
            `kano_${k}`,
            {
              functional: (p[i] as [number, number])[0],
              dysfunctional: (p[i] as [number, number])[1],
            },
          ]),
        ),
      ),
    );
    const m = await call(a, 'GET', '/api/strategy/matrix');
    expect(m.statusCode, m.body).toBe(200);
    const body = m.json();
    expect(body.kanoSurvey.id).toBe(kanoId);
    const by = Object.fromEntries(
      body.attributes.map((x: { key: string }) => [x.key, x]),
    ) as Record<
      string,
      { kano: { category: string; n: number }; suggestedType: string; type: string }
    >;
    expect(by.app_movil?.kano).toEqual({ category: 'M', n: 6 });
    expect(by.app_movil?.suggestedType).toBe('basic');
    expect(by.cita_previa?.kano.category).toBe('O');
    expect(by.cita_previa?.suggestedType).toBe('expected');
    expect(by.horario_tarde?.kano.category).toBe('A');
    expect(by.horario_tarde?.suggestedType).toBe('unexpected');
    expect(by.info_uso?.kano.category).toBe('A');
    expect(by.info_uso?.suggestedType).toBe('desired');
    expect(by.info_uso?.type).toBe('desired');
  });

  it('computes importance = Σ strength × need importance', async () => {
    const seg = 'Particulares';
    const need = (id: string, text: string, importance: number, kind = 'stated') =>
      call(a, 'POST', '/api/strategy/needs', {
        id,
        segment: seg,
        customerGroup: 'Jóvenes',
        text,
        kind,
        importance,
      });
    expect((await need(n1, 'Operar sin ir a la oficina', 5)).statusCode).toBe(201);
    expect((await need(n2, 'Que me atiendan después del trabajo', 2, 'real')).statusCode).toBe(201);
    const link = (n: string, k: string, strength: number) =>
      call(a, 'PUT', `/api/strategy/needs/${n}/links`, { attributeId: attr[k], strength });
    for (const [n, k, s] of [
      [n1, 'app_movil', 9],
      [n1, 'cita_previa', 3],
      [n2, 'app_movil', 1],
      [n2, 'horario_tarde', 9],
      [n2, 'info_uso', 3],
    ] as const) {
      const r = await link(n, k, s);
      expect(r.statusCode, r.body).toBe(200);
    }
    // removing a link (0) takes it out of the sums
    expect((await link(n2, 'info_uso', 0)).statusCode).toBe(200);
    const body = (await call(a, 'GET', `/api/strategy/matrix?segment=${seg}`)).json();
    const imp = Object.fromEntries(
      body.attributes.map((x: { key: string; importance: number; weight: number }) => [
        x.key,
        [x.importance, x.weight],
      ]),
    );
    // app_movil 9·5 + 1·2 = 47; cita_previa 3·5 = 15; horario_tarde 9·2 = 18; total 80
    expect(imp.app_movil[0]).toBe(47);
    expect(imp.app_movil[1]).toBeCloseTo(47 / 80, 12);
    expect(imp.cita_previa[0]).toBe(15);
    expect(imp.horario_tarde[0]).toBe(18);
    expect(imp.horario_tarde[1]).toBeCloseTo(18 / 80, 12);
    expect(imp.info_uso).toEqual([0, 0]);
    expect(body.cells).toHaveLength(4);
    expect(body.needs.map((n: { id: string }) => n.id).sort()).toEqual([n1, n2].sort());
    // another segment has none of these needs
    const other = (await call(a, 'GET', '/api/strategy/matrix?segment=Empresas')).json();
    expect(other.needs).toEqual([]);
    expect(other.cells).toEqual([]);
    // the published view shows the needs to other modules
    const v = await t.db.query('SELECT id, kind FROM pub_strategy_needs WHERE org_id = $1', [
      orgA.orgId,
    ]);
    expect(v.rows).toHaveLength(2);
  });

  it('lets the user override the suggested type, and go back to it', async () => {
    const put = (type: string | null) =>
      call(a, 'PUT', `/api/strategy/attribute-types/${attr.cita_previa}`, { type });
    expect((await put('desired')).statusCode).toBe(200);
    let x = (await call(a, 'GET', '/api/strategy/matrix'))
      .json()
      .attributes.find((y: { key: string }) => y.key === 'cita_previa');
    expect([x.type, x.suggestedType, x.overridden]).toEqual(['desired', 'expected', true]);
    expect((await put(null)).statusCode).toBe(200);
    x = (await call(a, 'GET', '/api/strategy/matrix'))
      .json()
      .attributes.find((y: { key: string }) => y.key === 'cita_previa');
    expect([x.type, x.overridden]).toEqual(['expected', false]);
    expect((await put('wonderful')).statusCode).toBe(400);
  });

  it('replays a need sent twice, refuses an id reused for other content or by another org', async () => {
    const body = {
      id: n1,
      segment: 'Particulares',
      customerGroup: 'Jóvenes',
      text: 'Operar sin ir a la oficina',
      kind: 'stated',
      importance: 5,
    };
    const again = await call(a, 'POST', '/api/strategy/needs', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().replay).toBe(true);
    const changed = await call(a, 'POST', '/api/strategy/needs', { ...body, importance: 4 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('STRATEGY_ID_TAKEN');
    const other = await call(b, 'POST', '/api/strategy/needs', body);
    expect(other.statusCode).toBe(409);
    expect((await call(a, 'GET', '/api/strategy/needs')).json().items).toHaveLength(2);
  });

  it('answers clear 4xx for bad links', async () => {
    const unknownAttr = await call(a, 'PUT', `/api/strategy/needs/${n1}/links`, {
      attributeId: randomUUID(),
      strength: 9,
    });
    expect(unknownAttr.statusCode).toBe(404);
    expect(unknownAttr.json().error.code).toBe('STRATEGY_ATTRIBUTE_UNKNOWN');
    const badStrength = await call(a, 'PUT', `/api/strategy/needs/${n1}/links`, {
      attributeId: attr.app_movil,
      strength: 2,
    });
    expect(badStrength.statusCode).toBe(400);
    const unknownNeed = await call(a, 'PUT', `/api/strategy/needs/${randomUUID()}/links`, {
      attributeId: attr.app_movil,
      strength: 9,
    });
    expect(unknownNeed.statusCode).toBe(404);
    // org B cannot link org A's need, nor see it
    const cross = await call(b, 'PUT', `/api/strategy/needs/${n1}/links`, {
      attributeId: attr.app_movil,
      strength: 9,
    });
    expect(cross.statusCode).toBe(404);
    const bm = (await call(b, 'GET', '/api/strategy/matrix')).json();
    expect(bm.needs).toEqual([]);
    expect(bm.attributes).toEqual([]);
    expect(bm.kanoSurvey).toBeNull();
  });

  it('deleting a need removes its links', async () => {
    expect((await call(a, 'DELETE', `/api/strategy/needs/${n2}`)).statusCode).toBe(204);
    const body = (await call(a, 'GET', '/api/strategy/matrix')).json();
    expect(body.cells).toHaveLength(2);
    const app = body.attributes.find((y: { key: string }) => y.key === 'app_movil');
    expect(app.importance).toBe(45);
    expect((await call(a, 'DELETE', `/api/strategy/needs/${n2}`)).statusCode).toBe(404);
  });
});

describe('service triangle', () => {
  it('keeps six relationships with score, evidence and actions', async () => {
    const empty = (await call(a, 'GET', '/api/strategy/triangle')).json().items;
    expect(empty).toHaveLength(6);
    expect(empty.every((e: { score: null }) => e.score === null)).toBe(true);
    const r = await call(a, 'PUT', '/api/strategy/triangle/people_systems', {
      score: 2,
      assessment: 'El gestor de turnos se cae a menudo.',
      evidence: [{ label: 'Reclamaciones', url: '/complaints?category=waiting' }],
      actions: [{ text: 'Cambiar el gestor de turnos', done: false }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const got = (await call(a, 'GET', '/api/strategy/triangle')).json().items;
    const ps = got.find((e: { relation: string }) => e.relation === 'people_systems');
    expect(ps.score).toBe(2);
    expect(ps.evidence[0].url).toBe('/complaints?category=waiting');
    expect(ps.actions).toEqual([{ text: 'Cambiar el gestor de turnos', done: false }]);
    // org B sees its own, empty triangle
    const bt = (await call(b, 'GET', '/api/strategy/triangle')).json().items;
    expect(bt.every((e: { score: null }) => e.score === null)).toBe(true);
  });

  it('keeps one triangle per unit beside the whole organisation’s, within the unit subtree', async () => {
    const region = await createUnit(t.db, orgA.orgId, 'Región Norte', 'region', orgA.companyUnitId);
    const north = await createUnit(t.db, orgA.orgId, 'Sucursal Norte', 'branch', region);
    const centre = await createUnit(
      t.db,
      orgA.orgId,
      'Sucursal Centro',
      'branch',
      orgA.companyUnitId,
    );
    const body = { score: 4, assessment: 'Turnos bien cubiertos', evidence: [], actions: [] };
    const put = (s: Session, rel: string, unitId: string | null, v: object = body) =>
      call(s, 'PUT', `/api/strategy/triangle/${rel}${unitId ? `?unitId=${unitId}` : ''}`, v);
    const get = (s: Session, unitId: string | null) =>
      call(s, 'GET', `/api/strategy/triangle${unitId ? `?unitId=${unitId}` : ''}`);
    expect((await put(a, 'people_systems', north)).statusCode).toBe(200);
    expect((await put(a, 'customer_people', north, { ...body, score: 2 })).statusCode).toBe(200);
    // the unit's triangle is its own; the org-wide one (people_systems = 2 above) is unchanged
    const n = (await get(a, north)).json();
    expect(n.unitId).toBe(north);
    const rel = (xs: { relation: string; score: number | null }[], r: string) =>
      xs.find((e) => e.relation === r)?.score;
    expect(rel(n.items, 'people_systems')).toBe(4);
    expect(rel(n.items, 'customer_people')).toBe(2);
    expect(rel((await get(a, null)).json().items, 'people_systems')).toBe(2);
    expect(rel((await get(a, centre)).json().items, 'people_systems')).toBeNull();
    // writing the same unit again updates its row (no second row)
    expect((await put(a, 'people_systems', north, { ...body, score: 5 })).statusCode).toBe(200);
    const units = (await call(a, 'GET', '/api/strategy/triangle/units')).json();
    const un = units.items.find((u: { unitId: string }) => u.unitId === north);
    expect(un).toMatchObject({ name: 'Sucursal Norte', assessed: 2, meanScore: 3.5 });
    expect(units.orgWide.writable).toBe(true);
    // the diagnostic's summary of a unit: its own triangle, else the org-wide one
    const sumN = await triangleSummary(t.db, orgA.orgId, north);
    expect(sumN).toMatchObject({ assessed: 2, meanScore: 3.5, orgWide: null });
    expect(sumN.link).toBe(`/strategy/triangle?unitId=${north}`);
    const sumC = await triangleSummary(t.db, orgA.orgId, centre);
    expect(sumC.assessed).toBe(0);
    expect(sumC.orgWide?.assessed).toBeGreaterThan(0);
    // an analyst limited to the region: reads/writes the region's subtree, reads the org-wide
    // triangle but may not change it, and may not see Sucursal Centro's
    await t.db.query('UPDATE users SET unit_id = $2 WHERE id = $1', [
      orgA.users.analyst.id,
      region,
    ]);
    const an = await login(t.app, orgA.users.analyst);
    expect((await get(an, north)).statusCode).toBe(200);
    expect((await put(an, 'strategy_people', north)).statusCode).toBe(200);
    expect((await get(an, null)).statusCode).toBe(200);
    const orgWrite = await put(an, 'strategy_people', null);
    expect(orgWrite.statusCode).toBe(403);
    expect(orgWrite.json().error.code).toBe('STRATEGY_UNIT_OUTSIDE_SCOPE');
    expect((await get(an, centre)).statusCode).toBe(403);
    expect((await put(an, 'strategy_people', centre)).statusCode).toBe(403);
    const anUnits = (await call(an, 'GET', '/api/strategy/triangle/units')).json();
    expect(anUnits.items.map((u: { name: string }) => u.name).sort()).toEqual([
      'Región Norte',
      'Sucursal Norte',
    ]);
    expect(anUnits.orgWide.writable).toBe(false);
    // an unknown unit is a 404, a malformed id a 400; another org's unit is unknown here
    expect((await get(a, randomUUID())).statusCode).toBe(404);
    expect((await call(a, 'GET', '/api/strategy/triangle?unitId=nope')).statusCode).toBe(400);
    expect((await get(b, north)).statusCode).toBe(404);
  });

  it('refuses bad input (400) and roles that may not write (403)', async () => {
    const ok = { score: 3, assessment: '', evidence: [], actions: [] };
    expect((await call(a, 'PUT', '/api/strategy/triangle/customer_money', ok)).statusCode).toBe(
      400,
    );
    expect(
      (await call(a, 'PUT', '/api/strategy/triangle/customer_people', { ...ok, score: 6 }))
        .statusCode,
    ).toBe(400);
    const js = await call(a, 'PUT', '/api/strategy/triangle/customer_people', {
      ...ok,
      evidence: [{ label: 'x', url: 'javascript:alert(1)' }],
    });
    expect(js.statusCode).toBe(400);
    expect(
      (await call(viewer, 'PUT', '/api/strategy/triangle/customer_people', ok)).statusCode,
    ).toBe(403);
  });
});

describe('value model', () => {
  const id = randomUUID();
  const fun = randomUUID();
  const emo = randomUUID();
  const eco = randomUUID();
  let surveyId: string;

  const customer = async (useClass: string, i: number) => {
    const r = await call(a, 'POST', '/api/customers', {
      name: `Cliente ${useClass} ${i}`,
      useClass,
      consentSurvey: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  it('computes perceived value, value for money and the under-valued benefits', async () => {
    surveyId = await survey('perceived_value');
    // Particulares (end users and the public): price item 5, 6, 7, 4, 6: mean 5.6, sd √1.3;
    // functional all 7; emotional all 4; economic 2, 2, 3, 2, 1 (mean 2); willingness to pay
    // 100, 150, 120, 90, 140 (mean 120)
    const price = [5, 6, 7, 4, 6];
    const econ = [2, 2, 3, 2, 1];
    const wtp = [100, 150, 120, 90, 140];
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await customer(i === 4 ? 'public' : 'end_user', i));
    await enter(
      surveyId,
      price.map((p, i) => ({
        value: {
          price: p,
          benefits: { functional: 7, emotional: 4, economic: econ[i] },
          wtp: wtp[i],
        },
      })),
      people,
    );
    // Empresas (processors and merchants): price 2, 3, 3, 4, 2, 4: mean 3, sd √0.8; economic 6;
    // plus two answers of no known customer (7, 7) that belong to no segment
    const firms = [];
    for (let i = 0; i < 6; i++) firms.push(await customer(i % 2 ? 'merchant' : 'processor', i));
    await enter(
      surveyId,
      [2, 3, 3, 4, 2, 4, 7, 7].map((p) => ({
        value: { price: p, benefits: { functional: 5, emotional: 5, economic: 6 }, wtp: 300 },
      })),
      [...firms, null, null],
    );
    const body = {
      id,
      segment: 'Particulares',
      currency: 'EUR',
      pricePaid: 120,
      surveyId,
      notes: '',
      benefits: [
        { id: fun, kind: 'functional', name: 'Rapidez', moneyValue: 40 },
        { id: emo, kind: 'emotional', name: 'Tranquilidad', moneyValue: 60 },
        { id: eco, kind: 'economic', name: 'Ahorro en comisiones', moneyValue: 100 },
      ],
      competitors: [
        { id: randomUUID(), name: 'Banco Rival', price: 100, values: { [eco]: 60, [fun]: 40 } },
      ],
      useClasses: ['end_user', 'public'],
    };
    const r = await call(a, 'POST', '/api/strategy/value-models', body);
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json();
    expect(m.totalBenefits).toBe(200);
    expect(m.perceivedValue).toBe(80);
    expect(m.valueRatio).toBeCloseTo(200 / 120, 12);
    // t(0.975, 4) = 2.776445; half-width = 2.776445 · √1.3 / √5 = 1.415700
    expect(m.valueForMoney.n).toBe(5);
    expect(m.valueForMoney.mean).toBeCloseTo(5.6, 12);
    expect(m.valueForMoney.ci95[0]).toBeCloseTo(5.6 - 1.4157, 3);
    expect(m.valueForMoney.ci95[1]).toBeCloseTo(5.6 + 1.4157, 3);
    expect(m.valueForMoney.wtp).toEqual({ n: 5, mean: 120 });
    expect(m.valueForMoney).toMatchObject({ scope: 'segment', surveyN: 13, enough: true });
    const by = Object.fromEntries(m.benefits.map((x: { id: string }) => [x.id, x]));
    // economic: worth 100/100 = 1, rating (2 − 1)/6 = 0.1667 -> 0.83 ≥ 0.2: under-valued
    expect(by[eco].rating).toBeCloseTo(2, 12);
    expect(by[eco].ratingIndex).toBeCloseTo(1 / 6, 12);
    expect(by[eco].underValued).toBe(true);
    // emotional: worth 0.6, rating (4 − 1)/6 = 0.5 -> 0.1 < 0.2: not under-valued
    expect(by[emo].worthIndex).toBeCloseTo(0.6, 12);
    expect(by[emo].underValued).toBe(false);
    // functional: worth 0.4 < 0.5: not under-valued even though rated 7
    expect(by[fun].underValued).toBe(false);
    expect(m.competitors[0]).toMatchObject({ totalBenefits: 100, perceivedValue: 0 });
    // the same POST again is a replay (200), other content with that id a 409
    const again = await call(a, 'POST', '/api/strategy/value-models', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().replay).toBe(true);
    const other = await call(a, 'POST', '/api/strategy/value-models', { ...body, pricePaid: 1 });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('STRATEGY_ID_TAKEN');
    // PUT replaces
    const { id: _id, ...put } = body;
    const upd = await call(a, 'PUT', `/api/strategy/value-models/${id}`, {
      ...put,
      pricePaid: 150,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().perceivedValue).toBe(50);
    expect((await call(a, 'GET', '/api/strategy/value-models')).json().items).toHaveLength(1);

    // Empresas, the same survey: only the six firms' answers. t(0.975, 5) = 2.570582;
    // half-width = 2.570582 · √0.8 / √6 = 0.938650; economic rated 6
    const firmsModel = {
      ...put,
      id: randomUUID(),
      segment: 'Empresas',
      useClasses: ['processor', 'merchant'],
      competitors: [],
    };
    const e = await call(a, 'POST', '/api/strategy/value-models', firmsModel);
    expect(e.statusCode, e.body).toBe(201);
    const vm = e.json().valueForMoney;
    expect(vm).toMatchObject({ n: 6, surveyN: 13, scope: 'segment', enough: true });
    expect(vm.mean).toBeCloseTo(3, 12);
    expect(vm.ci95[0]).toBeCloseTo(3 - 0.93865, 4);
    expect(vm.ci95[1]).toBeCloseTo(3 + 0.93865, 4);
    expect(vm.wtp).toEqual({ n: 6, mean: 300 });
    const eb = Object.fromEntries(e.json().benefits.map((x: { id: string }) => [x.id, x]));
    expect(eb[eco].rating).toBeCloseTo(6, 12);
    expect(eb[eco].underValued).toBe(false);

    // A segment with one respondent (the public only): n = 1 < 5, "too few answers", no mean
    const few = await call(a, 'PUT', `/api/strategy/value-models/${id}`, {
      ...put,
      useClasses: ['public'],
    });
    expect(few.statusCode, few.body).toBe(200);
    expect(few.json().valueForMoney).toMatchObject({
      n: 1,
      mean: null,
      ci95: null,
      enough: false,
      minN: 5,
    });
    // No classes by use: the segment's customers are not defined, nothing is counted
    const none = await call(a, 'PUT', `/api/strategy/value-models/${id}`, {
      ...put,
      useClasses: [],
    });
    expect(none.json().valueForMoney).toMatchObject({ n: 0, scope: 'undefined', mean: null });
    await call(a, 'DELETE', `/api/strategy/value-models/${firmsModel.id}`);
    await call(a, 'PUT', `/api/strategy/value-models/${id}`, put);
  });

  it('refuses a second model for the segment, foreign ids and unknown benefits', async () => {
    const base = { segment: 'Particulares', pricePaid: 10, benefits: [], competitors: [] };
    const post = (s: Session, body: object) =>
      call(s, 'POST', '/api/strategy/value-models', { id: randomUUID(), ...body });
    const dup = await post(a, base);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('STRATEGY_SEGMENT_TAKEN');
    const foreign = await call(b, 'POST', '/api/strategy/value-models', { ...base, id });
    expect(foreign.statusCode).toBe(409);
    const foreignPut = await call(b, 'PUT', `/api/strategy/value-models/${id}`, base);
    expect(foreignPut.statusCode).toBe(404);
    const unknown = await post(a, {
      ...base,
      segment: 'Empresas',
      competitors: [{ id: randomUUID(), name: 'X', price: 1, values: { [randomUUID()]: 5 } }],
    });
    expect(unknown.statusCode).toBe(400);
    const badSurvey = await post(a, {
      ...base,
      segment: 'Empresas',
      surveyId: randomUUID(),
    });
    expect(badSurvey.statusCode).toBe(404);
    const negative = await post(a, {
      ...base,
      segment: 'Empresas',
      pricePaid: -1,
    });
    expect(negative.statusCode).toBe(400);
    expect((await call(b, 'GET', '/api/strategy/value-models')).json().items).toEqual([]);
    expect((await call(b, 'DELETE', `/api/strategy/value-models/${id}`)).statusCode).toBe(404);
  });
});

describe('customer orientation', () => {
  it('answers the nine questions per segment with evidence', async () => {
    const r = await call(a, 'PUT', '/api/strategy/orientation/who', {
      segment: 'Particulares',
      answer: 'Clientes particulares de 25 a 40 años con nómina domiciliada.',
      evidence: [{ label: 'Mejores clientes', url: '/retention/best' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const list = (await call(a, 'GET', '/api/strategy/orientation?segment=Particulares')).json()
      .items;
    expect(list.map((x: { question: string }) => x.question)).toEqual([
      'who',
      'needs',
      'service',
      'expectations',
      'meets',
      'process',
      'improve',
      'use',
      'help',
    ]);
    expect(list[0].answer).toContain('nómina');
    const other = (await call(a, 'GET', '/api/strategy/orientation?segment=Empresas')).json().items;
    expect(other[0].answer).toBe('');
    const bo = (await call(b, 'GET', '/api/strategy/orientation?segment=Particulares')).json()
      .items;
    expect(bo[0].answer).toBe('');
    expect(
      (await call(a, 'PUT', '/api/strategy/orientation/why', { segment: 'X', answer: '' }))
        .statusCode,
    ).toBe(400);
    expect((await call(a, 'GET', '/api/strategy/orientation')).statusCode).toBe(400);
    const segs = (await call(a, 'GET', '/api/strategy/segments')).json().items;
    expect(segs.map((s: { name: string }) => s.name)).toContain('Particulares');
  });
});
