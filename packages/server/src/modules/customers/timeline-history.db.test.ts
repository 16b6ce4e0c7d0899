// The customer timeline tells a case's story and the retention actions: each state change and
// assignment of the customer's complaints is its own entry (with from/to states and the
// assignee's name, never an id), as are loyalty points and win-back actions; paging through them
// one entry at a time gives the same list. Runs on PGlite and PostgreSQL.
import type { TTimelineItem, TTimelinePage } from '@fidelia/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { ensureSurveyFromTemplate } from '../surveys/service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let agent: Session;
let customerId = '';
let complaintId = '';

const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
async function ok(p: ReturnType<typeof call>, status = 200) {
  const r = await p;
  expect(r.statusCode, r.body.slice(0, 400)).toBe(status);
  return r.json();
}
const page = async (q = '') =>
  (await ok(call(agent, 'GET', `/api/customers/${customerId}/timeline${q}`))) as TTimelinePage;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Historia');
  // The agent works at the company unit, so the case can be assigned to them.
  await t.db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [
    org.companyUnitId,
    org.users.agent.id,
  ]);
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
  const cu = await ok(
    call(owner, 'POST', '/api/customers', {
      name: 'Luis Gómez',
      email: 'luis@example.test',
      unitId: org.companyUnitId,
    }),
    201,
  );
  customerId = cu.id;
  const c = await ok(
    call(agent, 'POST', '/api/complaints', {
      channel: 'phone',
      subject: 'Cobro duplicado',
      description: 'Me cobraron dos veces',
      unitId: org.companyUnitId,
      customerId,
    }),
    201,
  );
  complaintId = c.id;
  const base = `/api/complaints/${complaintId}`;
  await ok(call(agent, 'POST', `${base}/transition`, { to: 'acknowledged' }));
  await ok(call(owner, 'POST', `${base}/assign`, { userId: org.users.agent.id }));
  await ok(call(agent, 'POST', `${base}/transition`, { to: 'assessed' }));
  await ok(call(agent, 'POST', `${base}/transition`, { to: 'investigating' }));
  await ok(
    call(agent, 'POST', `${base}/transition`, {
      to: 'rejected',
      reason: 'Fuera de plazo',
      recourse: 'Defensor del Cliente',
    }),
  );
  await ok(call(agent, 'POST', `${base}/transition`, { to: 'reopened' }));

  // Retention: points earned and redeemed, and a win-back survey invitation.
  await ok(call(agent, 'POST', '/api/retention/loyalty/members', { customerId }), 201);
  for (const [clientId, kind, points] of [
    ['earn-0001', 'earn', 120],
    ['redeem-0001', 'redeem', 20],
  ] as const)
    await ok(
      call(agent, 'POST', `/api/retention/loyalty/members/${customerId}/points`, {
        clientId,
        kind,
        points,
        reason: kind === 'earn' ? 'Compra en tienda' : 'Canje',
      }),
      201,
    );
  const surveyId = await ensureSurveyFromTemplate(t.db, org.orgId, 'nps_relational', 'Recuperar');
  await ok(
    call(agent, 'POST', '/api/retention/winback', {
      action: 'survey',
      customerIds: [customerId],
      surveyId,
      note: 'Llamar antes',
    }),
    202,
  );
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

it('each state change and assignment of the case is its own entry, oldest to newest as made', async () => {
  const items = (await page('?limit=100')).items;
  const history = items
    .filter((i) => i.type === 'complaint.status')
    .reverse()
    .map((i) => [i.data.from, i.data.to]);
  expect(history.slice(-5)).toEqual([
    ['received', 'acknowledged'],
    ['acknowledged', 'assessed'],
    ['assessed', 'investigating'],
    ['investigating', 'rejected'],
    ['rejected', 'reopened'],
  ]);
  for (const i of items.filter((x) => x.type.startsWith('complaint.')))
    expect(i.link).toEqual({ to: 'complaint', id: complaintId });

  const assigned = items.find(
    (i: TTimelineItem) => i.type === 'complaint.assigned' && i.data.assignee,
  );
  expect(assigned?.data.assignee).toBe(`agent Historia`);
  expect(JSON.stringify(items.filter((i) => i.type.startsWith('complaint.')))).not.toContain(
    org.users.agent.id,
  );
  // The case itself is still one entry (received, with its current state).
  expect(items.filter((i) => i.type === 'complaint')).toHaveLength(1);
  expect(items.find((i) => i.type === 'complaint')?.data.status).toBe('reopened');
});

it('loyalty points and the win-back action are on the timeline', async () => {
  const items = (await page('?limit=100')).items;
  expect(items.find((i) => i.type === 'retention.points_earned')).toMatchObject({
    summary: 'Compra en tienda',
    data: { points: 120, balance: 120 },
  });
  expect(items.find((i) => i.type === 'retention.points_redeemed')).toMatchObject({
    data: { points: 20, balance: 100 },
  });
  expect(items.find((i) => i.type === 'retention.winback_survey')).toMatchObject({
    summary: 'Llamar antes',
    data: { survey: 'Recuperar' },
    link: { to: 'survey' },
  });
});

it('pages one entry at a time to the same list', async () => {
  const all = (await page('?limit=100')).items.map((i) => i.key);
  const keys: string[] = [];
  let before: string | null = null;
  do {
    const p: TTimelinePage = await page(
      `?limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    );
    keys.push(...p.items.map((i) => i.key));
    before = p.nextCursor;
  } while (before);
  expect(keys).toEqual(all);
});
