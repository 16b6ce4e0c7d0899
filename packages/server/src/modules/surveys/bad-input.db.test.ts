// Bad input on the respondent and staff endpoints: every case is a clear, localised 4xx that
// names the field at fault (never a 500), and nothing is stored. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: Session;
let agent: Session;
const t2 = (es: string, en = es) => ({ es, en });

async function publish(body: Record<string, unknown>, url = '/api/surveys') {
  const c = await t.app.inject({ method: 'POST', url, headers: owner.headers, payload: body });
  expect(c.statusCode, c.body).toBe(201);
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${c.json().id}/publish`,
    headers: owner.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
  return p.json() as { id: string; slug: string };
}

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const stored = async (id: string) =>
  (
    await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_responses WHERE id = $1',
      [id],
    )
  ).rows[0]?.n;

let nps: { id: string; slug: string };
let esOnly: { id: string; slug: string };
let sq: { id: string; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrg(t.db, 'Entradas malas');
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
  nps = await publish({ name: 'NPS', template: 'nps_relational' });
  sq = await publish({ name: 'SQ', template: 'servqual' });
  // A survey written only in Spanish, brought in through JSON import.
  esOnly = await publish(
    {
      format: 'fidelia.survey',
      formatVersion: 1,
      name: 'Solo español',
      definition: {
        title: t2('Sólo en español'),
        languages: ['es'],
        defaultLanguage: 'es',
        pages: [
          {
            key: 'p1',
            questions: [{ key: 'csat', type: 'csat', title: t2('¿Qué tal?'), required: true }],
          },
        ],
      },
    },
    '/api/surveys/import',
  );
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('public submission', () => {
  it.each([
    [
      'a version that was never published',
      { version: 99 },
      400,
      'SURVEY_VERSION_UNKNOWN',
      'version',
    ],
    ['an unknown branch', { unitId: randomUUID() }, 400, 'SURVEY_UNIT_INVALID', 'unitId'],
    [
      'an unknown battery item',
      { answers: { nps: 5, reason: 'x', extra: { a: 1 } } },
      400,
      'SURVEY_ANSWER_UNKNOWN',
      'answers.extra',
    ],
    [
      'a list for a number',
      { answers: { nps: ['5'] } },
      400,
      'SURVEY_ANSWER_INVALID',
      'answers.nps',
    ],
    [
      'a fraction on a 0–10 scale',
      { answers: { nps: 7.5 } },
      400,
      'SURVEY_ANSWER_INVALID',
      'answers.nps',
    ],
    ['a negative score', { answers: { nps: -1 } }, 400, 'SURVEY_ANSWER_INVALID', 'answers.nps'],
  ])('rejects %s', async (_what, over, status, code, field) => {
    const id = randomUUID();
    const r = await post(`/api/public/surveys/${nps.slug}/responses`, {
      id,
      status: 'complete',
      answers: { nps: 5 },
      ...over,
    });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().error.code).toBe(code);
    expect(r.json().error.details.field).toBe(field);
    expect(r.json().error.message).toBeTruthy();
    expect(await stored(id)).toBe(0);
  });

  it('rejects text over the shape limit with the path of the field', async () => {
    const id = randomUUID();
    const r = await post(
      `/api/public/surveys/${nps.slug}/responses`,
      { id, status: 'complete', answers: { nps: 5, reason: 'x'.repeat(20_001) } },
      { 'accept-language': 'es' },
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.message).toBe('Datos no válidos.');
    expect(r.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(
      'answers.reason',
    );
    expect(await stored(id)).toBe(0);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await post(`/api/public/surveys/${nps.slug}/responses`, '{"id": ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_JSON');
    const big = await post(`/api/public/surveys/${nps.slug}/responses`, {
      id: randomUUID(),
      status: 'complete',
      answers: Object.fromEntries(
        Array.from({ length: 80 }, (_, i) => [`q${i}`, 'x'.repeat(19_000)]),
      ),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a battery item out of range names the item', async () => {
    const items = (p: string) =>
      Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`${p}${i + 1}`, 4]));
    const r = await post(`/api/public/surveys/${sq.slug}/responses`, {
      id: randomUUID(),
      status: 'partial',
      answers: { sq_e: { ...items('e'), e7: 8 } },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.details.field).toBe('answers.sq_e.e7');
  });

  it('refuses a language the survey does not offer, and detects one it does', async () => {
    const id = randomUUID();
    const r = await post(
      `/api/public/surveys/${esOnly.slug}/responses`,
      { id, status: 'complete', language: 'en', answers: { csat: 4 } },
      { 'accept-language': 'en' },
    );
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error).toMatchObject({
      code: 'SURVEY_LANGUAGE_UNAVAILABLE',
      message: 'The survey is not available in that language.',
      details: { field: 'language' },
    });
    expect(await stored(id)).toBe(0);
    // Without an explicit language an English browser gets the survey's only language.
    const ok = await post(
      `/api/public/surveys/${esOnly.slug}/responses`,
      { id, status: 'complete', answers: { csat: 4 } },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const lang = await t.db.query<{ language: string }>(
      'SELECT language FROM survey_responses WHERE id = $1',
      [id],
    );
    expect(lang.rows[0]?.language).toBe('es');
  });

  it('a partial cannot overwrite a completed response', async () => {
    const id = randomUUID();
    const url = `/api/public/surveys/${nps.slug}/responses`;
    expect((await post(url, { id, status: 'complete', answers: { nps: 9 } })).statusCode).toBe(201);
    const r = await post(url, { id, status: 'partial', answers: { nps: 2 } });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.field).toBe('id');
  });
});

describe('personal links and staff entry', () => {
  it('malformed, unknown and expired tokens are 404/410 naming the token', async () => {
    const short = await post('/api/public/surveys/t/abc/responses', {
      id: randomUUID(),
      status: 'complete',
      answers: { nps: 5 },
    });
    expect(short.statusCode).toBe(404);
    expect(short.json().error).toMatchObject({
      code: 'SURVEY_TOKEN_INVALID',
      details: { field: 'token' },
    });
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: owner.headers,
      payload: { name: 'Ana Ruiz', email: `a${randomUUID().slice(0, 8)}@example.test` },
    });
    expect(c.statusCode, c.body).toBe(201);
    const l = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${nps.id}/links`,
      headers: owner.headers,
      payload: { customerIds: [c.json().id] },
    });
    const token = (l.json().items[0].path as string).split('/').pop() as string;
    await t.db.query(
      `UPDATE survey_invitations SET expires_at = now() - interval '1 day'
        WHERE customer_id = $1`,
      [c.json().id],
    );
    const r = await post(`/api/public/surveys/t/${token}/responses`, {
      id: randomUUID(),
      status: 'complete',
      answers: { nps: 5 },
    });
    expect(r.statusCode).toBe(410);
    expect(r.json().error).toMatchObject({
      code: 'SURVEY_TOKEN_EXPIRED',
      details: { field: 'token' },
    });
  });

  it('staff entry defaults to the survey language and refuses one it does not offer', async () => {
    const id = randomUUID();
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${esOnly.id}/entries`,
      headers: agent.headers,
      payload: { id, channel: 'postal', language: 'en', answers: { csat: 2 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('language');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${esOnly.id}/entries`,
      headers: agent.headers,
      payload: { id, channel: 'postal', answers: { csat: 2 } },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const row = await t.db.query<{ language: string; channel: string }>(
      'SELECT language, channel FROM survey_responses WHERE id = $1',
      [id],
    );
    expect(row.rows[0]).toEqual({ language: 'es', channel: 'postal' });
  });
});

describe('survey JSON import', () => {
  const file = (definition: unknown, over: Record<string, unknown> = {}) => ({
    format: 'fidelia.survey',
    formatVersion: 1,
    name: 'Importada',
    definition,
    ...over,
  });
  const q = (key: string) => ({ key, type: 'csat', title: t2(key) });

  it('names the field of an invalid definition and creates nothing', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM surveys');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/surveys/import',
      headers: owner.headers,
      payload: file({ title: t2('x'), pages: [{ key: 'p1', questions: [q('a'), q('a')] }] }),
    });
    expect(dup.statusCode, dup.body).toBe(400);
    expect(dup.json().error.code).toBe('SURVEY_DEFINITION_INVALID');
    expect(dup.json().error.details.field).toBe('pages.0.questions.1.key');
    const fmt = await t.app.inject({
      method: 'POST',
      url: '/api/surveys/import',
      headers: owner.headers,
      payload: file({ title: t2('x'), pages: [] }, { format: 'other', formatVersion: 7 }),
    });
    expect(fmt.statusCode).toBe(400);
    expect(fmt.json().error.code).toBe('VALIDATION_FAILED');
    expect(fmt.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(
      'format',
    );
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM surveys');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('round-trips: export → import gives the same definition and settings', async () => {
    const ex = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${sq.id}/export.json`,
      headers: owner.headers,
    });
    expect(ex.statusCode).toBe(200);
    expect(ex.headers['content-disposition']).toMatch(/attachment/);
    const im = await t.app.inject({
      method: 'POST',
      url: '/api/surveys/import',
      headers: owner.headers,
      payload: ex.json(),
    });
    expect(im.statusCode, im.body).toBe(201);
    expect(im.json().definition).toEqual(ex.json().definition);
    expect(im.json().slug).not.toBe(sq.slug);
    expect(im.json().status).toBe('draft');
  });
});
