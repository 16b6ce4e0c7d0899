// Scaling out, step one: two server instances (two apps, each with its own connection pool and
// job worker) on one PostgreSQL database. A session made on one works on the other, rate limits
// are shared, every job runs exactly once, and survey submissions posted alternately to both lose
// and duplicate nothing. PostgreSQL only: PGlite is one process's embedded database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../src/db/client';
import { postgresDb } from '../src/db/postgres';
import { enqueue, registerJob } from '../src/jobs/queue';
import { startWorker } from '../src/jobs/worker';
import { ensureSurveyFromTemplate } from '../src/modules/surveys/service';
import {
  createOrg,
  createTestApp,
  createTestDb,
  login,
  type TestDb,
  type TestOrg,
  testEngine,
} from './harness';

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];

describe.skipIf(testEngine() !== 'postgres')('two server instances on one PostgreSQL', () => {
  let dbA: TestDb;
  let dbB: Db;
  let a: TestApp;
  let b: TestApp;
  let org: TestOrg;
  const slug = `two-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    dbA = await createTestDb();
    dbB = postgresDb(dbA.url as string, 4);
    const config = { rateLimitAuth: 6, rateLimitAccount: 3 };
    a = (await createTestApp({ db: dbA, config })).app;
    b = (await createTestApp({ db: dbB, config })).app;
    org = await createOrg(dbA, 'Dos');
    await ensureSurveyFromTemplate(dbA, org.orgId, 'nps_relational', 'NPS', { slug });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dbB?.close();
    await dbA?.close();
  });

  it('accepts on one instance a session made on the other (cookie and CSRF token)', async () => {
    const s = await login(a, org.users.admin);
    const me = await b.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: s.cookie },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(org.users.admin.email);
    const patch = await b.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: s.headers,
      payload: { name: 'Renamed on B' },
    });
    expect(patch.statusCode).toBe(200);
    const out = await b.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const after = await a.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: s.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('shares rate limits: per address and per account, whichever instance is asked', async () => {
    const attempt = (app: TestApp, email: string, remoteAddress: string) =>
      app
        .inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: 'guess' },
          remoteAddress,
        })
        .then((r) => r.statusCode);
    const perAddress: number[] = [];
    for (let i = 0; i < 8; i++) {
      perAddress.push(await attempt(i % 2 ? a : b, `who-${i}@example.test`, '192.0.2.50'));
    }
    expect(perAddress).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const perAccount: number[] = [];
    for (let i = 0; i < 5; i++) {
      perAccount.push(await attempt(i % 2 ? a : b, 'ghost@example.test', `192.0.2.${60 + i}`));
    }
    expect(perAccount).toEqual([401, 401, 401, 429, 429]);
  });

  it('runs every job exactly once with a worker on each instance', async () => {
    const runs: number[] = [];
    registerJob('test.two-instances', async (payload) => {
      runs.push((payload as { n: number }).n);
      await new Promise((r) => setImmediate(r));
    });
    const N = 150;
    for (let n = 0; n < N; n++) {
      await enqueue(dbA, { orgId: org.orgId, kind: 'test.two-instances', payload: { n } });
    }
    const workers = [startWorker(dbA, undefined, 5), startWorker(dbB, undefined, 5)];
    try {
      await vi.waitFor(
        async () => {
          const r = await dbA.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.two-instances' AND status = 'done'`,
          );
          expect(r.rows[0]?.n).toBe(N);
        },
        { timeout: 120_000, interval: 100 },
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(runs.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: N }, (_, i) => i));
    const attempts = await dbA.query<{ attempts: number }>(
      `SELECT DISTINCT attempts FROM jobs WHERE kind = 'test.two-instances'`,
    );
    expect(attempts.rows).toEqual([{ attempts: 1 }]);
  });

  it('loses and duplicates no survey submission posted alternately to both', async () => {
    const url = `/api/public/surveys/${slug}/responses`;
    const bodies = Array.from({ length: 240 }, (_, i) => ({
      id: randomUUID(),
      status: 'complete',
      answers: { nps: i % 11 },
    }));
    const post = (app: TestApp, payload: (typeof bodies)[number]) =>
      app.inject({ method: 'POST', url, payload }).then((r) => ({
        code: r.statusCode,
        replay: r.statusCode === 200 && (r.json() as { replay?: boolean }).replay === true,
      }));
    const created: string[] = [];
    for (let i = 0; i < bodies.length; i += 24) {
      const group = bodies.slice(i, i + 24);
      const r = await Promise.all(group.map((body, k) => post(k % 2 ? a : b, body)));
      r.forEach((x, k) => {
        expect(x.code).toBe(201);
        created.push((group[k] as { id: string }).id);
      });
    }
    // Every tenth submission sent again, to the other instance and concurrently: a replay.
    const again = bodies.filter((_, i) => i % 10 === 0);
    const replays = await Promise.all(again.map((body, k) => post(k % 2 ? b : a, body)));
    expect(replays.every((x) => x.code === 200 && x.replay)).toBe(true);

    const count = async (sql: string) =>
      (await dbA.query<{ n: number }>(sql, [org.orgId, created])).rows[0]?.n;
    // every acknowledged id stored, and nothing else in the org: none lost, none duplicated
    expect(
      await count(
        'SELECT count(*)::int AS n FROM survey_responses WHERE org_id = $1 AND id = ANY($2::uuid[])',
      ),
    ).toBe(bodies.length);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM survey_responses WHERE org_id = $1 AND cardinality($2::uuid[]) > 0',
      ),
    ).toBe(bodies.length);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM survey_answers
          WHERE org_id = $1 AND response_id = ANY($2::uuid[]) AND question_key = 'nps'`,
      ),
    ).toBe(bodies.length);
  });
});
