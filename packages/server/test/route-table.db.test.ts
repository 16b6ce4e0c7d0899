// Generated over the live route table (every module's routes, including ones added later):
//  - unauthenticated requests to non-public routes get 401;
//  - every role outside a route's access list gets 403;
//  - org B's owner, hitting every route with org A's ids, never gets a 2xx on an A resource,
//    never sees an A id in any response, and leaves every org_id-carrying row of org A unchanged.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../src/app';
import { seedDemo } from '../src/demo/seed';
import { ROLES } from '../src/lib/access';
import { createOrg, createTestApp, login, type Session, type TestOrg } from './harness';
import { sampleBody } from './sample';

let t: Awaited<ReturnType<typeof createTestApp>>;
let orgA: string;
let orgB: TestOrg;
const sessions = {} as Record<string, Session>;

// Logging out would end the session the loop uses; it is covered by the auth tests.
const SKIP = new Set(['POST /api/auth/logout']);
const routes = () => t.app.apiRoutes.filter((r) => !SKIP.has(`${r.method} ${r.url}`));
const fill = (url: string, id: string) => url.replace(/:[A-Za-z_]+/g, id).replace(/\*$/, '');

async function snapshot(orgId: string): Promise<string> {
  const tables = await t.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE column_name = 'org_id' AND table_schema = 'public' ORDER BY table_name`,
  );
  const out: Record<string, unknown[]> = {};
  for (const { table_name } of tables.rows) {
    const r = await t.db.query(`SELECT * FROM "${table_name}" WHERE org_id = $1`, [orgId]);
    out[table_name] = r.rows.map((x) => JSON.stringify(x)).sort();
  }
  return JSON.stringify(out);
}

async function idsOf(orgId: string): Promise<string[]> {
  const snap = JSON.parse(await snapshot(orgId)) as Record<string, string[]>;
  const ids = new Set<string>();
  for (const rows of Object.values(snap)) {
    // One row per table: a route that forgets the org filter leaks for any of A's ids of the
    // right table, and every route is tried with one id of every table (three per table made
    // this the db tier's longest file, ~4 min on PGlite, for no check the first would miss).
    for (const row of rows.slice(0, 1)) {
      const o = JSON.parse(row) as Record<string, unknown>;
      if (typeof o.id === 'string') ids.add(o.id);
    }
  }
  return [...ids];
}

function call(r: ApiRoute, url: string, s: Session | null) {
  const body = sampleBody(r.body);
  return t.app.inject({
    method: r.method as 'GET',
    url,
    headers: s ? s.headers : {},
    ...(body !== undefined && r.method !== 'GET' ? { payload: body as object } : {}),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  orgA = (await seedDemo(t.db)).orgId;
  orgB = await createOrg(t.db, 'Org B');
  for (const role of ROLES) sessions[role] = await login(t.app, orgB.users[role]);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('route table', () => {
  it('has routes and every one declares access', () => {
    expect(routes().length).toBeGreaterThan(10);
    for (const r of routes()) expect(r.access).toBeDefined();
  });

  it('gives every analytics PDF report the access of its JSON route', () => {
    const access = (url: string) =>
      JSON.stringify(routes().find((r) => r.method === 'GET' && r.url === url)?.access);
    const pairs = [
      [
        '/api/analytics/surveys/:surveyId/servqual.pdf',
        '/api/analytics/surveys/:surveyId/servqual',
      ],
      ['/api/analytics/surveys/:surveyId/nps.pdf', '/api/analytics/surveys/:surveyId/nps'],
      ['/api/analytics/surveys/:surveyId/priorities.pdf', '/api/analytics/surveys/:surveyId/ipa'],
      ['/api/analytics/overview.pdf', '/api/analytics/overview'],
      ['/api/analytics/complaints.pdf', '/api/analytics/complaints'],
    ];
    for (const [pdf, jsonRoute] of pairs) {
      expect(access(pdf as string), pdf).toBeDefined();
      expect(access(pdf as string), pdf).toBe(access(jsonRoute as string));
    }
    // and no PDF route is left out of the list above
    const pdfs = routes().filter(
      (r) => r.url.startsWith('/api/analytics/') && r.url.endsWith('.pdf'),
    );
    expect(pdfs.map((r) => r.url).sort()).toEqual(pairs.map(([p]) => p).sort());
  });

  it('refuses unauthenticated calls to non-public routes (401)', async () => {
    for (const r of routes().filter((x) => x.access !== 'public')) {
      const res = await call(r, fill(r.url, randomUUID()), null);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('refuses roles outside the access list (403)', async () => {
    for (const r of routes()) {
      if (r.access === 'public' || r.access === 'authenticated' || r.access === 'self') continue;
      for (const role of ROLES.filter((x) => !(r.access as readonly string[]).includes(x))) {
        const res = await call(r, fill(r.url, randomUUID()), sessions[role] as Session);
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it("refuses the shopper every staff route ('authenticated' = staff only, 403)", async () => {
    const staffRoutes = routes().filter((r) => r.access === 'authenticated');
    expect(staffRoutes.length).toBeGreaterThan(10);
    for (const r of staffRoutes) {
      const res = await call(r, fill(r.url, randomUUID()), sessions.shopper as Session);
      expect(res.statusCode, `shopper ${r.method} ${r.url}`).toBe(403);
    }
  });

  it('sees own org data as a control (the leak check can fire)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: sessions.owner?.headers,
    });
    expect(res.body).toContain(orgB.users.viewer.id);
  });

  it("isolates tenants: org B's owner cannot read or change org A", async () => {
    const before = await snapshot(orgA);
    const aIds = await idsOf(orgA);
    expect(aIds.length).toBeGreaterThan(5);
    const owner = sessions.owner as Session;
    for (const r of routes()) {
      const targets = r.url.includes(':') ? aIds : [''];
      for (const id of targets) {
        const url = fill(r.url, id);
        const res = await call(r, url, owner);
        const where = `${r.method} ${url}`;
        if (id) expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
        // The session must stay valid, or the remaining checks would prove nothing.
        if (r.access !== 'public') expect(res.statusCode, where).not.toBe(401);
        expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        for (const a of aIds) if (res.body.includes(a)) expect.fail(`${where} leaked ${a}`);
      }
    }
    expect(await snapshot(orgA)).toBe(before);
  });
});
