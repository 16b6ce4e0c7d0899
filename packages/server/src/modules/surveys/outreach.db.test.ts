// The distribute/entry/webhooks screens' server side: customer search with contact status,
// personal links for chosen customers, staff entry for a looked-up customer (consent rule,
// 'staff' contact for the fatigue rule), "send reminders now" for an e-mail wave over a real
// SMTP peer (non-responders only, idempotent per day), and the webhooks admin API (edit,
// events, URL validation, rotate, test event signed and recorded, admins only, tenant-isolated).
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createTestDb,
  login,
  type Session,
  type TestOrg,
} from '../../../test/harness';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp';
import { runOne } from '../../jobs/worker';
import { smtpMailer } from '../../mail/mailer';

let smtp: SmtpSink;
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let orgB: TestOrg;
let analyst: Session;
let agent: Session;
let owner: Session;
let ownerB: Session;
let surveyId = '';
let hookServer: Server;
let hookUrl = '';
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = req.url === '/fail' ? 500 : 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}`;
  const db = await createTestDb();
  t = await createTestApp({
    db,
    mailer: smtpMailer(smtp.url, 'encuestas@fidelia.local'),
    config: { webhookAllowPrivate: true }, // the receiver listens on 127.0.0.1
  });
  org = await createOrg(db, 'Outreach');
  orgB = await createOrg(db, 'Otra');
  analyst = await login(t.app, org.users.analyst);
  agent = await login(t.app, org.users.agent);
  owner = await login(t.app, org.users.owner);
  ownerB = await login(t.app, orgB.users.owner);
  // 6 customers: c0..c3 accept surveys, c4 refuses, c5 accepts but will unsubscribe
  await db.query(
    `INSERT INTO customers (org_id, external_id, name, email, language, consent_survey, consent_email)
     SELECT $1, 'EXT-' || g, 'Cliente ' || g || CASE WHEN g = 2 THEN ' Zubiri' ELSE '' END,
            'c' || g || '@example.test', CASE WHEN g % 2 = 0 THEN 'es' ELSE 'en' END, g <> 4, true
       FROM generate_series(0, 5) g`,
    [org.orgId],
  );
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: analyst.headers,
    payload: { name: 'CSAT', template: 'csat_transactional' },
  });
  surveyId = c.json().id;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${surveyId}/publish`,
    headers: analyst.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
}, 60_000);
afterAll(async () => {
  await t.app.close();
  await t.db.close();
  await smtp.close();
  await new Promise<void>((r) => hookServer.close(() => r()));
});

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const post = (s: Session, url: string, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const patch = (s: Session, url: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url, headers: s.headers, payload: payload as object });

interface TFound {
  id: string;
  name: string;
  externalId: string;
  consentSurvey: boolean;
  unsubscribed: boolean;
  withinFatigue: boolean;
  contactable: boolean;
  lastContactAt: string | null;
}
async function find(q: string): Promise<TFound[]> {
  const r = await get(analyst, `/api/surveys/${surveyId}/customers?q=${encodeURIComponent(q)}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
}
const idOf = async (n: number) => ((await find(`EXT-${n}`))[0] as TFound).id;

describe('customer search and personal links', () => {
  it('finds customers by name, e-mail and external id, with their contact status', async () => {
    expect((await find('zubiri')).map((c) => c.externalId)).toEqual(['EXT-2']);
    expect((await find('c3@example')).map((c) => c.externalId)).toEqual(['EXT-3']);
    const c4 = (await find('EXT-4'))[0] as TFound;
    expect(c4).toMatchObject({ consentSurvey: false, contactable: false, lastContactAt: null });
    const all = await get(analyst, `/api/surveys/${surveyId}/customers?limit=200`);
    expect(all.json().items).toHaveLength(6);
    expect(all.json().total).toBe(6);
    // another org's survey id is not found; a search never leaks across orgs
    expect((await get(ownerB, `/api/surveys/${surveyId}/customers?q=Cliente`)).statusCode).toBe(
      404,
    );
  });

  it('makes one single-use personal link per chosen customer, with prefilled attributes', async () => {
    const ids = [await idOf(0), await idOf(1)];
    const r = await post(analyst, `/api/surveys/${surveyId}/links`, { customerIds: ids });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { customerId: string; url: string; path: string }[];
    expect(items.map((i) => i.customerId)).toEqual(ids);
    expect(new Set(items.map((i) => i.url)).size).toBe(2);
    const token = items[0]?.path.split('/').pop() as string;
    const open = await t.app.inject({ method: 'GET', url: `/api/public/surveys/t/${token}` });
    expect(open.statusCode, open.body).toBe(200);
    expect(JSON.stringify(open.json())).toContain('Cliente 0');
    // the link counts as a survey contact: the search now shows it within the fatigue window
    expect((await find('EXT-0'))[0]).toMatchObject({ withinFatigue: true, contactable: true });
    expect(typeof (await find('EXT-0'))[0]?.lastContactAt).toBe('string');
  });
});

describe('staff entry for a looked-up customer', () => {
  it('stores the customer id, logs a staff contact and refuses a customer without consent', async () => {
    const c3 = await idOf(3);
    const id = randomUUID();
    const e = await post(agent, `/api/surveys/${surveyId}/entries`, {
      id,
      channel: 'phone',
      customerId: c3,
      answers: { csat: 4 },
    });
    expect(e.statusCode, e.body).toBe(201);
    const r = await get(analyst, `/api/surveys/${surveyId}/responses/${id}`);
    expect(r.json()).toMatchObject({
      customerId: c3,
      channel: 'phone',
      enteredBy: org.users.agent.id,
    });
    const k = await t.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM survey_contacts
        WHERE org_id = $1 AND customer_id = $2 GROUP BY kind`,
      [org.orgId, c3],
    );
    expect(k.rows).toEqual([{ kind: 'staff', n: 1 }]);
    // a retried POST neither duplicates the response nor the contact
    const again = await post(agent, `/api/surveys/${surveyId}/entries`, {
      id,
      channel: 'phone',
      customerId: c3,
      answers: { csat: 4 },
    });
    expect(again.statusCode).toBe(200);
    const k2 = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_contacts WHERE org_id = $1 AND customer_id = $2',
      [org.orgId, c3],
    );
    expect(k2.rows[0]?.n).toBe(1);
    expect((await find('EXT-3'))[0]?.withinFatigue).toBe(true);

    const c4 = await idOf(4);
    const no = await post(agent, `/api/surveys/${surveyId}/entries`, {
      id: randomUUID(),
      channel: 'phone',
      customerId: c4,
      answers: { csat: 2 },
    });
    expect(no.statusCode).toBe(409);
    expect(no.json().error).toMatchObject({ code: 'SURVEY_CUSTOMER_NO_CONSENT' });
    expect(JSON.stringify(no.json())).toContain('customerId');
  });
});

describe('send reminders now', () => {
  it('reminds only non-responders of the wave, never unsubscribed/no-consent, once a day', async () => {
    // fatigue off so the whole registry is invited in this wave
    await t.app.inject({
      method: 'PUT',
      url: '/api/survey-settings',
      headers: owner.headers,
      payload: { fatigueDays: 0 },
    });
    const inv = await post(analyst, `/api/surveys/${surveyId}/invitations`, { all: true });
    expect(inv.statusCode, inv.body).toBe(202);
    const batchId = inv.json().batchId as string;
    while (await runOne(t.db)) {}
    // 5 with consent got the invitation; c4 did not
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual(
      [0, 1, 2, 3, 5].map((g) => `c${g}@example.test`),
    );
    const links = new Map(
      smtp.inbox.map((m) => [
        m.to,
        /\/s\/t\/([A-Za-z0-9_-]+)/.exec(m.data.replace(/=\r?\n/g, ''))?.[1] as string,
      ]),
    );
    // c0 answers through the e-mailed link; c5 unsubscribes; c1 withdraws consent afterwards
    const ans = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/t/${links.get('c0@example.test')}/responses`,
      payload: { id: randomUUID(), status: 'complete', answers: { csat: 5 } },
    });
    expect(ans.statusCode, ans.body).toBe(201);
    const unsub = /\/s\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(
      (smtp.inbox.find((m) => m.to === 'c5@example.test')?.data ?? '').replace(/=\r?\n/g, ''),
    )?.[1];
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/public/unsubscribe/${unsub}`, payload: {} }))
        .statusCode,
    ).toBe(200);
    await t.db.query(
      `UPDATE customers SET consent_survey = false WHERE org_id = $1 AND external_id = 'EXT-1'`,
      [org.orgId],
    );

    const waves = await get(analyst, `/api/surveys/${surveyId}/invitations/waves`);
    expect(waves.statusCode, waves.body).toBe(200);
    const w = waves.json().items[0];
    // remindable: sent, not answered, not unsubscribed (consent is checked when sending)
    expect(w).toMatchObject({ batchId, invited: 5, sent: 5, completed: 1, reminded: 0 });
    expect(w.remindable).toBe(3);

    smtp.inbox.length = 0;
    const url = `/api/surveys/${surveyId}/invitations/waves/${batchId}/remind`;
    const r1 = await post(analyst, url);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toEqual({ reminded: 2, skipped: { no_consent: 1 } });
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual(['c2@example.test', 'c3@example.test']);
    expect(smtp.inbox[0]?.data).toMatch(/Subject: (=\?UTF-8\?Q\?)?(Recordatorio|Reminder)/);
    // same day again (and concurrently): nothing more goes out
    const [r2, r3] = await Promise.all([post(analyst, url), post(analyst, url)]);
    expect(r2.json().reminded + r3.json().reminded).toBe(0);
    expect(smtp.inbox).toHaveLength(2);
    const w2 = (await get(analyst, `/api/surveys/${surveyId}/invitations/waves`)).json().items[0];
    // (c1, who withdrew consent, still counts as remindable: consent is checked when sending)
    expect(w2).toMatchObject({ reminded: 2, remindable: 1 });
    // a day later the same non-responders may be reminded again
    await t.db.query(
      `UPDATE survey_invitations SET reminded_at = reminded_at - interval '1 day'
        WHERE org_id = $1 AND batch_id = $2 AND reminded_at IS NOT NULL`,
      [org.orgId, batchId],
    );
    expect((await post(analyst, url)).json().reminded).toBe(2);

    // roles, unknown wave, other org
    expect((await post(agent, url)).statusCode).toBe(403);
    expect(
      (await post(analyst, `/api/surveys/${surveyId}/invitations/waves/${randomUUID()}/remind`))
        .statusCode,
    ).toBe(404);
    expect((await post(ownerB, url)).statusCode).toBe(404);
    expect((await get(ownerB, `/api/surveys/${surveyId}/invitations/waves`)).statusCode).toBe(404);
  });
});

describe('webhooks admin', () => {
  const verify = (secret: string, h: Record<string, string | string[] | undefined>, b: string) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const mac = createHmac('sha256', key)
      .update(`${h['webhook-id']}.${h['webhook-timestamp']}.${b}`)
      .digest('base64');
    return h['webhook-signature'] === `v1,${mac}`;
  };

  it('creates, edits, rotates, tests and deletes a webhook; admins only, per org', async () => {
    const bad = await post(owner, '/api/survey-webhooks', { url: 'ftp://example.test/x' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await post(owner, '/api/survey-webhooks', { url: 'javascript:alert(1)' })).statusCode,
    ).toBe(400);
    expect((await post(analyst, '/api/survey-webhooks', { url: `${hookUrl}/a` })).statusCode).toBe(
      403,
    );
    const c = await post(owner, '/api/survey-webhooks', {
      url: `${hookUrl}/a`,
      description: 'CRM',
      events: ['survey.response.completed'],
    });
    expect(c.statusCode, c.body).toBe(201);
    const hook = c.json();
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook.events).toEqual(['survey.response.completed']);
    const list = await get(owner, '/api/survey-webhooks');
    expect(JSON.stringify(list.json())).not.toContain('whsec_');

    // edit: URL validated, unknown event refused, survey filter
    const base = `/api/survey-webhooks/${hook.id}`;
    expect((await patch(owner, base, { url: 'file:///etc/passwd' })).statusCode).toBe(400);
    expect((await patch(owner, base, { events: ['everything'] })).statusCode).toBe(400);
    const e = await patch(owner, base, { url: `${hookUrl}/b`, surveyId, active: false });
    expect(e.statusCode, e.body).toBe(200);
    expect(e.json()).toMatchObject({ url: `${hookUrl}/b`, surveyId, active: false });
    expect(e.json().secret).toBeUndefined();

    // test event: signed with the secret, recorded as a delivery
    received.length = 0;
    const tst = await post(owner, `${base}/test`);
    expect(tst.statusCode, tst.body).toBe(200);
    expect(tst.json()).toMatchObject({ ok: true, status: 200 });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body ?? '{}').type).toBe('webhook.test');
    expect(verify(hook.secret, received[0]?.headers ?? {}, received[0]?.body ?? '')).toBe(true);

    // rotate: the new secret signs, the old one no longer does
    const rot = await post(owner, `${base}/rotate-secret`);
    expect(rot.statusCode).toBe(200);
    const secret2 = rot.json().secret as string;
    expect(secret2).toMatch(/^whsec_/);
    expect(secret2).not.toBe(hook.secret);
    received.length = 0;
    await post(owner, `${base}/test`);
    expect(verify(secret2, received[0]?.headers ?? {}, received[0]?.body ?? '')).toBe(true);
    expect(verify(hook.secret, received[0]?.headers ?? {}, received[0]?.body ?? '')).toBe(false);

    // a failing endpoint: the test reports it and the delivery shows the status
    await patch(owner, base, { url: `${hookUrl}/fail` });
    const f = await post(owner, `${base}/test`);
    expect(f.json()).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    const d = await get(owner, `${base}/deliveries`);
    expect(d.json().items).toHaveLength(3);
    expect(d.json().items[0]).toMatchObject({
      event: 'webhook.test',
      status: 'failed',
      attempts: 1,
      lastStatus: 500,
      responseId: null,
    });
    expect(d.json().items[1]).toMatchObject({ status: 'delivered', lastStatus: 200 });

    // an inactive webhook gets no response deliveries
    const before = received.length;
    await post(agent, `/api/surveys/${surveyId}/entries`, {
      id: randomUUID(),
      channel: 'phone',
      answers: { csat: 3 },
    });
    while (await runOne(t.db)) {}
    expect(received.length).toBe(before);

    // tenant isolation and roles on every new route
    for (const [m, u] of [
      ['GET', base],
      ['PATCH', base],
      ['POST', `${base}/test`],
      ['POST', `${base}/rotate-secret`],
      ['DELETE', base],
    ] as const) {
      const body = m === 'PATCH' ? { active: true } : m === 'POST' ? {} : undefined;
      const rb = await t.app.inject({
        method: m,
        url: u,
        headers: ownerB.headers,
        ...(body ? { payload: body } : {}),
      });
      expect(rb.statusCode, `${m} ${u}`).toBe(404);
      const ra = await t.app.inject({
        method: m,
        url: u,
        headers: analyst.headers,
        ...(body ? { payload: body } : {}),
      });
      expect(ra.statusCode, `${m} ${u}`).toBe(403);
    }
    expect((await get(owner, base)).json().url).toBe(`${hookUrl}/fail`);

    const del = await t.app.inject({ method: 'DELETE', url: base, headers: owner.headers });
    expect(del.statusCode).toBe(204);
    expect((await get(owner, base)).statusCode).toBe(404);
  });
});
