// A survey answer whose contact e-mail matches a customer is suggested as theirs, never linked
// by itself; an agent confirms (the response joins the customer's timeline) or dismisses (the
// suggestion does not come back); both are audit-logged; a stale answer is a 409. Runs on PGlite
// and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: Session;
let agent: Session;
let viewer: Session;
let surveyId = '';
let slug = '';

type Call = { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown };
const as = (s: Session, c: Call) => t.app.inject({ ...c, headers: s.headers } as never);

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrg(t.db, 'Coincidencia');
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
  viewer = await login(t.app, org.users.viewer);
  const c = await as(owner, {
    method: 'POST',
    url: '/api/surveys',
    payload: { name: 'Con contacto', template: 'csat_transactional' },
  });
  surveyId = c.json().id;
  const def = (await as(owner, { method: 'GET', url: `/api/surveys/${surveyId}` })).json()
    .definition;
  def.pages[0].questions.push({
    key: 'who',
    type: 'contact',
    title: { es: 'Sus datos', en: 'Your details' },
    fields: ['name', 'email'],
  });
  const put = await as(owner, {
    method: 'PUT',
    url: `/api/surveys/${surveyId}/definition`,
    payload: { definition: def },
  });
  expect(put.statusCode, put.body).toBe(200);
  slug = (await as(owner, { method: 'POST', url: `/api/surveys/${surveyId}/publish` })).json().slug;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

async function respond(answers: Record<string, unknown>) {
  const id = randomUUID();
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${slug}/responses`,
    payload: { id, status: 'complete', answers },
  });
  expect(r.statusCode, r.body).toBe(201);
  return id;
}
const suggestion = async (id: string) =>
  (
    await as(agent, {
      method: 'GET',
      url: `/api/surveys/${surveyId}/responses/${id}/customer-suggestion`,
    })
  ).json().suggestion;
const answer = (s: Session, id: string, customerId: string, link: boolean) =>
  as(s, {
    method: 'POST',
    url: `/api/surveys/${surveyId}/responses/${id}/customer-match`,
    payload: { customerId, link },
  });

it('suggests, links on confirmation (timeline, audit), dismisses for good, refuses stale answers', async () => {
  const cu = await as(owner, {
    method: 'POST',
    url: '/api/customers',
    payload: { name: 'Ana Pérez', email: 'ana.perez@example.test' },
  });
  expect(cu.statusCode, cu.body).toBe(201);
  const customerId = cu.json().id as string;

  // Same address typed with other case: suggested, and nothing is linked yet.
  const r1 = await respond({ csat: 2, who: { name: 'Ana', email: 'Ana.Perez@Example.test' } });
  expect(await suggestion(r1)).toEqual({
    id: customerId,
    name: 'Ana Pérez',
    email: 'ana.perez@example.test',
  });
  const before = await as(agent, {
    method: 'GET',
    url: `/api/surveys/${surveyId}/responses/${r1}`,
  });
  expect(before.json().customerId).toBeNull();

  // No e-mail, or an unknown one: no suggestion.
  expect(await suggestion(await respond({ csat: 4 }))).toBeNull();
  expect(await suggestion(await respond({ csat: 4, who: { email: 'otro@example.test' } }))).toBe(
    null,
  );

  // A viewer cannot answer; a wrong customer id is stale.
  expect((await answer(viewer, r1, customerId, true)).statusCode).toBe(403);
  const stale = await answer(agent, r1, randomUUID(), true);
  expect(stale.statusCode).toBe(409);
  expect(stale.json().error.code).toBe('SURVEY_MATCH_STALE');

  const ok = await answer(agent, r1, customerId, true);
  expect(ok.statusCode, ok.body).toBe(200);
  const after = await as(agent, {
    method: 'GET',
    url: `/api/surveys/${surveyId}/responses/${r1}`,
  });
  expect(after.json().customerId).toBe(customerId);
  expect(await suggestion(r1)).toBeNull();
  // Answering again is stale (already linked).
  expect((await answer(agent, r1, customerId, true)).statusCode).toBe(409);

  const tl = await as(agent, { method: 'GET', url: `/api/customers/${customerId}/timeline` });
  expect(tl.statusCode, tl.body).toBe(200);
  expect(tl.json().items.map((i: { key: string }) => i.key)).toContain(`response:${r1}`);

  // Dismissed: not suggested again, not linked.
  const r2 = await respond({ csat: 5, who: { email: 'ana.perez@example.test' } });
  expect((await suggestion(r2))?.id).toBe(customerId);
  expect((await answer(agent, r2, customerId, false)).statusCode).toBe(200);
  expect(await suggestion(r2)).toBeNull();
  const r2d = await as(agent, { method: 'GET', url: `/api/surveys/${surveyId}/responses/${r2}` });
  expect(r2d.json().customerId).toBeNull();

  const log = await t.db.query<{ action: string; entity_id: string; changes: unknown }>(
    `SELECT action, entity_id, changes FROM audit_log
      WHERE action LIKE 'survey.response_customer_%' ORDER BY at`,
  );
  expect(log.rows.map((r) => [r.action, r.entity_id])).toEqual([
    ['survey.response_customer_linked', customerId],
    ['survey.response_customer_dismissed', customerId],
  ]);
  expect(log.rows[0]?.changes).toMatchObject({ responseId: r1, surveyId });
});
