// What the settings page relies on: every calendar/policy change answers the id of the org
// recomputation it queued, and GET /api/complaints/sla/recompute/:id reports how many open cases
// that job recomputed (admins of the same org only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  login,
  type Session,
  type TestOrg,
} from '../../../../test/harness';
import { runOne } from '../../../jobs/worker';
import { caller, ok } from '../testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let otherOwner: Session;
let agent: Session;
let call: ReturnType<typeof caller>;

const OFFICE = [
  { start: '09:00', end: '14:00' },
  { start: '16:00', end: '19:00' },
];
const calendar = {
  name: 'Partida',
  timeZone: 'Europe/Madrid',
  week: { '1': OFFICE, '2': OFFICE, '3': OFFICE, '4': OFFICE, '5': OFFICE },
  holidays: [{ date: '2026-12-08', name: 'Inmaculada' }],
  isDefault: false,
};

interface State {
  id: string;
  status: string;
  done: number;
  result: { cases: number; changed: number; timers: number } | null;
}

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'SLA settings');
  other = await createOrg(t.db, 'Other');
  owner = await login(t.app, org.users.owner);
  otherOwner = await login(t.app, other.users.owner);
  agent = await login(t.app, org.users.agent);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('recomputation reported to the settings page', () => {
  it('a policy change answers its recompute job; the job reports the open cases it recomputed', async () => {
    for (const subject of ['Cobro doble', 'Oficina cerrada']) {
      await ok(
        call(owner, {
          method: 'POST',
          url: '/api/complaints',
          payload: { channel: 'phone', subject, description: 'x', severity: 'high' },
        }),
        201,
      );
    }
    const p = await ok<{ id: string; recomputeJobId: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/complaints/sla/policies',
        payload: { name: 'Alta', severity: 'high', firstResponseMin: 120, resolutionMin: 960 },
      }),
      201,
    );
    expect(p.recomputeJobId).toMatch(/^[0-9a-f-]{36}$/);
    // The list also carries the built-in per-severity targets (used when no policy matches).
    const list = await ok<{ policies: { id: string }[]; builtin: { severity: string }[] }>(
      call(agent, { method: 'GET', url: '/api/complaints/sla/policies' }),
    );
    expect(list.policies.map((x) => x.id)).toEqual([p.id]);
    expect(list.builtin.map((b) => b.severity).sort()).toEqual([
      'critical',
      'high',
      'low',
      'medium',
    ]);
    const url = `/api/complaints/sla/recompute/${p.recomputeJobId}`;
    const queued = await ok<State>(call(owner, { method: 'GET', url }));
    expect(queued).toMatchObject({ id: p.recomputeJobId, status: 'queued', result: null });

    // Tenant isolation and admins only.
    expect((await call(otherOwner, { method: 'GET', url })).statusCode).toBe(404);
    expect((await call(agent, { method: 'GET', url })).statusCode).toBe(403);

    while (await runOne(t.db)) {}
    const done = await ok<State>(call(owner, { method: 'GET', url }));
    expect(done.status).toBe('done');
    expect(done.result?.cases).toBe(2); // both open cases, independently counted above
    expect(done.done).toBe(2);

    const changed = await ok<{ recomputeJobId: string }>(
      call(owner, {
        method: 'PUT',
        url: `/api/complaints/sla/policies/${p.id}`,
        payload: { name: 'Alta', severity: 'high', firstResponseMin: 60, resolutionMin: 960 },
      }),
    );
    expect(changed.recomputeJobId).not.toBe(p.recomputeJobId);
  });

  it('calendars: a non-default new calendar queues nothing; assigning it to a unit does', async () => {
    const cal = await ok<{ id: string; recomputeJobId: string | null }>(
      call(owner, { method: 'POST', url: '/api/complaints/sla/calendars', payload: calendar }),
      201,
    );
    expect(cal.recomputeJobId).toBeNull();
    const unit = await ok<{ recomputeJobId: string }>(
      call(owner, {
        method: 'PUT',
        url: `/api/complaints/sla/units/${org.companyUnitId}/calendar`,
        payload: { calendarId: cal.id },
      }),
    );
    expect(unit.recomputeJobId).toMatch(/^[0-9a-f-]{36}$/);
    const put = await ok<{ recomputeJobId: string; holidays: unknown[] }>(
      call(owner, {
        method: 'PUT',
        url: `/api/complaints/sla/calendars/${cal.id}`,
        payload: { ...calendar, holidays: [] },
      }),
    );
    expect(put.holidays).toEqual([]);
    expect(put.recomputeJobId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await call(owner, {
      method: 'GET',
      url: '/api/complaints/sla/recompute/00000000-0000-4000-8000-000000000000',
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: 'SLA_RECOMPUTE_NOT_FOUND',
      message: 'Unknown recomputation.',
    });
  });
});
