// Weekly digest (issue 11): opt-in per user, one durable job per org for the next Monday 07:00
// UTC, the mail in each user's language over a real SMTP listener with the overview's figures
// (NPS worked out by hand), text + HTML, links on PUBLIC_URL only, no second mail on a retry,
// the next week queued once. PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp';
import { runOne } from '../../jobs/worker';
import { smtpMailer } from '../../mail/mailer';
import { nextSendWeek } from './digest';

let sink: SmtpSink;
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let analyst: Session;
let viewer: Session;

const decode = (m: string) =>
  Buffer.from(
    m
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
const req = (s: Session, method: 'GET' | 'PATCH', payload?: unknown) =>
  t.app.inject({
    method,
    url: '/api/analytics/digest',
    headers: s.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const queued = async () =>
  (
    await t.db.query<{ id: string; week: string; run_at: Date }>(
      `SELECT id, payload->>'week' AS week, run_at FROM jobs
        WHERE org_id = $1 AND kind = 'analytics.digest' AND status = 'queued' ORDER BY run_at`,
      [org.orgId],
    )
  ).rows;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({
    mailer: smtpMailer(sink.url, 'Fidelia <avisos@fidelia.test>'),
    config: { publicUrl: 'https://cx.example.test/' },
  });
  org = await createOrg(t.db, 'Resumen');
  owner = await login(t.app, org.users.owner);
  analyst = await login(t.app, org.users.analyst);
  viewer = await login(t.app, org.users.viewer);
  await t.db.query(`UPDATE users SET locale = 'en' WHERE org_id = $1 AND id = $2`, [
    org.orgId,
    org.users.analyst.id,
  ]);
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: 'NPS', template: 'nps_relational' },
  });
  const id = c.json().id as string;
  await t.app.inject({ method: 'POST', url: `/api/surveys/${id}/publish`, headers: owner.headers });
  // week of Monday 2 March 2026: 10, 9, 8, 3, 10 -> (3 - 1) / 5 = 40; week before: 10, 2 -> 0
  const scores: [string, number][] = [
    ['2026-03-02', 10],
    ['2026-03-03', 9],
    ['2026-03-05', 8],
    ['2026-03-07', 3],
    ['2026-03-08', 10],
    ['2026-02-24', 10],
    ['2026-03-01', 2],
  ];
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/entries/batch`,
    headers: owner.headers,
    payload: {
      items: scores.map(([d, s]) => ({
        id: randomUUID(),
        channel: 'phone',
        respondedAt: `${d}T12:00:00Z`,
        answers: { nps: s },
      })),
    },
  });
  expect(r.json().rejected, r.body).toBe(0);
}, 60_000);
afterAll(async () => {
  await t.app.close();
  await t.db.close();
  await sink.close();
});

describe('weekly digest', () => {
  it('is off until the user switches it on; one job for the org, next Monday 07:00 UTC', async () => {
    expect((await req(owner, 'GET')).json()).toEqual({ enabled: false });
    expect((await req(owner, 'PATCH', { enabled: true })).json()).toEqual({ enabled: true });
    expect((await req(analyst, 'PATCH', { enabled: true })).statusCode).toBe(200);
    expect((await req(owner, 'GET')).json()).toEqual({ enabled: true });
    expect((await req(viewer, 'GET')).json()).toEqual({ enabled: false });
    const q = await queued();
    expect(q).toHaveLength(1);
    const at = new Date(q[0]?.run_at as Date);
    expect(at.getUTCDay()).toBe(1);
    expect(at.getUTCHours()).toBe(7);
    expect(at.getTime()).toBeGreaterThan(Date.now());
    expect(q[0]?.week).toBe(at.toISOString().slice(0, 10));
  });

  it('refuses a bad body with a 400', async () => {
    expect((await req(owner, 'PATCH', { enabled: 'yes' })).statusCode).toBe(400);
    expect((await req(owner, 'PATCH', {})).statusCode).toBe(400);
  });

  it('mails each opted-in user the week in their language, links on PUBLIC_URL', async () => {
    const [job] = await queued();
    // the job of Monday 9 March 2026, due now
    await t.db.query(
      `UPDATE jobs SET payload = '{"week":"2026-03-09"}'::jsonb, run_at = now() WHERE id = $1`,
      [job?.id],
    );
    expect(await runOne(t.db)).toBe(true);
    expect(sink.inbox.map((m) => m.to).sort()).toEqual(
      [org.users.owner.email, org.users.analyst.email].sort(),
    );
    const es = decode(sink.inbox.find((m) => m.to === org.users.owner.email)?.data ?? '');
    const en = decode(sink.inbox.find((m) => m.to === org.users.analyst.email)?.data ?? '');
    expect(es).toMatch(/Subject: .*resumen semanal/);
    expect(es).toContain('NPS: 40,0 (semana anterior: 0,0)');
    expect(es).toContain('Respuestas recibidas: 5');
    expect(en).toContain('NPS: 40.0 (week before: 0.0)');
    expect(en).toContain('Responses received: 5');
    for (const m of [es, en]) {
      expect(m).toContain('text/html');
      expect(m).toContain(
        'https://cx.example.test/analytics/overview?from=2026-03-02&to=2026-03-08',
      );
      expect(m).toContain('Auto-Submitted: auto-generated');
    }
    // the next Monday is queued, once: 16 March is long past, so the coming Monday
    expect((await queued()).map((x) => x.week)).toEqual([nextSendWeek(new Date())]);
  });

  it('a retry of the same week mails nobody twice and queues nothing more', async () => {
    await t.db.query(
      `INSERT INTO jobs (org_id, kind, payload) VALUES ($1, 'analytics.digest', '{"week":"2026-03-09"}')`,
      [org.orgId],
    );
    expect(await runOne(t.db)).toBe(true);
    expect(sink.inbox).toHaveLength(2);
    expect((await queued()).map((x) => x.week)).toEqual([nextSendWeek(new Date())]);
  });

  it('switched off: no mail next week', async () => {
    await req(analyst, 'PATCH', { enabled: false });
    const [job] = await queued();
    await t.db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [job?.id]);
    expect(await runOne(t.db)).toBe(true);
    expect(sink.inbox.slice(2).map((m) => m.to)).toEqual([org.users.owner.email]);
  });
});

describe('nextSendWeek', () => {
  it('is this Monday before 07:00 UTC, else the next one', () => {
    expect(nextSendWeek(new Date('2026-03-09T06:59:00Z'))).toBe('2026-03-09');
    expect(nextSendWeek(new Date('2026-03-09T07:00:00Z'))).toBe('2026-03-16');
    expect(nextSendWeek(new Date('2026-03-15T23:00:00Z'))).toBe('2026-03-16');
    expect(nextSendWeek(new Date('2026-03-11T10:00:00Z'))).toBe('2026-03-16');
  });
});
