// Issue 13, defect 1: a client that forges X-Forwarded-For gets no new budget (login, public
// survey, public complaint); behind a configured proxy (TRUST_PROXY) the forwarded client address
// is the one limited; login and reset are also limited per account, from any address, with the
// same answer for unknown accounts. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createTestDb,
  type TestDb,
  type TestOrg,
} from '../../test/harness';
import type { TConfig } from '../config';
import { ensureSurveyFromTemplate } from '../modules/surveys/service';

let db: TestDb;
let org: TestOrg;
let orgSlug: string;
const surveySlug = `rl-${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  db = await createTestDb();
  org = await createOrg(db, 'Límites');
  orgSlug = (await db.query<{ slug: string }>('SELECT slug FROM orgs WHERE id = $1', [org.orgId]))
    .rows[0]?.slug as string;
  await ensureSurveyFromTemplate(db, org.orgId, 'nps_relational', 'NPS', { slug: surveySlug });
});
afterAll(async () => {
  await db.close();
});

let n = 0;
/** A new forged address on every call. */
const forged = () => ({ 'x-forwarded-for': `198.51.100.${++n % 250}` });

const routes = {
  login: () => ({
    method: 'POST' as const,
    url: '/api/auth/login',
    payload: { email: `nobody-${randomUUID()}@example.test`, password: 'wrong-password' },
  }),
  survey: () => ({
    method: 'POST' as const,
    url: `/api/public/surveys/${surveySlug}/responses`,
    payload: { id: randomUUID(), status: 'complete', answers: { nps: 9 } },
  }),
  complaint: () => ({
    method: 'POST' as const,
    url: `/api/public/complaints/${orgSlug}`,
    payload: {
      name: 'Ana',
      email: 'ana@example.test',
      language: 'es',
      subject: 'Cobro',
      description: 'Me han cobrado dos veces',
      consent: true,
    },
  }),
};

// Each test gets its own client address (remoteAddress), as counters are shared in the database.
let peer = 0;
async function codes(
  config: Partial<TConfig>,
  route: keyof typeof routes,
  count: number,
  headers: () => Record<string, string>,
  remoteAddress = `192.0.2.${++peer}`,
) {
  const t = await createTestApp({ db, config });
  try {
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const r = await t.app.inject({ ...routes[route](), headers: headers(), remoteAddress });
      out.push(r.statusCode);
    }
    return out;
  } finally {
    await t.app.close();
  }
}
const limited = { rateLimitAuth: 3, rateLimitSurvey: 3, rateLimitComplaint: 3 };

describe('a client forging X-Forwarded-For (no TRUST_PROXY)', () => {
  for (const route of ['login', 'survey', 'complaint'] as const) {
    it(`gets 429 after the limit on ${route}`, async () => {
      const c = await codes(limited, route, 5, forged);
      expect(c.slice(0, 3).every((x) => x !== 429)).toBe(true);
      expect(c.slice(3)).toEqual([429, 429]);
    });
  }
});

describe('behind a configured proxy', () => {
  it('limits the forwarded client address (hop count), each client on its own', async () => {
    const config = { ...limited, trustProxy: 1 };
    const proxy = '10.9.9.9';
    const a = await codes(config, 'survey', 4, () => ({ 'x-forwarded-for': '203.0.113.5' }), proxy);
    expect(a).toEqual([201, 201, 201, 429]);
    // another client through the same proxy has its own budget
    const b = await codes(config, 'survey', 1, () => ({ 'x-forwarded-for': '203.0.113.6' }), proxy);
    expect(b).toEqual([201]);
    // with one trusted hop, what the client itself prepends is ignored
    const c = await codes(
      config,
      'survey',
      1,
      () => ({ 'x-forwarded-for': `198.51.100.1, 203.0.113.5` }),
      proxy,
    );
    expect(c).toEqual([429]);
  });

  it('trusts only the listed proxy addresses (CIDR list)', async () => {
    const config = { ...limited, trustProxy: ['10.8.0.0/16', '127.0.0.1'] };
    const viaProxy = await codes(
      config,
      'complaint',
      4,
      () => ({ 'x-forwarded-for': '203.0.113.7' }),
      '10.8.1.2',
    );
    expect(viaProxy).toEqual([201, 201, 201, 429]);
    // the same forwarded address from a host that is not a listed proxy is not believed
    const direct = await codes(config, 'complaint', 4, forged, '192.0.2.200');
    expect(direct.slice(3)).toEqual([429]);
  });
});

describe('login and reset per account, from any address', () => {
  const config = { rateLimitAccount: 3, trustProxy: 1 };

  it('limits login attempts on one account whatever the address, even with the right password', async () => {
    const t = await createTestApp({ db, config });
    try {
      const { email, password } = org.users.agent;
      const out: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: i % 2 ? email.toUpperCase() : email, password: 'guess' },
          headers: forged(),
        });
        out.push(r.statusCode);
      }
      expect(out).toEqual([401, 401, 401, 429, 429]);
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        headers: { ...forged(), 'accept-language': 'en' },
      });
      expect(right.statusCode).toBe(429);
      expect(right.json().error.code).toBe('RATE_LIMITED');
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
      // another account is not affected
      const other = await login(t, org.users.viewer);
      expect(other).toBe(200);
    } finally {
      await t.app.close();
    }
  });

  it('answers an unknown account exactly like a known one', async () => {
    const t = await createTestApp({ db, config });
    try {
      const out: number[] = [];
      for (let i = 0; i < 5; i++) {
        out.push(await login(t, { email: 'ghost@example.test', password: 'guess' }));
      }
      expect(out).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.app.close();
    }
  });

  it('limits password-reset requests per e-mail, known or not', async () => {
    const t = await createTestApp({ db, config });
    try {
      for (const email of [org.users.analyst.email, 'ghost-reset@example.test']) {
        const out: number[] = [];
        for (let i = 0; i < 4; i++) {
          const r = await t.app.inject({
            method: 'POST',
            url: '/api/auth/password-reset',
            payload: { email },
            headers: forged(),
          });
          out.push(r.statusCode);
        }
        expect(out).toEqual([202, 202, 202, 429]);
      }
    } finally {
      await t.app.close();
    }
  });
});

async function login(
  t: Awaited<ReturnType<typeof createTestApp>>,
  u: { email: string; password: string },
) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: u.email, password: u.password },
    headers: forged(),
  });
  return r.statusCode;
}
