// Surveys over HTTP: build from templates, publish/versions, public submit (validation,
// idempotency, partial/resume, closing rules, quota), personal links, staff entry, follow-up job,
// exports. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let agent: Session;
let viewer: Session;

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
const call = (s: Session | null, o: Req) =>
  t.app.inject({
    method: o.method,
    url: o.url,
    headers: { ...(s?.headers ?? {}), ...(o.headers ?? {}) },
    ...(o.payload !== undefined ? { payload: o.payload as object } : {}),
  });

async function customer(over: Record<string, unknown> = {}) {
  const r = await call(owner, {
    method: 'POST',
    url: '/api/customers',
    payload: {
      name: 'Lucía Pérez Gil',
      email: `c${randomUUID().slice(0, 8)}@example.test`,
      language: 'es',
      consentSurvey: true,
      consentEmail: true,
      ...over,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

async function survey(template: string, settings: Record<string, unknown> = {}) {
  const c = await call(owner, {
    method: 'POST',
    url: '/api/surveys',
    payload: { name: `S ${template}`, template, settings },
  });
  expect(c.statusCode, c.body).toBe(201);
  const p = await call(owner, { method: 'POST', url: `/api/surveys/${c.json().id}/publish` });
  expect(p.statusCode, p.body).toBe(200);
  return p.json() as { id: string; slug: string; publishedVersion: number; status: string };
}

const submit = (slug: string, body: Record<string, unknown>, headers = {}) =>
  call(null, {
    method: 'POST',
    url: `/api/public/surveys/${slug}/responses`,
    payload: body,
    headers,
  });

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Encuestas');
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
  viewer = await login(t.app, org.users.viewer);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('builder', () => {
  it('lists templates and creates every one as a valid draft', async () => {
    const r = await call(viewer, { method: 'GET', url: '/api/surveys/templates' });
    const keys = (r.json().items as { key: string }[]).map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['servqual', 'kano', 'servqual_manager']));
    for (const k of keys) {
      const c = await call(owner, {
        method: 'POST',
        url: '/api/surveys',
        payload: { name: k, template: k },
      });
      expect(c.statusCode, `${k} ${c.body}`).toBe(201);
      expect(c.json().status).toBe('draft');
    }
    const kano = await call(owner, {
      method: 'POST',
      url: '/api/surveys',
      payload: {
        name: 'Kano wifi',
        template: 'kano',
        templateParams: { attributes: [{ key: 'wifi', es: 'wifi gratis', en: 'free wifi' }] },
      },
    });
    expect(kano.json().definition.pages[0].questions[0].tag).toBe('kano:wifi');
  });

  it('versions: editing a published survey creates a new immutable version; old responses keep theirs', async () => {
    const s = await survey('nps_relational');
    expect(s.publishedVersion).toBe(1);
    const r1 = await submit(s.slug, { id: randomUUID(), status: 'complete', answers: { nps: 9 } });
    expect(r1.statusCode, r1.body).toBe(201);
    const detail = (await call(owner, { method: 'GET', url: `/api/surveys/${s.id}` })).json();
    const def = detail.definition;
    def.pages[0].questions.push({ key: 'extra', type: 'csat', title: { es: 'Extra' } });
    const put = await call(owner, {
      method: 'PUT',
      url: `/api/surveys/${s.id}/definition`,
      payload: { definition: def },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().hasDraftChanges).toBe(true);
    const p2 = await call(owner, { method: 'POST', url: `/api/surveys/${s.id}/publish` });
    expect(p2.json().publishedVersion).toBe(2);
    const v1 = await call(viewer, { method: 'GET', url: `/api/surveys/${s.id}/versions/1` });
    expect(JSON.stringify(v1.json().definition)).not.toContain('extra');
    await expect(
      t.db.query(`UPDATE survey_versions SET definition = '{}'::jsonb WHERE survey_id = $1`, [
        s.id,
      ]),
    ).rejects.toThrow(/immutable/);
    const r2 = await submit(s.slug, {
      id: randomUUID(),
      status: 'complete',
      answers: { nps: 8, extra: 4 },
    });
    expect(r2.statusCode, r2.body).toBe(201);
    const list = (
      await call(viewer, { method: 'GET', url: `/api/surveys/${s.id}/responses` })
    ).json();
    expect(list.items.map((x: { version: number }) => x.version).sort()).toEqual([1, 2]);
    const bad = await call(owner, {
      method: 'PUT',
      url: `/api/surveys/${s.id}/definition`,
      payload: {
        definition: {
          ...def,
          pages: [{ key: 'p', questions: [{ key: 'Bad Key', type: 'csat', title: { es: 'x' } }] }],
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('pages.0.questions.0.key');
  });

  it('exports and re-imports a survey as JSON', async () => {
    const s = await survey('servqual');
    const file = (
      await call(viewer, { method: 'GET', url: `/api/surveys/${s.id}/export.json` })
    ).json();
    expect(file.format).toBe('fidelia.survey');
    const imp = await call(owner, { method: 'POST', url: '/api/surveys/import', payload: file });
    expect(imp.statusCode, imp.body).toBe(201);
    expect(imp.json().definition).toEqual(file.definition);
    expect(imp.json().slug).not.toBe(s.slug);
  });

  it('viewers and agents cannot build surveys', async () => {
    const r = await call(viewer, { method: 'POST', url: '/api/surveys', payload: { name: 'x' } });
    expect(r.statusCode).toBe(403);
    const a = await call(agent, { method: 'POST', url: '/api/surveys', payload: { name: 'x' } });
    expect(a.statusCode).toBe(403);
  });
});

describe('public submission', () => {
  let s: { id: string; slug: string };
  beforeAll(async () => {
    s = await survey('nps_relational');
  });

  it('serves the published survey with language detection', async () => {
    const en = await call(null, {
      method: 'GET',
      url: `/api/public/surveys/${s.slug}`,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.statusCode).toBe(200);
    expect(en.json().language).toBe('en');
    const es = await call(null, {
      method: 'GET',
      url: `/api/public/surveys/${s.slug}?lang=es`,
      headers: { 'accept-language': 'en' },
    });
    expect(es.json().language).toBe('es');
    const none = await call(null, { method: 'GET', url: '/api/public/surveys/no-such-survey' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('SURVEY_NOT_FOUND');
  });

  it('is idempotent on the client id; same id with a different body is 409', async () => {
    const id = randomUUID();
    const body = { id, status: 'complete', answers: { nps: 10, reason: 'Muy buena atención' } };
    const a = await submit(s.slug, body);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().thankYou.message.es).toBeTruthy();
    const b = await submit(s.slug, body);
    expect(b.statusCode).toBe(200);
    expect(b.json().replay).toBe(true);
    const c = await submit(s.slug, { ...body, answers: { nps: 3 } });
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('SURVEY_RESPONSE_CONFLICT');
    const n = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_responses WHERE id = $1',
      [id],
    );
    expect(n.rows[0]?.n).toBe(1);
    const raw = await t.db.query<{ raw: unknown; channel: string }>(
      'SELECT raw, channel FROM survey_responses WHERE id = $1',
      [id],
    );
    expect(raw.rows[0]?.raw).toEqual(body);
    expect(raw.rows[0]?.channel).toBe('web');
    const long = await t.db.query<{ tag: string; num: number }>(
      `SELECT tag, num FROM survey_answers WHERE response_id = $1 AND question_key = 'nps'`,
      [id],
    );
    expect(long.rows).toEqual([{ tag: 'nps', num: 10 }]);
  });

  it('concurrent retries of one new id store it once (one 201, the rest replays)', async () => {
    const id = randomUUID();
    const body = { id, status: 'complete', answers: { nps: 8, reason: 'Bien' } };
    const rs = await Promise.all(Array.from({ length: 6 }, () => submit(s.slug, body)));
    const codes = rs.map((r) => r.statusCode).sort();
    expect(codes, rs.map((r) => r.body).join('\n')).toEqual([200, 200, 200, 200, 200, 201]);
    expect(rs.filter((r) => r.statusCode === 200).every((r) => r.json().replay)).toBe(true);
    const n = await t.db.query<{ r: number; a: number }>(
      `SELECT (SELECT count(*)::int FROM survey_responses WHERE id = $1) AS r,
              (SELECT count(*)::int FROM survey_answers WHERE response_id = $1) AS a`,
      [id],
    );
    expect(n.rows[0]).toEqual({ r: 1, a: 2 });
  });

  it('a partial answered with no questions yet, then completed, keeps exactly the final answers', async () => {
    const id = randomUUID();
    const p = await submit(s.slug, { id, status: 'partial', answers: {}, page: 0 });
    expect(p.statusCode, p.body).toBe(201);
    const done = await submit(s.slug, { id, status: 'complete', answers: { nps: 2 } });
    expect(done.statusCode, done.body).toBe(201);
    const rows = await t.db.query<{ question_key: string; num: number }>(
      'SELECT question_key, num FROM survey_answers WHERE response_id = $1',
      [id],
    );
    expect(rows.rows).toEqual([{ question_key: 'nps', num: 2 }]);
    const st = await t.db.query<{ status: string; submitted_at: unknown }>(
      'SELECT status, submitted_at FROM survey_responses WHERE id = $1',
      [id],
    );
    expect(st.rows[0]?.status).toBe('complete');
    expect(st.rows[0]?.submitted_at).not.toBeNull();
  });

  it.each([
    [{ answers: { nps: 11 } }, 400, 'SURVEY_ANSWER_INVALID', 'answers.nps'],
    [{ answers: { nps: 'diez' } }, 400, 'SURVEY_ANSWER_INVALID', 'answers.nps'],
    [{ answers: { nps: 5, colour: 'red' } }, 400, 'SURVEY_ANSWER_UNKNOWN', 'answers.colour'],
    [{ answers: { reason: 'x' } }, 400, 'SURVEY_ANSWER_REQUIRED', 'answers.nps'],
    [
      { answers: { nps: 5, reason: 'x'.repeat(2001) } },
      400,
      'SURVEY_ANSWER_INVALID',
      'answers.reason',
    ],
  ])('rejects bad answers %j', async (over, status, code, field) => {
    const r = await submit(s.slug, { id: randomUUID(), status: 'complete', ...over });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().error.code).toBe(code);
    expect(r.json().error.details.field).toBe(field);
  });

  it('rejects unknown fields and bad ids with VALIDATION_FAILED, localised', async () => {
    const r = await submit(
      s.slug,
      { id: 'nope', status: 'complete', answers: {}, hack: 1 },
      { 'accept-language': 'en' },
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.message).toBe('Invalid input.');
  });

  it('saves partials, resumes them and completes the same id', async () => {
    const id = randomUUID();
    const p = await submit(s.slug, { id, status: 'partial', answers: { nps: 6 }, page: 0 });
    expect(p.statusCode, p.body).toBe(201);
    const again = await submit(s.slug, { id, status: 'partial', answers: { nps: 7 }, page: 0 });
    expect(again.statusCode, again.body).toBe(201);
    const resume = await call(null, {
      method: 'GET',
      url: `/api/public/surveys/${s.slug}/responses/${id}`,
    });
    expect(resume.json()).toMatchObject({ id, status: 'partial', answers: { nps: 7 } });
    const done = await submit(s.slug, {
      id,
      status: 'complete',
      answers: { nps: 7, reason: 'ok' },
    });
    expect(done.statusCode, done.body).toBe(201);
    const rows = await t.db.query(
      'SELECT num FROM survey_answers WHERE response_id = $1 AND question_key = $2',
      [id, 'nps'],
    );
    expect(rows.rows).toEqual([{ num: 7 }]);
  });

  it('closed survey and closing date answer 410', async () => {
    const c = await survey('csat_transactional');
    await call(owner, {
      method: 'PATCH',
      url: `/api/surveys/${c.id}`,
      payload: { status: 'closed' },
    });
    const r = await submit(c.slug, { id: randomUUID(), status: 'complete', answers: { csat: 4 } });
    expect(r.statusCode).toBe(410);
    expect(r.json().error.code).toBe('SURVEY_CLOSED');
    const d = await survey('csat_transactional', { closesAt: '2020-01-01T00:00:00Z' });
    const r2 = await call(null, { method: 'GET', url: `/api/public/surveys/${d.slug}` });
    expect(r2.statusCode).toBe(410);
  });

  it('enforces a quota exactly', async () => {
    const q = await survey('csat_transactional', { quota: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await submit(q.slug, { id: randomUUID(), status: 'complete', answers: { csat: 5 } }))
          .statusCode,
      );
    }
    expect(codes).toEqual([201, 201, 410]);
  });

  it('flags duplicates from the same device (soft) and refuses them (strict), not in kiosk mode', async () => {
    const soft = await survey('csat_transactional');
    const k = `dev-${randomUUID()}`;
    const first = randomUUID();
    await submit(soft.slug, {
      id: first,
      status: 'complete',
      answers: { csat: 5 },
      deviceKey: k,
    });
    const second = randomUUID();
    const r = await submit(soft.slug, {
      id: second,
      status: 'complete',
      answers: { csat: 4 },
      deviceKey: k,
    });
    expect(r.statusCode).toBe(201);
    const dup = await t.db.query<{ duplicate_of: string | null }>(
      'SELECT duplicate_of FROM survey_responses WHERE id = $1',
      [second],
    );
    expect(dup.rows[0]?.duplicate_of).toBe(first);
    const orig = await t.db.query<{ duplicate_of: string | null }>(
      'SELECT duplicate_of FROM survey_responses WHERE id = $1',
      [first],
    );
    expect(orig.rows[0]?.duplicate_of).toBeNull();
    const strict = await survey('csat_transactional', { duplicates: 'strict' });
    await submit(strict.slug, {
      id: randomUUID(),
      status: 'complete',
      answers: { csat: 5 },
      deviceKey: k,
    });
    const s2 = await submit(strict.slug, {
      id: randomUUID(),
      status: 'complete',
      answers: { csat: 5 },
      deviceKey: k,
    });
    expect(s2.statusCode).toBe(409);
    expect(s2.json().error.code).toBe('SURVEY_DUPLICATE_RESPONDENT');
    const kiosk = await survey('csat_transactional', { duplicates: 'strict', kiosk: true });
    for (let i = 0; i < 2; i++) {
      const kr = await submit(kiosk.slug, {
        id: randomUUID(),
        status: 'complete',
        answers: { csat: 5 },
        deviceKey: k,
      });
      expect(kr.statusCode).toBe(201);
    }
    const ch = await t.db.query<{ channel: string }>(
      'SELECT DISTINCT channel FROM survey_responses WHERE survey_id = $1',
      [kiosk.id],
    );
    expect(ch.rows).toEqual([{ channel: 'kiosk' }]);
  });

  it('validates SERVQUAL batteries and constant sum', async () => {
    const sq = await survey('servqual');
    const items = (p: string) =>
      Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`${p}${i + 1}`, 5]));
    const good = {
      sq_e: items('e'),
      sq_p: items('p'),
      weights: { tangibles: 10, reliability: 30, responsiveness: 20, assurance: 20, empathy: 20 },
    };
    const ok = await submit(sq.slug, { id: randomUUID(), status: 'complete', answers: good });
    expect(ok.statusCode, ok.body).toBe(201);
    const sum = await submit(sq.slug, {
      id: randomUUID(),
      status: 'complete',
      answers: { ...good, weights: { ...good.weights, empathy: 10 } },
    });
    expect(sum.statusCode).toBe(400);
    expect(sum.json().error).toMatchObject({
      code: 'SURVEY_CONSTANT_SUM',
      details: { field: 'answers.weights', sum: 90, total: 100 },
    });
    const range = await submit(sq.slug, {
      id: randomUUID(),
      status: 'complete',
      answers: { ...good, sq_p: { ...good.sq_p, p5: 8 } },
    });
    expect(range.json().error.details.field).toBe('answers.sq_p.p5');
    const missing = { ...good.sq_e };
    delete (missing as Record<string, number>).e22;
    const req = await submit(sq.slug, {
      id: randomUUID(),
      status: 'complete',
      answers: { ...good, sq_e: missing },
    });
    expect(req.json().error).toMatchObject({
      code: 'SURVEY_ANSWER_REQUIRED',
      details: { field: 'answers.sq_e.e22' },
    });
  });
});

describe('customers: personal links, staff entry, follow-up', () => {
  it('a personal link is single-use, prefilled, and a detractor enqueues survey.followup in the same transaction', async () => {
    const s = await survey('nps_relational');
    const cid = await customer({ language: 'en', name: 'John Smith' });
    const l = await call(owner, {
      method: 'POST',
      url: `/api/surveys/${s.id}/links`,
      payload: { customerIds: [cid] },
    });
    expect(l.statusCode, l.body).toBe(200);
    const path = l.json().items[0].path as string;
    const token = path.split('/').pop() as string;
    const stored = await t.db.query('SELECT 1 FROM survey_invitations WHERE token_hash = $1', [
      token,
    ]);
    expect(stored.rows).toHaveLength(0);
    const g = await call(null, { method: 'GET', url: `/api/public/surveys/t/${token}` });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json()).toMatchObject({
      language: 'en',
      prefill: { firstName: 'John', name: 'John Smith' },
    });
    expect(JSON.stringify(g.json().prefill)).not.toContain('_unitId');
    const id = randomUUID();
    const body = { id, status: 'complete', answers: { nps: 3, reason: 'Too slow' } };
    const r = await call(null, {
      method: 'POST',
      url: `/api/public/surveys/t/${token}/responses`,
      payload: body,
    });
    expect(r.statusCode, r.body).toBe(201);
    const retry = await call(null, {
      method: 'POST',
      url: `/api/public/surveys/t/${token}/responses`,
      payload: body,
    });
    expect(retry.statusCode).toBe(200);
    const other = await call(null, {
      method: 'POST',
      url: `/api/public/surveys/t/${token}/responses`,
      payload: { ...body, id: randomUUID() },
    });
    expect(other.statusCode).toBe(410);
    expect(other.json().error.code).toBe('SURVEY_TOKEN_USED');
    const again = await call(null, { method: 'GET', url: `/api/public/surveys/t/${token}` });
    expect(again.statusCode).toBe(410);
    const resp = await t.db.query<{ customer_id: string; channel: string }>(
      'SELECT customer_id, channel FROM survey_responses WHERE id = $1',
      [id],
    );
    expect(resp.rows[0]).toEqual({ customer_id: cid, channel: 'link' });
    const jobs = await t.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM jobs WHERE kind = 'survey.followup' AND payload->>'responseId' = $1`,
      [id],
    );
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0]?.payload).toEqual({
      orgId: org.orgId,
      responseId: id,
      surveyId: s.id,
      customerId: cid,
      orgUnitId: null,
      kind: 'detractor',
      score: 3,
      comment: 'Too slow',
      language: 'en',
    });
    const bad = await call(null, {
      method: 'GET',
      url: '/api/public/surveys/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(bad.statusCode).toBe(404);
  });

  it('anonymous detractors and passives raise no follow-up; low CSAT from a customer does', async () => {
    const s = await survey('csat_transactional');
    const before = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE kind = 'survey.followup'`,
    );
    await submit(s.slug, { id: randomUUID(), status: 'complete', answers: { csat: 1 } });
    const cid = await customer();
    const id = randomUUID();
    const e = await call(agent, {
      method: 'POST',
      url: `/api/surveys/${s.id}/entries`,
      payload: {
        id,
        channel: 'phone',
        customerId: cid,
        answers: { csat: 2, comment: 'Me colgaron' },
      },
    });
    expect(e.statusCode, e.body).toBe(201);
    const ok = await call(agent, {
      method: 'POST',
      url: `/api/surveys/${s.id}/entries`,
      payload: { id: randomUUID(), channel: 'phone', customerId: cid, answers: { csat: 3 } },
    });
    expect(ok.statusCode).toBe(201);
    const after = await t.db.query<{ payload: { kind: string; score: number; comment: string } }>(
      `SELECT payload FROM jobs WHERE kind = 'survey.followup' ORDER BY created_at`,
    );
    expect(after.rows.length - (before.rows[0]?.n ?? 0)).toBe(1);
    expect(after.rows.at(-1)?.payload).toMatchObject({
      kind: 'low_csat',
      score: 2,
      comment: 'Me colgaron',
    });
  });

  it('staff enter 20 phone responses in a batch (channel, entered_by), retries are replays, bad rows named', async () => {
    const s = await survey('nps_relational');
    const items = Array.from({ length: 20 }, (_, i) => ({
      id: randomUUID(),
      channel: 'phone',
      answers: { nps: i % 11, reason: `Llamada ${i + 1}` },
    }));
    const r = await call(agent, {
      method: 'POST',
      url: `/api/surveys/${s.id}/entries/batch`,
      payload: { items },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 20, rejected: 0 });
    const bad = [
      ...items.slice(0, 2),
      { id: randomUUID(), channel: 'postal', answers: { nps: 12 } },
    ];
    const r2 = await call(agent, {
      method: 'POST',
      url: `/api/surveys/${s.id}/entries/batch`,
      payload: { items: bad },
    });
    expect(r2.json().accepted).toBe(2);
    expect(r2.json().results[0].replay).toBe(true);
    expect(r2.json().results[2]).toMatchObject({
      ok: false,
      error: { code: 'SURVEY_ANSWER_INVALID', details: { field: 'answers.nps' } },
    });
    const rows = await t.db.query<{ n: number; by: string; ch: string }>(
      `SELECT count(*)::int AS n, min(entered_by::text) AS by, min(channel) AS ch FROM survey_responses WHERE survey_id = $1`,
      [s.id],
    );
    expect(rows.rows[0]).toEqual({ n: 20, by: org.users.agent.id, ch: 'phone' });
    const v = await call(viewer, {
      method: 'POST',
      url: `/api/surveys/${s.id}/entries`,
      payload: items[0],
    });
    expect(v.statusCode).toBe(403);
  });
});

describe('exports', () => {
  it('wide and long CSV, XLSX, SPSS CSV + syntax with value labels', async () => {
    const s = await survey('csat_transactional');
    for (const [csat, resolved] of [
      [5, 'yes'],
      [2, 'no'],
      [4, 'partly'],
    ] as const) {
      await submit(s.slug, {
        id: randomUUID(),
        status: 'complete',
        answers: { csat, resolved, comment: 'Bien, "gracias"' },
      });
    }
    const wide = await call(viewer, {
      method: 'GET',
      url: `/api/surveys/${s.id}/export?format=csv&shape=wide`,
    });
    expect(wide.statusCode).toBe(200);
    const lines = wide.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('csat,effort,resolved,comment');
    expect(lines.slice(1).some((l) => l.includes(',5,,yes,"Bien, ""gracias"""'))).toBe(true);
    const long = await call(viewer, {
      method: 'GET',
      url: `/api/surveys/${s.id}/export?format=csv&shape=long`,
    });
    expect(long.body.trim().split('\n')).toHaveLength(1 + 9);
    const spss = await call(viewer, {
      method: 'GET',
      url: `/api/surveys/${s.id}/export?format=spss`,
    });
    const sl = spss.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(sl[0]).toContain('response_id');
    expect(sl.slice(1).some((l) => /,5,,1,/.test(l))).toBe(true); // resolved=yes coded 1
    const sps = await call(viewer, {
      method: 'GET',
      url: `/api/surveys/${s.id}/export?format=spss_labels`,
    });
    expect(sps.body).toContain('VALUE LABELS');
    expect(sps.body).toContain('3 "No"');
    const x = await call(viewer, { method: 'GET', url: `/api/surveys/${s.id}/export?format=xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Respuestas')?.rowCount).toBe(4);
  });

  it('QR code SVG of the public link', async () => {
    const s = await survey('csat_transactional');
    const r = await call(viewer, { method: 'GET', url: `/api/surveys/${s.id}/qr.svg` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('image/svg+xml');
    expect(r.body).toMatch(/^<svg/);
  });
});
