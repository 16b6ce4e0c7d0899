// A retried complaint never duplicates: the web form and staff entry send a submissionId made
// once per complaint; the same POST again (lost answer, double click, flaky phone network)
// answers 200 with the same case, reference and follow-up link, and sends no second
// acknowledgement; the id reused for a different complaint is a 409. PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { caller } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let slug: string;
let agent: Session;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Reintentos');
  slug = (await t.db.query<{ slug: string }>('SELECT slug FROM orgs WHERE id = $1', [org.orgId]))
    .rows[0]?.slug as string;
  agent = await login(t.app, org.users.agent);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const count = async (sql: string) => (await t.db.query<{ n: number }>(sql, [org.orgId])).rows[0]?.n;

it('the public form: same submissionId twice → one case, same reference and link, one ack', async () => {
  const submissionId = randomUUID();
  const body = {
    name: 'Marta Gil',
    email: 'marta@example.test',
    subject: 'Cajero sin efectivo',
    description: 'El cajero de la oficina lleva tres días sin efectivo.',
    consent: true,
    submissionId,
  };
  const post = () =>
    call(null, { method: 'POST', url: `/api/public/complaints/${slug}`, payload: body });
  const [a, b] = await Promise.all([post(), post()]); // concurrent double submit
  const c = await post(); // and a later retry
  const codes = [a.statusCode, b.statusCode].sort();
  expect(codes).toEqual([200, 201]);
  expect(c.statusCode).toBe(200);
  const refs = new Set([a, b, c].map((r) => r.json().reference));
  const tokens = new Set([a, b, c].map((r) => r.json().token));
  expect(refs.size).toBe(1);
  expect(tokens.size).toBe(1);
  expect([...tokens][0]).toEqual(expect.any(String));
  expect(c.json().replay).toBe(true);
  expect(await count('SELECT count(*)::int AS n FROM complaints WHERE org_id = $1')).toBe(1);
  expect(
    await count(
      `SELECT count(*)::int AS n FROM jobs WHERE org_id = $1 AND kind = 'complaint.mail' AND payload->>'template' = 'ack'`,
    ),
  ).toBe(1);
  // the follow-up link returned on the retry works
  const view = await call(null, {
    method: 'GET',
    url: `/api/public/complaint-links/${[...tokens][0]}`,
  });
  expect(view.statusCode).toBe(200);

  const other = await call(null, {
    method: 'POST',
    url: `/api/public/complaints/${slug}`,
    headers: { 'accept-language': 'en' },
    payload: { ...body, description: 'Something else entirely.' },
  });
  expect(other.statusCode).toBe(409);
  expect(other.json().error).toMatchObject({
    code: 'COMPLAINT_SUBMISSION_CONFLICT',
    details: { field: 'submissionId' },
  });
});

it('staff entry: same submissionId twice → one case', async () => {
  const payload = {
    channel: 'phone',
    subject: 'Trato descortés',
    description: 'El cliente llama para quejarse del trato en ventanilla.',
    contactName: 'Luis Mora',
    submissionId: randomUUID(),
  };
  const a = await call(agent, { method: 'POST', url: '/api/complaints', payload });
  const b = await call(agent, { method: 'POST', url: '/api/complaints', payload });
  expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
  expect(b.json().id).toBe(a.json().id);
  expect(b.json().reference).toBe(a.json().reference);
  expect(
    await count(
      `SELECT count(*)::int AS n FROM complaints WHERE org_id = $1 AND channel = 'phone'`,
    ),
  ).toBe(1);
});
