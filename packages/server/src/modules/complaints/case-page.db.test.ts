// What the staff case page and the customer's follow-up page read: the assignment panel (who
// handles the case, eligible agents with their load, who is left out and why, names), the org's
// staff to pick the people a complaint is about, the localized refusal of an involved assignee,
// a conflict declaration seen through the panel, and the customer's rating in both timelines.
// PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { createUser } from '../users/service';
import { caller, ok } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let viewer: Session;
let call: ReturnType<typeof caller>;
let unitId = '';
const agent: Record<string, { id: string; email: string; password: string }> = {};
const sess: Record<string, Session> = {};

interface TView {
  strategy: string;
  assigneeId: string | null;
  staffInvolved: string[];
  excludedAgents: string[];
  candidates: { id: string; name: string; email: string; load: number }[];
  excluded: { userId: string; reason: string }[];
  people: { id: string; name: string }[];
}

async function mkAgent(key: string) {
  const email = `${key}-${org.orgId.slice(0, 8)}@example.test`;
  const password = `pw-${key}-0123456789`;
  const { user } = await createUser(
    t.db,
    { orgId: org.orgId, userId: null, email: null },
    { email, name: `Agente ${key}`, role: 'agent', unitId, password },
  );
  agent[key] = { id: user.id, email, password };
}
const newCase = (over: Record<string, unknown> = {}) =>
  ok<{ id: string; assigneeId: string | null }>(
    call(owner, {
      method: 'POST',
      url: '/api/complaints',
      payload: {
        channel: 'phone',
        subject: 'Trato en oficina',
        description: 'Texto',
        unitId,
        contactEmail: 'cliente@example.test',
        ...over,
      },
    }),
    201,
  );
const view = (id: string, s: Session = owner) =>
  ok<TView>(call(s, { method: 'GET', url: `/api/complaints/${id}/assignment` }));

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Panel');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  viewer = await login(t.app, org.users.viewer);
  const r = await t.db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, 'Oficina Centro', 'branch')
     RETURNING id`,
    [org.orgId, org.companyUnitId],
  );
  unitId = r.rows[0]?.id as string;
  for (const k of ['a1', 'a2', 'a3']) await mkAgent(k);
  for (const k of ['a1', 'a2', 'a3'])
    sess[k] = await login(t.app, agent[k] as { email: string; password: string });
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('assignment panel', () => {
  it('lists the eligible agents with their load and who is left out and why, with names', async () => {
    const involved = agent.a1?.id as string;
    const c = await newCase({ staffInvolved: [involved] });
    const v = await view(c.id);
    expect(v.strategy).toBe('round_robin');
    expect(v.assigneeId).toBe(c.assigneeId);
    expect(v.staffInvolved).toEqual([involved]);
    expect(v.candidates.map((x) => x.id).sort()).toEqual(
      [agent.a2?.id, agent.a3?.id].map(String).sort(),
    );
    expect(v.excluded).toEqual([{ userId: involved, reason: 'involved' }]);
    // load = open cases assigned, counted independently here
    const loads = await t.db.query<{ id: string; n: number }>(
      `SELECT assignee_id AS id, count(*)::int AS n FROM complaints
        WHERE org_id = $1 AND status NOT IN ('closed', 'rejected') AND assignee_id IS NOT NULL
        GROUP BY 1`,
      [org.orgId],
    );
    const byId = new Map(loads.rows.map((x) => [x.id, x.n]));
    for (const x of v.candidates) expect(x.load).toBe(byId.get(x.id) ?? 0);
    const names = new Map(v.people.map((p) => [p.id, p.name]));
    expect(names.get(involved)).toBe('Agente a1');
    expect(names.get(c.assigneeId as string)).toMatch(/^Agente a[23]$/);
    // viewers read the panel; another org's staff gets 404 (no crossing tenants)
    await view(c.id, viewer);
    const foreign = await login(t.app, other.users.owner);
    const r = await call(foreign, { method: 'GET', url: `/api/complaints/${c.id}/assignment` });
    expect(r.statusCode).toBe(404);
  });

  it('refuses an involved assignee with a localized error the page can show', async () => {
    const c = await newCase({ staffInvolved: [agent.a2?.id] });
    for (const [lang, text] of [
      ['es', 'Esa persona no puede tramitar esta reclamación'],
      ['en', 'That person cannot handle this complaint'],
    ] as const) {
      const r = await call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/assign`,
        payload: { userId: agent.a2?.id },
        headers: { 'accept-language': lang },
      });
      expect(r.statusCode).toBe(409);
      const e = r.json().error;
      expect(e.code).toBe('COMPLAINT_ASSIGNEE_INELIGIBLE');
      expect(e.details.reason).toBe('involved');
      expect(e.message).toContain(text);
    }
    // Reassigning to a chosen eligible agent works and names the person in the panel.
    const target = [agent.a1?.id, agent.a3?.id].find((x) => x !== c.assigneeId) as string;
    const moved = await ok<{ assigneeId: string }>(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/assign`,
        payload: { userId: target },
      }),
    );
    expect(moved.assigneeId).toBe(target);
    expect((await view(c.id)).assigneeId).toBe(target);
  });

  it('shows a declared conflict: the declarer is excluded with reason conflict, case reassigned', async () => {
    const c = await newCase();
    const who = Object.keys(agent).find((k) => agent[k]?.id === c.assigneeId) as string;
    const r = await ok<{ assigneeId: string | null }>(
      call(sess[who] as Session, {
        method: 'POST',
        url: `/api/complaints/${c.id}/conflict`,
        payload: { reason: 'Es mi vecino' },
      }),
    );
    expect(r.assigneeId).not.toBe(c.assigneeId);
    const v = await view(c.id);
    expect(v.assigneeId).toBe(r.assigneeId);
    expect(v.excludedAgents).toEqual([c.assigneeId]);
    expect(v.excluded).toContainEqual({ userId: c.assigneeId, reason: 'conflict' });
    expect(v.candidates.map((x) => x.id)).not.toContain(c.assigneeId);
    const detail = await ok<{ events: { kind: string; body: string | null }[] }>(
      call(owner, { method: 'GET', url: `/api/complaints/${c.id}` }),
    );
    expect(detail.events.find((e) => e.kind === 'conflict')?.body).toBe('Es mi vecino');
  });
});

describe('staff list for "staff involved"', () => {
  it('lists the active staff of the caller org only; viewers may not edit and get 403', async () => {
    const list = await ok<{ id: string; name: string; role: string }[]>(
      call(sess.a1 as Session, { method: 'GET', url: '/api/complaints/staff' }),
    );
    const ids = new Set(list.map((x) => x.id));
    for (const k of ['a1', 'a2', 'a3']) expect(ids.has(agent[k]?.id as string)).toBe(true);
    for (const u of Object.values(other.users)) expect(ids.has(u.id)).toBe(false);
    const users = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND active',
      [org.orgId],
    );
    expect(list.length).toBe(users.rows[0]?.n);
    const r = await call(viewer, { method: 'GET', url: '/api/complaints/staff' });
    expect(r.statusCode).toBe(403);
  });
});

describe('the customer rating in both timelines', () => {
  it('shows the rating (and its comment) to staff and, through the link, to the customer', async () => {
    const c = await newCase();
    const cause = await ok<{ id: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/complaints/categories',
        payload: { tree: 'cause', name: 'Falta de formación' },
      }),
      201,
    );
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/notes`,
        payload: { body: 'nota interna secreta', visibility: 'internal' },
      }),
      201,
    );
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/transition`,
        payload: { to: 'assessed' },
      }),
    );
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/response`,
        payload: { body: 'Le pedimos disculpas.', remedies: [{ type: 'apology' }] },
      }),
    );
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/close`,
        payload: { causeId: cause.id },
      }),
    );
    const { customerToken } = await ok<{ customerToken: string }>(
      call(owner, { method: 'GET', url: `/api/complaints/${c.id}` }),
    );
    const link = `/api/public/complaint-links/${customerToken}`;
    await ok(
      call(null, {
        method: 'POST',
        url: `${link}/rating`,
        payload: { rating: 4, comment: 'Rápido <b>y</b> claro' },
      }),
    );

    const pub = await ok<{
      rating: number;
      ratingComment: string;
      timeline: { kind: string; rating: number | null; body: string | null; from: string }[];
    }>(call(null, { method: 'GET', url: link }));
    expect(pub.rating).toBe(4);
    expect(pub.ratingComment).toBe('Rápido <b>y</b> claro');
    const rated = pub.timeline.filter((e) => e.kind === 'rated');
    expect(rated).toEqual([
      expect.objectContaining({ rating: 4, body: 'Rápido <b>y</b> claro', from: 'customer' }),
    ]);
    expect(pub.timeline.at(-1)?.kind).toBe('rated');
    for (const e of pub.timeline) {
      if (e.kind !== 'rated') expect(e.rating).toBeNull();
      expect(e.kind).not.toBe('note');
      expect(e.body ?? '').not.toContain('secreta');
    }

    const staffView = await ok<{
      rating: number;
      ratingComment: string;
      events: { kind: string; data: { rating?: number }; body: string | null }[];
    }>(call(viewer, { method: 'GET', url: `/api/complaints/${c.id}` }));
    expect(staffView.rating).toBe(4);
    expect(staffView.ratingComment).toBe('Rápido <b>y</b> claro');
    const ev = staffView.events.find((e) => e.kind === 'rated');
    expect(ev?.data.rating).toBe(4);
    expect(ev?.body).toBe('Rápido <b>y</b> claro');
  });
});
