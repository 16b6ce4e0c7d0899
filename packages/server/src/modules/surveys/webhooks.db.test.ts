// Signed outgoing webhooks against a local HTTP listener: Standard Webhooks headers, HMAC-SHA256
// verified independently, retries through the jobs queue after a failure. Also: public rate limit,
// the SSRF guard (private destinations refused at create/edit and at delivery time, with
// WEBHOOK_ALLOW_PRIVATE off) and "retry now" for a failed delivery.
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
      if (req.url === '/redirect') {
        res.statusCode = 302;
        res.setHeader('location', '/hook');
        res.end();
        return;
      }
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
  t = await createTestApp({ config: { webhookAllowPrivate: true } }); // receiver on 127.0.0.1
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
        // Counters live in the database, shared with `t`'s earlier posts: a fresh client address.
        remoteAddress: '192.0.2.33',
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

// Job handlers are registered per built app (the last one wins), so each test below builds the
// app whose policy it exercises on the same database.
const ownerOf = async (a: Awaited<ReturnType<typeof createTestApp>>) =>
  login(a.app, org.users.owner);
let refusedHook = '';
let refusedDelivery = '';

it('refuses loopback, private, link-local and metadata URLs at create and edit time', async () => {
  const g = await createTestApp({ db: t.db }); // webhookAllowPrivate: false (the default)
  try {
    const s = await ownerOf(g);
    const refused = [
      'http://127.0.0.1:9/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/x',
      'http://172.16.5.4/x',
      'http://192.168.1.10/x',
      'http://100.64.0.1/x',
      'http://0.0.0.0/x',
      'http://2130706433/x', // 127.0.0.1 in decimal
      'http://0x7f.1/x', // 127.0.0.1 in hex shorthand
      'http://[::1]/x',
      'http://[::]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::ffff:a9fe:a9fe]/x', // 169.254.169.254, IPv4-mapped
      'http://[fd00::1]/x',
      'http://[fe80::1]/x',
    ];
    for (const u of refused) {
      const r = await g.app.inject({
        method: 'POST',
        url: '/api/survey-webhooks',
        headers: { ...s.headers, 'accept-language': 'en' },
        payload: { url: u },
      });
      expect(r.statusCode, u).toBe(400);
      expect(r.json().error, u).toMatchObject({
        code: 'WEBHOOK_URL_REFUSED',
        details: { field: 'url' },
      });
      expect(r.json().error.message).toContain('public addresses');
    }
    const es = await g.app.inject({
      method: 'POST',
      url: '/api/survey-webhooks',
      headers: { ...s.headers, 'accept-language': 'es' },
      payload: { url: 'http://169.254.169.254/' },
    });
    expect(es.json().error.message).toContain('direcciones públicas');
    // a public address or a host name is accepted (names are vetted when delivering)
    const ok = await g.app.inject({
      method: 'POST',
      url: '/api/survey-webhooks',
      headers: s.headers,
      payload: { url: 'https://93.184.215.14/hook' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const edit = await g.app.inject({
      method: 'PATCH',
      url: `/api/survey-webhooks/${ok.json().id}`,
      headers: s.headers,
      payload: { url: 'http://[::ffff:10.0.0.1]/x' },
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error).toMatchObject({
      code: 'WEBHOOK_URL_REFUSED',
      details: { field: 'url' },
    });
    const still = await g.app.inject({
      method: 'GET',
      url: `/api/survey-webhooks/${ok.json().id}`,
      headers: s.headers,
    });
    expect(still.json().url).toBe('https://93.184.215.14/hook');
    await g.app.inject({
      method: 'DELETE',
      url: `/api/survey-webhooks/${ok.json().id}`,
      headers: s.headers,
    });
  } finally {
    await g.app.close();
  }
});

it('refuses at delivery time a host name that resolves to loopback: failed at once, no retry', async () => {
  const g = await createTestApp({ db: t.db });
  try {
    const s = await ownerOf(g);
    const sv = await publishedSurvey();
    const port = (server.address() as AddressInfo).port;
    const h = await g.app.inject({
      method: 'POST',
      url: '/api/survey-webhooks',
      headers: s.headers,
      payload: { url: `http://localhost:${port}/hook`, surveyId: sv.id },
    });
    expect(h.statusCode, h.body).toBe(201);
    refusedHook = h.json().id;
    const before = received.length;
    // "send test event" is refused too, and recorded
    const test = await g.app.inject({
      method: 'POST',
      url: `/api/survey-webhooks/${refusedHook}/test`,
      headers: s.headers,
    });
    expect(test.json()).toMatchObject({ ok: false, status: null });
    expect(test.json().error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1)/);
    await g.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${sv.slug}/responses`,
      payload: { id: randomUUID(), status: 'complete', answers: { nps: 3 } },
    });
    expect(await runOne(g.db)).toBe(true);
    expect(received.length).toBe(before);
    const d = await g.db.query<{
      id: string;
      status: string;
      attempts: number;
      last_error: string;
    }>(
      `SELECT id, status, attempts, last_error FROM survey_webhook_deliveries
        WHERE webhook_id = $1 AND event = 'survey.response.completed'`,
      [refusedHook],
    );
    expect(d.rows).toHaveLength(1);
    expect(d.rows[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(d.rows[0]?.last_error).toContain('not a public address');
    refusedDelivery = d.rows[0]?.id as string;
    // a policy refusal is final: the job is done, nothing left to retry
    const jobs = await g.db.query<{ status: string }>(
      `SELECT status FROM jobs WHERE kind = 'survey.webhook' AND payload->>'deliveryId' = $1`,
      [refusedDelivery],
    );
    expect(jobs.rows.map((j) => j.status)).toEqual(['done']);
    expect(await runOne(g.db)).toBe(false);
  } finally {
    await g.app.close();
  }
});

it('"retry now" re-sends a failed delivery once: admins only, per org, idempotent', async () => {
  // the same database with private destinations allowed (as in development)
  const p = await createTestApp({ db: t.db, config: { webhookAllowPrivate: true } });
  try {
    const s = await ownerOf(p);
    const base = `/api/survey-webhooks/${refusedHook}/deliveries/${refusedDelivery}/retry`;
    const analyst = await login(p.app, org.users.analyst);
    expect(
      (await p.app.inject({ method: 'POST', url: base, headers: analyst.headers })).statusCode,
    ).toBe(403);
    const other = await createOrg(p.db, 'Other webhooks');
    const otherOwner = await login(p.app, other.users.owner);
    expect(
      (await p.app.inject({ method: 'POST', url: base, headers: otherOwner.headers })).statusCode,
    ).toBe(404);
    expect(
      (
        await p.app.inject({
          method: 'POST',
          url: `/api/survey-webhooks/${refusedHook}/deliveries/${randomUUID()}/retry`,
          headers: s.headers,
        })
      ).statusCode,
    ).toBe(404);

    const r1 = await p.app.inject({ method: 'POST', url: base, headers: s.headers });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ id: refusedDelivery, status: 'pending', queued: true });
    const r2 = await p.app.inject({ method: 'POST', url: base, headers: s.headers });
    expect(r2.json()).toMatchObject({ status: 'pending', queued: false });
    const queued = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs
        WHERE kind = 'survey.webhook' AND status = 'queued' AND payload->>'deliveryId' = $1`,
      [refusedDelivery],
    );
    expect(queued.rows[0]?.n).toBe(1);
    const before = received.length;
    expect(await runOne(p.db)).toBe(true);
    expect(await runOne(p.db)).toBe(false);
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)?.headers['webhook-id']).toBe(refusedDelivery);
    const dl = await p.app.inject({
      method: 'GET',
      url: `/api/survey-webhooks/${refusedHook}/deliveries`,
      headers: s.headers,
    });
    expect(dl.json().items.find((x: { id: string }) => x.id === refusedDelivery)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatus: 204,
      lastError: null,
    });
    // delivered: another retry changes nothing
    const r3 = await p.app.inject({ method: 'POST', url: base, headers: s.headers });
    expect(r3.json()).toMatchObject({ status: 'delivered', queued: false });
    expect(await runOne(p.db)).toBe(false);
    // a test-event delivery is not retried
    const testDelivery = dl.json().items.find((x: { event: string }) => x.event === 'webhook.test');
    const r4 = await p.app.inject({
      method: 'POST',
      url: `/api/survey-webhooks/${refusedHook}/deliveries/${testDelivery.id}/retry`,
      headers: { ...s.headers, 'accept-language': 'en' },
    });
    expect(r4.statusCode).toBe(409);
    expect(r4.json().error.code).toBe('WEBHOOK_RETRY_NOT_ALLOWED');
  } finally {
    await p.app.close();
  }
});

it('does not follow redirects: a 3xx answer is a failed attempt', async () => {
  const port = (server.address() as AddressInfo).port;
  const h = await t.app.inject({
    method: 'POST',
    url: '/api/survey-webhooks',
    headers: owner.headers,
    payload: { url: `http://127.0.0.1:${port}/redirect` },
  });
  const before = received.length;
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/survey-webhooks/${h.json().id}/test`,
    headers: owner.headers,
  });
  expect(r.json()).toMatchObject({ ok: false, status: 302, error: 'HTTP 302' });
  expect(received.length).toBe(before);
});
