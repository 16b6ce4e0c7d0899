// E-mail invitations to 500 customers as a durable job over a real SMTP peer: per-customer
// language, consent, unsubscribe, contact fatigue, reminders, single-use tokens.
import { afterAll, beforeAll, expect, it } from 'vitest';
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
let inbox: SmtpSink['inbox'];
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let analyst: Session;

beforeAll(async () => {
  smtp = await startSmtpSink();
  inbox = smtp.inbox;
  const db = await createTestDb();
  t = await createTestApp({ db, mailer: smtpMailer(smtp.url, 'encuestas@fidelia.local') });
  org = await createOrg(db, 'Invitaciones');
  analyst = await login(t.app, org.users.analyst);
}, 60_000);
afterAll(async () => {
  await t.app.close();
  await t.db.close();
  await smtp.close();
});

async function drain() {
  while (await runOne(t.db)) {}
}
/** Decodes the quoted-printable message text. */
const bodyOf = (m: string) =>
  Buffer.from(
    m
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

it('sends the SERVQUAL survey to 500 imported customers, honouring consent, language, unsubscribe and fatigue', async () => {
  // 500 customers: every 10th without survey consent, every 25th without e-mail, 1 in 3 English.
  await t.db.query(
    `INSERT INTO customers (org_id, name, email, language, consent_survey, consent_email)
     SELECT $1, 'Cliente ' || g, CASE WHEN g % 25 = 0 THEN NULL ELSE 'cliente' || g || '@example.test' END,
            CASE WHEN g % 3 = 0 THEN 'en' ELSE 'es' END, g % 10 <> 0, true
       FROM generate_series(1, 500) AS g`,
    [org.orgId],
  );
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: analyst.headers,
    payload: { name: 'SERVQUAL 2026', template: 'servqual' },
  });
  const id = c.json().id as string;
  await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: analyst.headers,
  });
  const start = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/invitations`,
    headers: analyst.headers,
    payload: { all: true, reminderAfterDays: 7 },
  });
  expect(start.statusCode, start.body).toBe(202);
  await drain();
  // 500 − 20 without e-mail − 40 more without consent (g % 50 = 0 lack both; e-mail is checked first)
  expect(inbox).toHaveLength(440);
  const stats = await t.app.inject({
    method: 'GET',
    url: `/api/surveys/${id}/invitations`,
    headers: analyst.headers,
  });
  expect(stats.json()).toMatchObject({
    invited: 440,
    sent: 440,
    skipped: { no_email: 20, no_consent: 40 },
  });
  const en = inbox.find((m) => m.to === 'cliente3@example.test');
  const es = inbox.find((m) => m.to === 'cliente1@example.test');
  expect(en?.data).toContain('Subject: Invitaciones');
  expect(bodyOf(en?.data ?? '')).toContain('We would value a few minutes');
  expect(bodyOf(es?.data ?? '')).toContain('Le agradeceríamos unos minutos');
  expect(inbox.some((m) => m.to === 'cliente10@example.test')).toBe(false);

  // The link works once; the unsubscribe link is honoured by later sends and reminders.
  const text = bodyOf(es?.data ?? '');
  const token = /\/s\/t\/([A-Za-z0-9_-]+)/.exec(text)?.[1] as string;
  const unsub = /\/s\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(text)?.[1] as string;
  // the same link in the List-Unsubscribe header (mail clients' own button), folded or not
  expect((es?.data ?? '').replace(/\r?\n\s+/g, ' ')).toContain(`/s/unsubscribe/${unsub}>`);
  expect(es?.data).toMatch(/^List-Unsubscribe:/m);
  const g = await t.app.inject({ method: 'GET', url: `/api/public/surveys/t/${token}` });
  expect(g.statusCode, g.body).toBe(200);
  expect(g.json().definition.pages[0].questions[0].items).toHaveLength(22);
  const u = await t.app.inject({
    method: 'POST',
    url: `/api/public/unsubscribe/${unsub}`,
    payload: {},
  });
  expect(u.json()).toEqual({ unsubscribed: true });
  const us = await t.app.inject({ method: 'GET', url: `/api/public/unsubscribe/${unsub}` });
  expect(us.json().unsubscribed).toBe(true);

  // Reminder (due in 7 days: move it to now): everyone sent, minus the unsubscribed one.
  inbox.length = 0;
  await t.db.query(`UPDATE jobs SET run_at = now() WHERE kind = 'survey.remind'`);
  await drain();
  expect(inbox).toHaveLength(439);
  expect(inbox.some((m) => m.to === 'cliente1@example.test')).toBe(false);
  expect(inbox[0]?.data).toMatch(/Subject: (Recordatorio|Reminder)/);
  // A reminder carries the same personal link (HMAC-derived token, still only hashed in the DB).
  const again = inbox.find((m) => m.to === 'cliente2@example.test');
  const t2 = /\/s\/t\/([A-Za-z0-9_-]+)/.exec(bodyOf(again?.data ?? ''))?.[1] as string;
  expect(
    (await t.app.inject({ method: 'GET', url: `/api/public/surveys/t/${t2}` })).statusCode,
  ).toBe(200);

  // Contact fatigue: a second survey within the org's window reaches nobody already contacted.
  inbox.length = 0;
  const c2 = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: analyst.headers,
    payload: { name: 'NPS', template: 'nps_relational' },
  });
  const id2 = c2.json().id as string;
  await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id2}/publish`,
    headers: analyst.headers,
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id2}/invitations`,
    headers: analyst.headers,
    payload: { all: true },
  });
  await drain();
  expect(inbox).toHaveLength(0);
  const st2 = await t.app.inject({
    method: 'GET',
    url: `/api/surveys/${id2}/invitations`,
    headers: analyst.headers,
  });
  expect(st2.json().skipped).toMatchObject({ fatigue: 439, unsubscribed: 1 });
  // With the rule off (admin setting), they are invited again.
  const owner = await login(t.app, org.users.owner);
  const set = await t.app.inject({
    method: 'PUT',
    url: '/api/survey-settings',
    headers: owner.headers,
    payload: { fatigueDays: 0 },
  });
  expect(set.statusCode).toBe(200);
  await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id2}/invitations`,
    headers: analyst.headers,
    payload: { all: true },
  });
  await drain();
  expect(inbox).toHaveLength(439);
}, 300_000); // 500 customers over real SMTP on PGlite: minutes on a loaded machine
