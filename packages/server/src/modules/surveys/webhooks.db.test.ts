// Signed outgoing webhooks against a local HTTP listener: Standard Webhooks headers, HMAC-SHA256
// verified independently, retries through the jobs queue after a failure. Also: public rate limit.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { runOne } from '../../jobs/worker';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let server: Server;
let url = '';
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.statusCode = 503;
        res.end('busy');
        return;
      }
      received.push({ headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  t = await createTestApp();
  org = await createOrg(t.db, 'Webhooks');
  owner = await login(t.app, org.users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
  await new Promise<void>((r) => server.close(() => r()));
});

async function publishedSurvey() {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: 'Webhook NPS', template: 'nps_relational' },
  });
  const id = c.json().id as string;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: owner.headers,
  });
  return p.json() as { id: string; slug: string };
}

it('delivers a signed webhook per new complete response, retrying after a failure', async () => {
  const s = await publishedSurvey();
  const h = await t.app.inject({
    method: 'POST',
    url: '/api/survey-webhooks',
    headers: owner.headers,
    payload: { url, surveyId: s.id },
  });
  expect(h.statusCode, h.body).toBe(201);
  const secret = h.json().secret as string;
  expect(secret).toMatch(/^whsec_/);
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/survey-webhooks',
    headers: owner.headers,
  });
  expect(list.body).not.toContain(secret);

  failNext = 1;
  const id = randomUUID();
  const body = { id, status: 'complete', answers: { nps: 9, reason: 'Rápidos' } };
  await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${s.slug}/responses`,
    payload: body,
  });
  // partial saves and retries do not fire again
  await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${s.slug}/responses`,
    payload: body,
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${s.slug}/responses`,
    payload: { id: randomUUID(), status: 'partial', answers: { nps: 1 } },
  });
  expect(await runOne(t.db)).toBe(true); // first attempt: 503
  expect(received).toHaveLength(0);
  const d1 = await t.db.query<{ status: string; attempts: number; last_status: number }>(
    'SELECT status, attempts, last_status FROM survey_webhook_deliveries',
  );
  expect(d1.rows).toEqual([{ status: 'pending', attempts: 1, last_status: 503 }]);
  await t.db.query(`UPDATE jobs SET run_at = now() WHERE kind = 'survey.webhook'`);
  expect(await runOne(t.db)).toBe(true); // retry succeeds
  expect(await runOne(t.db)).toBe(false);
  expect(received).toHaveLength(1);
  const msg = received[0] as (typeof received)[number];
  const wid = msg.headers['webhook-id'] as string;
  const ts = msg.headers['webhook-timestamp'] as string;
  const sig = msg.headers['webhook-signature'] as string;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${wid}.${ts}.${msg.body}`).digest('base64');
  expect(sig).toBe(`v1,${expected}`);
  expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(600);
  const payload = JSON.parse(msg.body);
  expect(payload.type).toBe('survey.response.completed');
  expect(payload.data).toMatchObject({ id, surveyId: s.id, answers: { nps: 9 } });
  expect(payload.data.long).toContainEqual({
    questionKey: 'nps',
    item: '',
    tag: 'nps',
    num: 9,
    text: null,
  });
  const dl = await t.app.inject({
    method: 'GET',
    url: `/api/survey-webhooks/${h.json().id}/deliveries`,
    headers: owner.headers,
  });
  expect(dl.json().items[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 204 });
});

it('rate-limits public submissions per IP with a localised 429', async () => {
  const t2 = await createTestApp({ db: t.db, config: { rateLimitSurvey: 3 } });
  try {
    const s = await publishedSurvey();
    const codes: number[] = [];
    let last = '';
    for (let i = 0; i < 5; i++) {
      const r = await t2.app.inject({
        method: 'POST',
        url: `/api/public/surveys/${s.slug}/responses`,
        payload: { id: randomUUID(), status: 'complete', answers: { nps: 5 } },
        headers: { 'accept-language': 'es' },
      });
      codes.push(r.statusCode);
      last = r.body;
    }
    expect(codes).toEqual([201, 201, 201, 429, 429]);
    expect(JSON.parse(last).error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Demasiados intentos. Espera un momento.',
    });
  } finally {
    await t2.app.close();
  }
});
