// The closed loop across modules: a known customer answers an NPS survey as a detractor (staff
// entry) -> the surveys module enqueues survey.followup -> this module opens an 'unexpressed
// dissatisfaction' case in the customer's unit, impartially assigned -> response, root cause,
// closing -> the customer's "how did we handle it" rating shows in the reports.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { runOne } from '../../jobs/worker';
import { createUser } from '../users/service';
import { caller, ok } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Ciclo');
  owner = await login(t.app, org.users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

it('a detractor answer becomes a handled, rated complaint visible in the reports', async () => {
  const u = await t.db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, 'Oficina Centro', 'branch') RETURNING id`,
    [org.orgId, org.companyUnitId],
  );
  const unitId = u.rows[0]?.id as string;
  const { user: ag } = await createUser(
    t.db,
    { orgId: org.orgId, userId: null, email: null },
    {
      email: `ag-${randomUUID().slice(0, 8)}@example.test`,
      name: 'Agente',
      role: 'agent',
      unitId,
      password: 'pw-agent-0123456789',
    },
  );
  const cu = await ok<{ id: string }>(
    call(owner, {
      method: 'POST',
      url: '/api/customers',
      payload: {
        name: 'Rosa Vidal',
        email: 'rosa@example.test',
        language: 'es',
        unitId,
        consentSurvey: true,
      },
    }),
    201,
  );
  const s = await ok<{ id: string }>(
    call(owner, {
      method: 'POST',
      url: '/api/surveys',
      payload: { name: 'NPS', template: 'nps_relational' },
    }),
    201,
  );
  await ok(call(owner, { method: 'POST', url: `/api/surveys/${s.id}/publish` }));
  const entry = await call(owner, {
    method: 'POST',
    url: `/api/surveys/${s.id}/entries`,
    payload: {
      id: randomUUID(),
      channel: 'phone',
      customerId: cu.id,
      orgUnitId: unitId,
      answers: { nps: 2, reason: 'Me cobraron una comisión que no me explicaron.' },
    },
  });
  expect(entry.statusCode, entry.body).toBeLessThan(300);
  while (await runOne(t.db)) {}
  const list = await ok<{
    items: {
      id: string;
      channel: string;
      form: string;
      customerId: string;
      unitId: string;
      assigneeId: string;
      description: string;
    }[];
  }>(call(owner, { method: 'GET', url: '/api/complaints?channel=survey' }));
  expect(list.items).toHaveLength(1);
  const c = list.items[0] as (typeof list.items)[number];
  expect(c).toMatchObject({
    form: 'unexpressed',
    customerId: cu.id,
    unitId,
    assigneeId: ag.id,
    description: 'Me cobraron una comisión que no me explicaron.',
  });
  const causeId = (
    await ok<{ id: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/complaints/categories',
        payload: { tree: 'cause', name: 'Información incompleta' },
      }),
      201,
    )
  ).id;
  for (const to of ['acknowledged', 'assessed']) {
    await ok(
      call(owner, { method: 'POST', url: `/api/complaints/${c.id}/transition`, payload: { to } }),
    );
  }
  await ok(
    call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/response`,
      payload: {
        body: 'Le devolvemos la comisión.',
        remedies: [{ type: 'refund', amountCents: 1500, currency: 'EUR' }],
      },
    }),
  );
  await ok(
    call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/close`,
      payload: { causeId, fiveWhys: ['No se explicó la tarifa'] },
    }),
  );
  const d = await ok<{ customerToken: string }>(
    call(owner, { method: 'GET', url: `/api/complaints/${c.id}` }),
  );
  await ok(
    call(null, {
      method: 'POST',
      url: `/api/public/complaint-links/${d.customerToken}/rating`,
      payload: { rating: 4 },
    }),
  );
  const rep = await ok<{
    byForm: { key: string; count: number }[];
    satisfaction: { n: number; mean: number };
    pareto: { cause: string }[];
  }>(call(owner, { method: 'GET', url: '/api/complaints/reports' }));
  expect(rep.byForm).toEqual([{ key: 'unexpressed', count: 1 }]);
  expect(rep.satisfaction).toMatchObject({ n: 1, mean: 4 });
  expect(rep.pareto.map((p) => p.cause)).toEqual(['Información incompleta']);
  // Defection analysis: the customer is later marked lost; a second complaint stays open.
  await t.db.query(`UPDATE customers SET status = 'lost' WHERE org_id = $1 AND id = $2`, [
    org.orgId,
    cu.id,
  ]);
  const good = await ok<{ defection: unknown }>(
    call(owner, { method: 'GET', url: '/api/complaints/reports' }),
  );
  expect(good.defection).toEqual({ lostWithComplaints: 1, unresolvedOrBadlyHandled: 0, share: 0 });
  await ok(
    call(owner, {
      method: 'POST',
      url: '/api/complaints',
      payload: {
        channel: 'phone',
        subject: 'Otra vez',
        description: 'Sigue igual',
        customerId: cu.id,
        unitId,
      },
    }),
    201,
  );
  const bad = await ok<{ defection: unknown }>(
    call(owner, { method: 'GET', url: '/api/complaints/reports' }),
  );
  expect(bad.defection).toEqual({ lostWithComplaints: 1, unresolvedOrBadlyHandled: 1, share: 1 });
});
