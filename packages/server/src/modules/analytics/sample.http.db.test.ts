// Bounded raw-row reports (issue 11, scale): above the cap, drivers, derived IPA and the text
// themes read a deterministic random sample and say so. The sample is checked to be exactly the
// cap responses with the lowest hash of their id, and the figures to be the stats package's on
// those responses' answers as sent here (rebuilt from the request bodies, not from the
// database). Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import {
  driverAnalysis,
  ipa,
  keywordFrequency,
  SERVQUAL_DIMENSIONS,
  SERVQUAL_ITEMS,
} from '@fidelia/stats';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { sampleCap } from './sample';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let surveyId: string;
const N = 260;
const CAP = 100;
type TItem = { id: string; language: 'es' | 'en'; p: number[]; nps: number; comment: string };
const sent: TItem[] = [];

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: owner.headers });

function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

const WORDS = ['espera', 'amable', 'cola', 'rapido', 'caro', 'limpio', 'horario', 'gestor'];

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Muestra');
  owner = await login(t.app, org.users.owner);
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: 'Muestra', template: 'servqual' },
  });
  expect(c.statusCode, c.body).toBe(201);
  surveyId = c.json().id;
  // the SERVQUAL template plus an NPS question, the outcome the drivers explain
  const def = (await get(`/api/surveys/${surveyId}`)).json().definition;
  for (const pg of def.pages) for (const q of pg.questions) q.required = false;
  def.pages[2].questions.push({
    key: 'nps',
    type: 'rating',
    tag: 'nps',
    min: 0,
    max: 10,
    title: { es: '¿Nos recomendaría?', en: 'Would you recommend us?' },
  });
  const u = await t.app.inject({
    method: 'PUT',
    url: `/api/surveys/${surveyId}/definition`,
    headers: owner.headers,
    payload: { definition: def },
  });
  expect(u.statusCode, u.body).toBe(200);
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${surveyId}/publish`,
    headers: owner.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
  const r = rng(5);
  for (let i = 0; i < N; i++) {
    const base = r(4);
    const p = Array.from({ length: 22 }, () => 1 + Math.min(6, base + r(4)));
    sent.push({
      id: randomUUID(),
      language: i % 4 === 0 ? 'en' : 'es',
      p,
      nps: Math.min(10, base * 2 + r(4)),
      comment: `${WORDS[r(8)]} ${WORDS[r(8)]}`,
    });
  }
  for (let i = 0; i < N; i += 50) {
    const b = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/entries/batch`,
      headers: owner.headers,
      payload: {
        items: sent.slice(i, i + 50).map((x) => ({
          id: x.id,
          channel: 'phone',
          language: x.language,
          respondedAt: new Date(Date.UTC(2026, 0, 5 + (i % 20), 10)).toISOString(),
          answers: {
            sq_p: Object.fromEntries(x.p.map((v, k) => [`p${k + 1}`, v])),
            nps: x.nps,
            comment: x.comment,
          },
        })),
      },
    });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().rejected, b.body).toBe(0);
  }
});
afterEach(() => {
  delete process.env.FIDELIA_ANALYTICS_SAMPLE_CAP;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

/** The cap responses with the lowest id hash, in the reports' order (created_at, id). */
async function expectedSample(language: string | null = null): Promise<TItem[]> {
  const r = await t.db.query<{ id: string }>(
    `SELECT id FROM (
       SELECT id, created_at FROM survey_responses
        WHERE org_id = $1 AND survey_id = $2 AND status = 'complete'
          AND ($3::text IS NULL OR language = $3)
        ORDER BY uuid_hash_extended(id, 0), id LIMIT $4) s
      ORDER BY created_at, id`,
    [org.orgId, surveyId, language, CAP],
  );
  const by = new Map(sent.map((x) => [x.id, x]));
  return r.rows.map((x) => by.get(x.id) as TItem);
}

const dims = (p: number[]) =>
  SERVQUAL_DIMENSIONS.map((d) => {
    const v = SERVQUAL_ITEMS[d].map((k) => p[k - 1] as number);
    return v.reduce((a, b) => a + b, 0) / v.length;
  });

it('under the cap every response is read and no sample is reported', async () => {
  for (const path of ['drivers', 'ipa', 'text']) {
    const r = await get(`/api/analytics/surveys/${surveyId}/${path}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().sample, path).toBeNull();
  }
  const d = (await get(`/api/analytics/surveys/${surveyId}/drivers`)).json();
  expect(d.n).toBe(N);
});

it('above the cap, drivers read the cap responses with the lowest id hash and say so', async () => {
  process.env.FIDELIA_ANALYTICS_SAMPLE_CAP = String(CAP);
  const r = await get(`/api/analytics/surveys/${surveyId}/drivers`);
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json();
  expect(body.sample).toEqual({ n: CAP, of: N });
  const s = await expectedSample();
  expect(s).toHaveLength(CAP);
  const want = driverAnalysis(
    [...SERVQUAL_DIMENSIONS],
    s.map((x) => dims(x.p)),
    s.map((x) => x.nps),
    { bootstrap: 200, seed: 1 },
  );
  expect(body.n).toBe(CAP);
  expect(body.rSquared).toBe(want?.rSquared);
  expect(body.drivers).toEqual(want?.drivers);
  // the same data, the same sample: a link reproduces the view
  expect((await get(`/api/analytics/surveys/${surveyId}/drivers`)).json()).toEqual(body);
});

it('derived IPA and the text themes read the same sample', async () => {
  process.env.FIDELIA_ANALYTICS_SAMPLE_CAP = String(CAP);
  const s = await expectedSample();
  const i = (await get(`/api/analytics/surveys/${surveyId}/ipa`)).json();
  expect(i.importance).toBe('derived');
  expect(i.n).toBe(N); // the scope's responses, from the aggregates
  expect(i.sample).toEqual({ n: CAP, of: N });
  const want = ipa(
    SERVQUAL_DIMENSIONS,
    SERVQUAL_DIMENSIONS.map((_, j) => s.map((x) => dims(x.p)[j] as number)),
    { overall: s.map((x) => x.nps) },
  );
  expect(i.attributes).toEqual(want.attributes);
  const txt = (await get(`/api/analytics/surveys/${surveyId}/text?top=5`)).json();
  expect(txt.sample).toEqual({ n: CAP, of: N });
  expect(txt.n).toBe(CAP);
  expect(txt.keywords).toEqual(
    keywordFrequency(
      s.map((x) => x.comment),
      ['es', 'en'],
      5,
    ),
  );
});

it('a language filter samples within the language; the scope total is then unknown', async () => {
  process.env.FIDELIA_ANALYTICS_SAMPLE_CAP = String(CAP);
  const en = sent.filter((x) => x.language === 'en').length; // 65: under the cap
  const r = (await get(`/api/analytics/surveys/${surveyId}/drivers?language=en`)).json();
  expect(r.sample).toBeNull();
  expect(r.n).toBe(en);
  const es = (await get(`/api/analytics/surveys/${surveyId}/drivers?language=es`)).json();
  expect(es.sample).toEqual({ n: CAP, of: null });
  const s = await expectedSample('es');
  expect(s.every((x) => x.language === 'es')).toBe(true);
  const want = driverAnalysis(
    [...SERVQUAL_DIMENSIONS],
    s.map((x) => dims(x.p)),
    s.map((x) => x.nps),
    { bootstrap: 200, seed: 1 },
  );
  expect(es.drivers).toEqual(want?.drivers);
});

it('the cap comes from FIDELIA_ANALYTICS_SAMPLE_CAP, 2,000 by default, and refuses nonsense', () => {
  expect(sampleCap()).toBe(2000);
  process.env.FIDELIA_ANALYTICS_SAMPLE_CAP = '250';
  expect(sampleCap()).toBe(250);
  for (const bad of ['10', 'abc', '2.5', '-1']) {
    process.env.FIDELIA_ANALYTICS_SAMPLE_CAP = bad;
    expect(() => sampleCap()).toThrow(/FIDELIA_ANALYTICS_SAMPLE_CAP/);
  }
});
