// Handling over HTTP: impartial assignment (round robin, least loaded, never the staff involved
// nor their manager, conflict declaration), unit scope (403), response with remedy, customer
// decision and rating through the public link, closing with root cause, reopening, and the
// reports checked against figures computed here independently. PGlite and PostgreSQL.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { createUser } from '../users/service';
import type { report } from './reports';
import { createCase, systemActor } from './service';
import { caller, ok } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let call: ReturnType<typeof caller>;
const unit: Record<string, string> = {};
const agent: Record<string, { id: string; email: string; password: string }> = {};
const sess: Record<string, Session> = {};
let _cause: Record<string, string> = {};
let _category = '';

async function mkUnit(key: string, parent: string, kind: string) {
  const r = await t.db.query<{ id: string }>(
    'INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING id',
    [org.orgId, parent, `Oficina ${key}`, kind],
  );
  unit[key] = r.rows[0]?.id as string;
}
async function mkAgent(key: string, unitKey: string) {
  const email = `${key}-${org.orgId.slice(0, 8)}@example.test`;
  const password = `pw-${key}-0123456789`;
  const { user } = await createUser(
    t.db,
    { orgId: org.orgId, userId: null, email: null },
    { email, name: `Agente ${key}`, role: 'agent', unitId: unit[unitKey] ?? null, password },
  );
  agent[key] = { id: user.id, email, password };
}
const staffCase = (over: Record<string, unknown> = {}) =>
  ok<{ id: string; assigneeId: string | null; reference: string }>(
    call(owner, {
      method: 'POST',
      url: '/api/complaints',
      payload: {
        channel: 'counter',
        subject: 'Queja en ventanilla',
        description: 'Texto',
        unitId: unit.norte,
        ...over,
      },
    }),
    201,
  );

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Gestión');
  owner = await login(t.app, org.users.owner);
  await mkUnit('norte', org.companyUnitId, 'branch');
  await mkUnit('sur', org.companyUnitId, 'branch');
  for (const k of ['a1', 'a2', 'a3']) await mkAgent(k, 'norte');
  await mkAgent('b1', 'sur');
  for (const k of ['a1', 'b1'])
    sess[k] = await login(t.app, agent[k] as { email: string; password: string });
  const mk = async (tree: string, name: string) =>
    (
      await ok<{ id: string }>(
        call(owner, { method: 'POST', url: '/api/complaints/categories', payload: { tree, name } }),
        201,
      )
    ).id;
  _category = await mk('category', 'Comisiones');
  _cause = {
    formacion: await mk('cause', 'Falta de formación'),
    sistema: await mk('cause', 'Fallo del sistema'),
  };
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const sortedAgents = () => ['a1', 'a2', 'a3'].map((k) => agent[k]?.id as string).sort();

describe('impartial assignment', () => {
  it('rotates round robin among the agents of the unit', async () => {
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await staffCase()).assigneeId);
    const s = sortedAgents();
    expect(got).toEqual([s[0], s[1], s[2], s[0]]);
  });

  it('never assigns the staff member involved nor their manager; manual assignment to them is refused', async () => {
    await ok(
      call(owner, {
        method: 'PUT',
        url: `/api/complaints/managers/${unit.norte}`,
        payload: { userId: agent.a2?.id },
      }),
    );
    for (let i = 0; i < 3; i++) {
      const c = await staffCase({ staffInvolved: [agent.a1?.id] });
      expect(c.assigneeId).toBe(agent.a3?.id);
    }
    const c = await staffCase({ staffInvolved: [agent.a1?.id] });
    const r = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/assign`,
      payload: { userId: agent.a1?.id },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('involved');
    const m = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/assign`,
      payload: { userId: agent.a2?.id },
    });
    expect(m.json().error.details.reason).toBe('manager');
    // Naming the assignee as involved afterwards moves the case to an impartial agent.
    const other = await staffCase();
    const moved = await ok<{ assigneeId: string }>(
      call(owner, {
        method: 'PATCH',
        url: `/api/complaints/${other.id}`,
        payload: { staffInvolved: [other.assigneeId] },
      }),
    );
    expect(moved.assigneeId).not.toBe(other.assigneeId);
    expect(moved.assigneeId).not.toBeNull();
  });

  it('least loaded picks the agent with fewest open cases', async () => {
    await ok(
      call(owner, {
        method: 'PUT',
        url: '/api/complaints/settings',
        payload: { strategy: 'least_loaded' },
      }),
    );
    const load = await t.db.query<{ assignee_id: string; n: number }>(
      `SELECT assignee_id, count(*)::int AS n FROM complaints WHERE org_id = $1 AND status NOT IN ('closed','rejected') AND assignee_id IS NOT NULL GROUP BY 1`,
      [org.orgId],
    );
    const loads = new Map(load.rows.map((r) => [r.assignee_id, r.n]));
    const min = Math.min(...sortedAgents().map((id) => loads.get(id) ?? 0));
    const c = await staffCase();
    expect(loads.get(c.assigneeId as string) ?? 0).toBe(min);
    await ok(
      call(owner, {
        method: 'PUT',
        url: '/api/complaints/settings',
        payload: { strategy: 'round_robin' },
      }),
    );
  });

  it('a conflict declared by the assignee reassigns and excludes them for good', async () => {
    let c = await staffCase();
    while (c.assigneeId !== agent.a1?.id) c = await staffCase();
    const notMine = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/conflict`,
      payload: { reason: 'x' },
    });
    expect(notMine.statusCode).toBe(403);
    const r = await ok<{ assigneeId: string; excludedAgents: string[] }>(
      call(sess.a1 as Session, {
        method: 'POST',
        url: `/api/complaints/${c.id}/conflict`,
        payload: { reason: 'Es mi cuñado' },
      }),
    );
    expect(r.assigneeId).not.toBe(agent.a1?.id);
    expect(r.excludedAgents).toContain(agent.a1?.id);
    const back = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/assign`,
      payload: { userId: agent.a1?.id },
    });
    expect(back.json().error.details.reason).toBe('conflict');
  });

  it('an agent acting outside their unit gets 403 and lists only their unit', async () => {
    const c = await staffCase();
    const b = sess.b1 as Session;
    for (const [method, url, payload] of [
      ['GET', `/api/complaints/${c.id}`, undefined],
      ['POST', `/api/complaints/${c.id}/notes`, { body: 'hola' }],
      ['POST', `/api/complaints/${c.id}/transition`, { to: 'assessed' }],
    ] as const) {
      const r = await call(b, { method, url, payload });
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code).toBe('COMPLAINT_OUTSIDE_UNIT');
    }
    const out = await call(b, {
      method: 'POST',
      url: '/api/complaints',
      payload: { channel: 'phone', subject: 's', description: 'd', unitId: unit.norte },
    });
    expect(out.statusCode).toBe(403);
    const mine = await ok<{ unitId: string; assigneeId: string }>(
      call(b, {
        method: 'POST',
        url: '/api/complaints',
        payload: { channel: 'phone', subject: 's', description: 'd' },
      }),
      201,
    );
    expect(mine.unitId).toBe(unit.sur);
    expect(mine.assigneeId).toBe(agent.b1?.id);
    const away = await call(b, {
      method: 'PATCH',
      url: `/api/complaints/${(mine as unknown as { id: string }).id}`,
      payload: { unitId: null },
    });
    expect(away.statusCode).toBe(403);
    const list = await ok<{ items: { unitId: string }[] }>(
      call(b, { method: 'GET', url: '/api/complaints' }),
    );
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((x) => x.unitId === unit.sur)).toBe(true);
  });
});

describe('response, remedy, closing, rating, reports', () => {
  it('runs the full loop and the reports match figures computed independently', async () => {
    const org2 = await createOrg(t.db, 'Informes');
    const o2 = await login(t.app, org2.users.owner);
    const c2 = caller(t.app);
    const mk = async (tree: string, name: string) =>
      (
        await ok<{ id: string }>(
          c2(o2, { method: 'POST', url: '/api/complaints/categories', payload: { tree, name } }),
          201,
        )
      ).id;
    const cat = await mk('category', 'Atención');
    const causeA = await mk('cause', 'Formación');
    const causeB = await mk('cause', 'Sistema');
    const day = 86_400_000;
    const now = Date.now();
    // 6 cases: channels web×3, phone×2, email×1; two from the same customer e-mail.
    const spec = [
      { channel: 'web', email: 'rep@example.test', ago: 10, close: causeA, rating: 5 },
      { channel: 'web', email: 'rep@example.test', ago: 8, close: causeA, rating: 2, reopen: true },
      { channel: 'web', email: 'x1@example.test', ago: 6, close: causeB, rating: 4 },
      { channel: 'phone', email: 'x2@example.test', ago: 4, close: causeA },
      { channel: 'phone', email: null, ago: 3 },
      { channel: 'email', email: 'x3@example.test', ago: 2, reject: true },
    ];
    const ids: string[] = [];
    const tokens: string[] = [];
    for (const s of spec) {
      const r = await createCase(t.db, systemActor(org2.orgId), {
        channel: s.channel as 'web',
        subject: 'Asunto',
        description: 'Descripción',
        contactEmail: s.email,
        categoryId: cat,
        receivedAt: new Date(now - s.ago * day),
      });
      ids.push(r.case.id);
      tokens.push(r.token as string);
    }
    const post = (id: string, what: string, payload: unknown, status = 200) =>
      ok(c2(o2, { method: 'POST', url: `/api/complaints/${id}/${what}`, payload }), status);
    for (const [i, s] of spec.entries()) {
      const id = ids[i] as string;
      if (s.reject) {
        await post(id, 'transition', {
          to: 'rejected',
          reason: 'No procede',
          recourse: 'Defensor del Cliente',
        });
        continue;
      }
      if (!s.close) continue;
      await post(id, 'transition', { to: 'assessed' });
      await post(id, 'response', {
        body: 'Le pedimos disculpas y le devolvemos la comisión.',
        remedies: [{ type: 'apology' }, { type: 'refund', amountCents: 3000, currency: 'EUR' }],
      });
      const view = await ok<{ canDecide: boolean; remedies: unknown[] }>(
        c2(null, { method: 'GET', url: `/api/public/complaint-links/${tokens[i]}` }),
      );
      expect(view.canDecide).toBe(true);
      await ok(
        c2(null, {
          method: 'POST',
          url: `/api/public/complaint-links/${tokens[i]}/decision`,
          payload: { accepted: true },
        }),
      );
      const twice = await c2(null, {
        method: 'POST',
        url: `/api/public/complaint-links/${tokens[i]}/decision`,
        payload: { accepted: false },
      });
      expect(twice.statusCode).toBe(409);
      const early = await c2(null, {
        method: 'POST',
        url: `/api/public/complaint-links/${tokens[i]}/rating`,
        payload: { rating: 3 },
      });
      expect(early.statusCode).toBe(409);
      await post(id, 'close', {
        causeId: s.close,
        fiveWhys: ['¿Por qué cobró? Error de tarifa', '¿Por qué? Sin formación'],
      });
      if (s.reopen) {
        await post(id, 'transition', { to: 'reopened', note: 'El cliente vuelve a reclamar' });
        await post(id, 'response', { body: 'Segunda respuesta', remedies: [] });
        await post(id, 'close', { causeId: s.close, fiveWhys: [] });
      }
      if (s.rating) {
        await ok(
          c2(null, {
            method: 'POST',
            url: `/api/public/complaint-links/${tokens[i]}/rating`,
            payload: { rating: s.rating, comment: 'ok' },
          }),
        );
        const again = await c2(null, {
          method: 'POST',
          url: `/api/public/complaint-links/${tokens[i]}/rating`,
          payload: { rating: 1 },
        });
        expect(again.statusCode).toBe(409);
      }
    }
    const wrongTree = await c2(o2, {
      method: 'POST',
      url: `/api/complaints/${ids[4]}/transition`,
      payload: { to: 'assessed' },
    });
    expect(wrongTree.statusCode).toBe(200);
    const bad = await c2(o2, {
      method: 'POST',
      url: `/api/complaints/${ids[4]}/close`,
      payload: { causeId: cat },
    });
    expect(bad.statusCode).toBe(400);

    const rep = await ok<Awaited<ReturnType<typeof report>>>(
      c2(o2, { method: 'GET', url: '/api/complaints/reports' }),
    );
    // Independent computation from the raw rows.
    const raw = (
      await t.db.query<{
        received_at: Date;
        first_response_at: Date | null;
        closed_at: Date | null;
        status: string;
      }>(
        'SELECT received_at, first_response_at, closed_at, status FROM complaints WHERE org_id = $1',
        [org2.orgId],
      )
    ).rows;
    const hours = (a: Date, b: Date) => (new Date(b).getTime() - new Date(a).getTime()) / 3_600_000;
    const fr = raw
      .filter((r) => r.first_response_at)
      .map((r) => hours(r.received_at, r.first_response_at as Date));
    const res = raw
      .filter((r) => r.status === 'closed')
      .map((r) => hours(r.received_at, r.closed_at as Date));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2
        ? (s[(s.length - 1) / 2] as number)
        : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
    };
    expect(rep.total).toBe(6);
    expect(rep.byChannel).toEqual([
      { key: 'web', count: 3 },
      { key: 'phone', count: 2 },
      { key: 'email', count: 1 },
    ]);
    expect(rep.firstResponseHours.n).toBe(4);
    expect(rep.firstResponseHours.mean).toBeCloseTo(mean(fr), 9);
    expect(rep.firstResponseHours.median).toBeCloseTo(median(fr), 9);
    // p90 by linear interpolation between order statistics (type 7), by hand: h = 0.9·(n − 1)
    const p90 = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const h = 0.9 * (s.length - 1);
      const lo = Math.floor(h);
      return (s[lo] as number) + (h - lo) * ((s[lo + 1] ?? (s[lo] as number)) - (s[lo] as number));
    };
    expect(rep.firstResponseHours.p90).toBeCloseTo(p90(fr), 9);
    expect(rep.resolutionHours.median).toBeCloseTo(median(res), 9);
    expect(rep.resolutionHours.p90).toBeCloseTo(p90(res), 9);
    expect(rep.resolutionHours.n).toBe(4);
    expect(rep.resolutionHours.mean).toBeCloseTo(mean(res), 9);
    // resolution ≈ age of the case (closed just now): tolerance 1 h
    expect(rep.resolutionHours.mean).toBeCloseTo(((10 + 8 + 6 + 4) / 4) * 24, -0.5);
    expect(rep.reopen).toEqual({ everClosed: 5, reopened: 1, rate: 0.2 });
    expect(rep.satisfaction.n).toBe(3);
    expect(rep.satisfaction.mean).toBeCloseTo(11 / 3, 12);
    expect(rep.satisfaction.satisfiedShare).toBeCloseTo(2 / 3, 12);
    expect(rep.pareto).toEqual([
      { cause: 'Formación', count: 3, share: 0.75, cumulative: 0.75 },
      { cause: 'Sistema', count: 1, share: 0.25, cumulative: 1 },
    ]);
    expect(rep.repeatComplainants).toEqual({ customers: 1, cases: 2 });
    const csv = await c2(o2, { method: 'GET', url: '/api/complaints/reports.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('pareto,Formación,3,0.75');
    const cases = await c2(o2, { method: 'GET', url: '/api/complaints/export.csv' });
    expect(cases.body.trim().split('\n')).toHaveLength(7);
    const x = await c2(o2, { method: 'GET', url: '/api/complaints/export.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('reclamaciones');
    expect(sheet?.rowCount).toBe(7);
    expect(sheet?.getRow(1).getCell(1).value).toBe('reference');
    // the org-1 owner sees none of this
    const other = await ok<{ total: number }>(
      call(owner, { method: 'GET', url: '/api/complaints/reports' }),
    );
    expect(other.total).toBeGreaterThan(0);
    expect(other.total).not.toBe(6);
  });
});
