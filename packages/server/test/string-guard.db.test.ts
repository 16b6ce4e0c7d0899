// Issue 13 defect 4: a NUL byte or malformed Unicode in any string the server reads is refused
// with 400 TEXT_INVALID by the one guard in app.ts — never a 500 from the database, never a
// silent 202. Generated over the live route table: every path parameter, every string field of
// a minimal body, a query value and the raw bytes of a JSON body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../src/app';
import { ROLES } from '../src/lib/access';
import { createOrg, createTestApp, login, type Session, type TestOrg } from './harness';
import { sampleBody } from './sample';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
const sessions = {} as Record<string, Session>;
const NUL = 'a\u0000b';

const SKIP = new Set(['POST /api/auth/logout']);
const routes = () => t.app.apiRoutes.filter((r) => !SKIP.has(`${r.method} ${r.url}`));

/** A session allowed on the route (null for public routes: they are tried anonymously). */
function caller(r: ApiRoute): Session | null {
  if (r.access === 'public') return null;
  const role =
    r.access === 'authenticated' || r.access === 'self' ? 'owner' : (r.access[0] as string);
  return sessions[role] as Session;
}

/** Every string leaf replaced by one carrying a NUL; counts how many it replaced. */
function poison(v: unknown, n = { count: 0 }): unknown {
  if (typeof v === 'string') {
    n.count++;
    return NUL;
  }
  if (Array.isArray(v)) return v.map((x) => poison(x, n));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, n)]));
  return v;
}

const fill = (url: string, id: string) => url.replace(/:[A-Za-z_]+/g, id).replace(/\*$/, '');

function send(r: ApiRoute, url: string, payload?: unknown, raw?: Buffer) {
  const s = caller(r);
  const body = raw ?? (payload === undefined || r.method === 'GET' ? undefined : payload);
  return t.app.inject({
    method: r.method as 'GET',
    url,
    headers: {
      ...(s ? s.headers : {}),
      'accept-language': 'en',
      ...(raw ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

function expectRefused(res: Awaited<ReturnType<typeof send>>, where: string) {
  expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBe(400);
  const err = (res.json() as { error: { code: string; message: string } }).error;
  expect(err.code, where).toBe('TEXT_INVALID');
  expect(err.message, where).toMatch(/character/i);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Strings');
  for (const role of ROLES) sessions[role] = await login(t.app, org.users[role]);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('string guard', () => {
  it('refuses a NUL in every path parameter', async () => {
    let tried = 0;
    for (const r of routes().filter((x) => x.url.includes(':'))) {
      tried++;
      expectRefused(
        await send(r, fill(r.url, 'a%00b'), sampleBody(r.body)),
        `${r.method} ${r.url}`,
      );
    }
    expect(tried).toBeGreaterThan(10);
  });

  it('refuses a NUL in every string field of a minimal body', async () => {
    let tried = 0;
    for (const r of routes()) {
      if (r.method === 'GET') continue;
      const n = { count: 0 };
      const body = poison(sampleBody(r.body), n);
      if (!n.count) continue;
      tried++;
      // Path params get a harmless id so the body is what is refused.
      const url = fill(r.url, '00000000-0000-4000-8000-000000000000');
      expectRefused(await send(r, url, body), `${r.method} ${r.url}`);
    }
    expect(tried).toBeGreaterThan(10);
  });

  it('refuses a NUL in a query value on every route', async () => {
    for (const r of routes()) {
      const url = `${fill(r.url, '00000000-0000-4000-8000-000000000000')}?q=a%00b`;
      expectRefused(await send(r, url, sampleBody(r.body)), `${r.method} ${url}`);
    }
  });

  it('refuses invalid UTF-8 and lone surrogates in a JSON body', async () => {
    const r = routes().find((x) => x.method === 'POST' && x.url === '/api/auth/login') as ApiRoute;
    const bad = Buffer.concat([
      Buffer.from('{"email":"a'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('@x.test","password":"p"}'),
    ]);
    expectRefused(await send(r, r.url, undefined, bad), 'invalid UTF-8');
    const lone = Buffer.from('{"email":"a\\ud800@x.test","password":"p"}');
    expectRefused(await send(r, r.url, undefined, lone), 'lone surrogate');
  });

  it('refuses invalid UTF-8 in the URL', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/public/complaints/a%FFb',
      headers: { 'accept-language': 'en' },
    });
    expectRefused(res, 'url %FF');
  });

  it('refuses a NUL in a multipart file name and field', async () => {
    const s = sessions.owner as Session;
    for (const [url, name, extra] of [
      ['/api/customer-imports', `c${NUL}.csv`, ''],
      [
        '/api/retention/imports',
        'tx.csv',
        `--B\r\nContent-Disposition: form-data; name="note"\r\n\r\n${NUL}\r\n`,
      ],
    ] as const) {
      const payload =
        `${extra}--B\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: text/csv\r\n\r\nemail\r\na@x.test\r\n--B--\r\n';
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          ...s.headers,
          'accept-language': 'en',
          'content-type': 'multipart/form-data; boundary=B',
        },
        payload,
      });
      expectRefused(res, url);
    }
  });

  it('answers the password-reset request with the same 400, not a silent 202', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: { 'accept-language': 'en' },
      payload: { email: `x${NUL}@example.test` },
    });
    expectRefused(res, 'password-reset');
  });

  it('answers in Spanish by default', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: NUL, password: NUL },
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/carácter/i);
  });

  it('lets ordinary unicode through (control)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'zoë-😀@example.test', password: 'ñandú' },
    });
    expect(res.statusCode).toBe(401);
  });
});
