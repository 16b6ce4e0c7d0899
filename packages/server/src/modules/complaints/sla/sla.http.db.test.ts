// SLA over HTTP: calendar/policy admin with validation (localised 400s, tenant checks), the
// case-change hook (a staff-entered case gets its targets at once; a customer message that
// awaits a reply pauses the clocks), per-case status and compliance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  login,
  type Session,
  type TestOrg,
} from '../../../../test/harness';
import { caller, ok } from '../testing';
import * as repo from './repo';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let agent: Session;
let call: ReturnType<typeof caller>;

const OFFICE = [{ start: '09:00', end: '18:00' }];
const calendar = {
  name: 'Oficina Santiago',
  timeZone: 'America/Santiago',
  week: { '1': OFFICE, '2': OFFICE, '3': OFFICE, '4': OFFICE, '5': OFFICE },
  holidays: [{ date: '2026-12-08', name: 'Inmaculada Concepción' }],
  isDefault: true,
};

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'SLA HTTP');
  other = await createOrg(t.db, 'Other');
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('calendars and policies', () => {
  it('validates calendars with clear localised errors', async () => {
    const bad = await call(owner, {
      method: 'POST',
      url: '/api/complaints/sla/calendars',
      payload: { ...calendar, timeZone: 'Mars/Olympus' },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SLA_CALENDAR_INVALID' });
    expect(bad.json().error.details.problems[0]).toContain('Mars/Olympus');
    const overlap = await call(owner, {
      method: 'POST',
      url: '/api/complaints/sla/calendars',
      payload: {
        ...calendar,
        week: {
          '1': [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '18:00' },
          ],
        },
      },
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.message).toMatch(/calendario/);
    const hhmm = await call(owner, {
      method: 'POST',
      url: '/api/complaints/sla/calendars',
      payload: { ...calendar, week: { '1': [{ start: '9am', end: '18:00' }] } },
    });
    expect(hhmm.statusCode).toBe(400);
    expect(hhmm.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('creates, lists and updates calendars; admins only', async () => {
    const created = await ok<{ id: string; version: number }>(
      call(owner, { method: 'POST', url: '/api/complaints/sla/calendars', payload: calendar }),
      201,
    );
    expect(created.version).toBe(1);
    const denied = await call(agent, {
      method: 'POST',
      url: '/api/complaints/sla/calendars',
      payload: calendar,
    });
    expect(denied.statusCode).toBe(403);
    const updated = await ok<{ version: number }>(
      call(owner, {
        method: 'PUT',
        url: `/api/complaints/sla/calendars/${created.id}`,
        payload: { ...calendar, holidays: [] },
      }),
    );
    expect(updated.version).toBe(2);
    const list = await ok<{ calendars: { id: string }[] }>(
      call(agent, { method: 'GET', url: '/api/complaints/sla/calendars' }),
    );
    expect(list.calendars.map((c) => c.id)).toEqual([created.id]);
    // The other org's unit cannot be given this calendar (and vice versa): 404.
    const cross = await call(owner, {
      method: 'PUT',
      url: `/api/complaints/sla/units/${other.companyUnitId}/calendar`,
      payload: { calendarId: created.id },
    });
    expect(cross.statusCode).toBe(404);
    await ok(
      call(owner, {
        method: 'PUT',
        url: `/api/complaints/sla/units/${org.companyUnitId}/calendar`,
        payload: { calendarId: created.id },
      }),
    );
  });

  it('creates policies; refuses another org category and inconsistent targets', async () => {
    const cat = await t.db.query<{ id: string }>(
      `INSERT INTO complaint_categories (org_id, tree, name) VALUES ($1, 'category', 'Ajena') RETURNING id`,
      [other.orgId],
    );
    const foreign = await call(owner, {
      method: 'POST',
      url: '/api/complaints/sla/policies',
      payload: {
        name: 'X',
        categoryId: cat.rows[0]?.id,
        firstResponseMin: 60,
        resolutionMin: 600,
      },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('SLA_CATEGORY_INVALID');
    const inverted = await call(owner, {
      method: 'POST',
      url: '/api/complaints/sla/policies',
      payload: { name: 'X', firstResponseMin: 600, resolutionMin: 60 },
    });
    expect(inverted.json().error.code).toBe('SLA_POLICY_TARGETS');
    await ok(
      call(owner, {
        method: 'POST',
        url: '/api/complaints/sla/policies',
        payload: {
          name: 'Media',
          severity: 'medium',
          firstResponseMin: 240,
          updateMin: 480,
          resolutionMin: 1440,
        },
      }),
      201,
    );
    const dup = await call(owner, {
      method: 'POST',
      url: '/api/complaints/sla/policies',
      payload: { name: 'Media 2', severity: 'medium', firstResponseMin: 60, resolutionMin: 600 },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('previews a due instant for a draft calendar', async () => {
    // Fri 2026-12-04 17:00 -03 (20:00Z) + 120 min: 60 Fri; Mon 7 Dec 09:00 -03 + 60 = 13:00Z.
    const r = await ok<{ due: string }>(
      call(agent, {
        method: 'POST',
        url: '/api/complaints/sla/preview',
        payload: {
          calendar: { ...calendar, name: undefined, isDefault: undefined },
          start: '2026-12-04T20:00:00Z',
          minutes: 120,
        },
      }),
    );
    expect(r.due).toBe('2026-12-07T13:00:00.000Z');
  });
});

describe('case hook, status and compliance', () => {
  it('gives a staff-entered case its targets at once, pauses while waiting for the customer', async () => {
    const c = await ok<{ id: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/complaints',
        payload: {
          channel: 'phone',
          subject: 'Tarjeta bloqueada',
          description: 'Llevo tres días sin poder pagar',
          severity: 'medium',
          unitId: org.companyUnitId,
          contactEmail: 'cliente@example.test',
        },
      }),
      201,
    );
    const targets = await repo.loadTargets(t.db, org.orgId, [c.id]);
    expect(targets.map((x) => [x.target, x.targetMin]).sort()).toEqual([
      ['first_response', 240],
      ['resolution', 1440],
    ]);
    const status = await ok<{ timeZone: string; targets: { status: string }[]; paused: boolean }>(
      call(agent, { method: 'GET', url: `/api/complaints/${c.id}/sla` }),
    );
    expect(status.timeZone).toBe('America/Santiago');
    expect(status.paused).toBe(false);
    // A message to the customer that awaits a reply: first response met, clocks paused.
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/notes`,
        payload: {
          body: '¿Nos indica los últimos dígitos?',
          visibility: 'customer',
          awaitReply: true,
        },
      }),
      201,
    );
    const paused = await ok<{ paused: boolean; targets: { target: string; status: string }[] }>(
      call(agent, { method: 'GET', url: `/api/complaints/${c.id}/sla` }),
    );
    expect(paused.paused).toBe(true);
    expect(paused.targets.find((x) => x.target === 'resolution')?.status).toBe('paused');
    const after = await repo.loadTargets(t.db, org.orgId, [c.id]);
    expect(after.find((x) => x.target === 'resolution')?.paused).toBe(true);
    const badges = await ok<{ badges: { caseId: string; status: string }[] }>(
      call(agent, { method: 'GET', url: `/api/complaints/sla/badges?ids=${c.id}` }),
    );
    expect(badges.badges).toEqual([expect.objectContaining({ caseId: c.id, status: 'paused' })]);
    // A case written straight into the table (import, demo) is planned on the fly.
    const raw = await t.db.query<{ id: string }>(
      `INSERT INTO complaints (org_id, reference, channel, subject, description, severity, received_at)
       VALUES ($1, 'RAW-1', 'web', 's', 'd', 'critical', '2026-01-05T12:00:00Z') RETURNING id`,
      [org.orgId],
    );
    const rawId = raw.rows[0]?.id as string;
    const b2 = await ok<{ badges: { caseId: string; status: string }[] }>(
      call(agent, { method: 'GET', url: `/api/complaints/sla/badges?ids=${rawId}` }),
    );
    expect(b2.badges).toEqual([expect.objectContaining({ caseId: rawId, status: 'breached' })]);
    const badIds = await call(agent, { method: 'GET', url: '/api/complaints/sla/badges?ids=x,y' });
    expect(badIds.statusCode).toBe(400);
    // Another org's owner gets 404 for this case's SLA.
    const o = await login(t.app, other.users.owner);
    expect((await call(o, { method: 'GET', url: `/api/complaints/${c.id}/sla` })).statusCode).toBe(
      404,
    );
    const comp = await ok<{
      figures: { target: string; severity: string | null; total: number }[];
    }>(call(owner, { method: 'GET', url: '/api/complaints/sla/compliance' }));
    expect(comp.figures.find((f) => f.target === 'resolution' && f.severity === null)?.total).toBe(
      1,
    );
  });
});
