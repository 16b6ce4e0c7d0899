// SLA over a real database (PGlite and PostgreSQL): due instants from the case timeline with
// pauses, durable timer jobs (warning, breach, escalation over real SMTP), stale timers after a
// policy/calendar change, idempotent org recomputation, and compliance figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb, type TestOrg } from '../../../../test/harness';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp';
import { runOne } from '../../../jobs/worker';
import { iso } from '../../../lib/iso';
import { smtpMailer } from '../../../mail/mailer';
import * as repo from './repo';
import * as svc from './service';
import { registerSla, runTimer, type SlaDeps } from './timers';

let smtp: SmtpSink;
let inbox: SmtpSink['inbox'];
let db: TestDb;
let org: TestOrg;
let deps: SlaDeps;
let calendarId: string;
const ms = (iso: string) => Date.parse(iso);

const OFFICE = [
  { start: '09:00', end: '14:00' },
  { start: '15:00', end: '18:00' },
];
const WEEK = { '1': OFFICE, '2': OFFICE, '3': OFFICE, '4': OFFICE, '5': OFFICE };

async function newCase(o: { receivedAt: string; severity?: string; unitId?: string }) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO complaints (org_id, reference, channel, subject, description, severity, unit_id, received_at)
     VALUES ($1, $2, 'counter', 'Cola larga', 'Esperé una hora', $3, $4, $5) RETURNING id`,
    [
      org.orgId,
      `T-${Math.random().toString(36).slice(2, 10)}`,
      o.severity ?? 'high',
      o.unitId ?? org.companyUnitId,
      o.receivedAt,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}
const refOf = async (id: string) =>
  (
    (await db.query<{ reference: string }>('SELECT reference FROM complaints WHERE id = $1', [id]))
      .rows[0] as { reference: string }
  ).reference;
const targets = async (id: string) =>
  Object.fromEntries((await repo.loadTargets(db, org.orgId, [id])).map((t) => [t.target, t]));
const queuedTimers = async (id: string) =>
  (
    await db.query<{ id: string; run_at: Date; payload: { version: number; target: string } }>(
      `SELECT id, run_at, payload FROM jobs WHERE org_id = $1 AND kind = $2 AND status = 'queued'
        AND payload->>'caseId' = $3 ORDER BY run_at`,
      [org.orgId, repo.TIMER_JOB, id],
    )
  ).rows;

beforeAll(async () => {
  smtp = await startSmtpSink();
  inbox = smtp.inbox;
  db = await createTestDb();
  org = await createOrg(db, 'SLA');
  deps = {
    db,
    mailer: smtpMailer(smtp.url, 'sla@fidelia.local'),
    publicUrl: 'http://fidelia.test',
  };
  registerSla(deps);
  const cal = await svc.createCalendar(db, org.orgId, {
    name: 'Madrid office',
    timeZone: 'Europe/Madrid',
    week: WEEK,
    holidays: [{ date: '2026-02-05', name: 'Local holiday' }],
    isDefault: true,
  });
  calendarId = cal.id;
  await svc.createPolicy(db, org.orgId, {
    name: 'High',
    categoryId: null,
    severity: 'high',
    firstResponseMin: 120,
    updateMin: 240,
    resolutionMin: 960,
    warnPercent: 80,
  });
  // The unit manager who receives escalations.
  await db.query(
    'INSERT INTO complaint_unit_managers (org_id, unit_id, user_id) VALUES ($1, $2, $3)',
    [org.orgId, org.companyUnitId, org.users.admin.id],
  );
  // Config changes queue org recomputations; these tests drive the timers directly.
  await db.query(`DELETE FROM jobs WHERE org_id = $1`, [org.orgId]);
});
afterAll(async () => {
  await db.close();
  await smtp.close();
});

describe('due instants', () => {
  it('computes first-response and resolution due/warning instants by the calendar', async () => {
    // Received Mon 2026-02-02 09:00 CET (08:00Z). High: first response 120 -> 11:00 CET = 10:00Z,
    // warning at 80 % = 96 min -> 10:36 CET = 09:36Z. Resolution 960 = Mon 480 + Tue 480 ->
    // Tue 18:00 CET = 17:00Z; warning 768 = Mon 480 + 288 Tue (09:00 + 288 min = 13:48 CET = 12:48Z).
    const id = await newCase({ receivedAt: '2026-02-02T08:00:00Z' });
    await svc.recomputeCase(db, org.orgId, id, ms('2026-02-02T08:05:00Z'));
    const t = await targets(id);
    expect(iso(t.first_response?.dueAt ?? null)).toBe('2026-02-02T10:00:00.000Z');
    expect(iso(t.first_response?.warnAt ?? null)).toBe('2026-02-02T09:36:00.000Z');
    expect(iso(t.resolution?.dueAt ?? null)).toBe('2026-02-03T17:00:00.000Z');
    expect(iso(t.resolution?.warnAt ?? null)).toBe('2026-02-03T12:48:00.000Z');
    expect(t.update).toBeUndefined(); // no first response yet
    expect(t.first_response?.calendarId).toBe(calendarId);
    // One timer per open target, at its warning instant.
    const jobs = await queuedTimers(id);
    expect(jobs.map((j) => [j.payload.target, j.run_at.toISOString()])).toEqual([
      ['first_response', '2026-02-02T09:36:00.000Z'],
      ['resolution', '2026-02-03T12:48:00.000Z'],
    ]);
    // Idempotent: recomputing with the same facts writes and queues nothing.
    const again = await svc.recomputeCase(db, org.orgId, id, ms('2026-02-02T08:06:00Z'));
    expect(again.changed).toBe(0);
    expect(await queuedTimers(id)).toHaveLength(2);
  });

  it('stops the clocks while the case waits for the customer', async () => {
    const id = await newCase({ receivedAt: '2026-02-02T08:00:00Z' });
    // Waiting since Mon 10:00 CET (09:00Z): 60 of the 120 first-response minutes are used.
    await db.query('UPDATE complaints SET waiting_since = $2 WHERE id = $1', [
      id,
      '2026-02-02T09:00:00Z',
    ]);
    await svc.recomputeCase(db, org.orgId, id, ms('2026-02-02T12:00:00Z'));
    let t = await targets(id);
    expect(t.first_response?.paused).toBe(true);
    expect(t.first_response?.dueAt).toBeNull();
    const status = await svc.slaStatus(db, org.orgId, id, ms('2026-02-02T12:00:00Z'));
    expect(status.paused).toBe(true);
    expect(status.targets[0]).toMatchObject({ status: 'paused', elapsedMinutes: 60 });
    // The customer answers Tue 10:00 CET (09:00Z): 60 left -> Tue 11:00 CET = 10:00Z.
    // Resolution: 900 left from Tue 10:00 CET: Tue 420 (10-14, 15-18) + Wed 480 -> Wed 18:00 CET.
    await db.query('UPDATE complaints SET waiting_since = NULL WHERE id = $1', [id]);
    await svc.recomputeCase(db, org.orgId, id, ms('2026-02-03T09:00:00Z'));
    t = await targets(id);
    expect(t.first_response?.paused).toBe(false);
    expect(iso(t.first_response?.dueAt ?? null)).toBe('2026-02-03T10:00:00.000Z');
    expect(iso(t.resolution?.dueAt ?? null)).toBe('2026-02-04T17:00:00.000Z');
    const pauses = await db.query(
      'SELECT start_at, end_at FROM complaint_sla_pauses WHERE complaint_id = $1',
      [id],
    );
    expect(pauses.rows).toHaveLength(1);
  });

  it('starts the update clock at the first response and skips the holiday', async () => {
    // First response Wed 2026-02-04 17:00 CET (16:00Z); update every 240 business minutes:
    // 60 left on Wed; Thu 5 Feb is a holiday; Fri 09:00 + 180 = 12:00 CET = 11:00Z.
    const id = await newCase({ receivedAt: '2026-02-04T08:00:00Z' });
    await db.query('UPDATE complaints SET first_response_at = $2 WHERE id = $1', [
      id,
      '2026-02-04T16:00:00Z',
    ]);
    await svc.recomputeCase(db, org.orgId, id, ms('2026-02-04T16:00:00Z'));
    const t = await targets(id);
    expect(iso(t.first_response?.metAt ?? null)).toBe('2026-02-04T16:00:00.000Z');
    expect(iso(t.update?.dueAt ?? null)).toBe('2026-02-06T11:00:00.000Z');
  });
});

describe('timers', () => {
  it('warns the assignee, then escalates the breach to the unit manager over SMTP, once', async () => {
    const id = await newCase({ receivedAt: '2026-02-02T08:00:00Z' });
    await db.query('UPDATE complaints SET assignee_id = $2 WHERE id = $1', [
      id,
      org.users.agent.id,
    ]);
    await svc.recomputeCase(db, org.orgId, id, ms('2026-02-02T08:00:00Z'));
    const v = (await targets(id)).first_response?.version as number;
    const p = { caseId: id, target: 'first_response' as const, version: v };
    // 09:40Z: past the warning (09:36Z), before due (10:00Z).
    expect(await runTimer(deps, org.orgId, p, ms('2026-02-02T09:40:00Z'))).toEqual({
      outcome: 'warned',
    });
    // 10:01Z: breached.
    expect(await runTimer(deps, org.orgId, p, ms('2026-02-02T10:01:00Z'))).toEqual({
      outcome: 'breached',
    });
    // A duplicate run (retry, second worker) sends nothing more.
    expect((await runTimer(deps, org.orgId, p, ms('2026-02-02T10:02:00Z'))).outcome).toBe('idle');
    const ref = await refOf(id);
    const mine = inbox.filter((m) => m.data.includes(ref));
    const toAgent = mine.filter((m) => m.to === org.users.agent.email);
    const toManager = mine.filter((m) => m.to === org.users.admin.email);
    expect(toAgent).toHaveLength(1);
    expect(toAgent[0]?.data).toContain('[Aviso SLA]');
    expect(toManager).toHaveLength(1);
    expect(toManager[0]?.data).toContain('[SLA incumplido]');
    const notes = await repo.listNotifications(db, org.orgId, { caseId: id, limit: 10 });
    expect(notes.map((n) => [n.kind, n.recipientId, n.sentAt !== null]).sort()).toEqual([
      ['breach', org.users.admin.id, true],
      ['warning', org.users.agent.id, true],
    ]);
    const events = await db.query<{ kind: string }>(
      `SELECT kind FROM complaint_events WHERE complaint_id = $1 ORDER BY at`,
      [id],
    );
    expect(events.rows.map((e) => e.kind)).toEqual(['sla.warning', 'sla.breach', 'escalated']);
    const status = await svc.slaStatus(db, org.orgId, id, ms('2026-02-02T10:30:00Z'));
    expect(status.targets[0]).toMatchObject({ status: 'breached', remainingMinutes: -30 });
  });

  it('survives a restart: the queued job fires from the durable queue in a new worker', async () => {
    inbox.length = 0;
    // Received long ago: everything is overdue by now.
    const id = await newCase({ receivedAt: '2025-01-07T08:00:00Z' });
    await svc.recomputeCase(db, org.orgId, id);
    expect((await queuedTimers(id)).length).toBe(2);
    // "Restart": fresh registration with a fresh mailer, then the worker drains the queue.
    registerSla({ ...deps });
    while (await runOne(db)) {}
    const t = await targets(id);
    expect(t.first_response?.breachedAt).not.toBeNull();
    expect(t.resolution?.breachedAt).not.toBeNull();
    // Found breached long after the fact: recorded (timeline, notification) but not mailed.
    const ref = await refOf(id);
    expect(inbox.filter((m) => m.data.includes(ref))).toHaveLength(0);
    const notes = await repo.listNotifications(db, org.orgId, { caseId: id, limit: 10 });
    expect(notes.map((n) => [n.kind, n.recipientId, n.recipientEmail]).sort()).toEqual([
      ['breach', org.users.admin.id, null],
      ['breach', org.users.admin.id, null],
    ]);
    expect(await queuedTimers(id)).toHaveLength(0);
  });

  it('makes old timers stale after a calendar change; the org recomputation is idempotent', async () => {
    const id = await newCase({ receivedAt: '2026-03-02T08:00:00Z' });
    await svc.recomputeCase(db, org.orgId, id, ms('2026-03-02T08:00:00Z'));
    const before = (await targets(id)).first_response;
    const oldJobs = await queuedTimers(id);
    expect(oldJobs).toHaveLength(2);
    // Working day now starts at 08:00: received 09:00 CET is unchanged, but resolution
    // (960 = Mon 08-14, 15-18 = 540 + Tue 420 -> Tue 15:00 CET + 120 = ... ) moves.
    await svc.changeCalendar(db, org.orgId, calendarId, {
      name: 'Madrid office',
      timeZone: 'Europe/Madrid',
      week: Object.fromEntries(
        Object.keys(WEEK).map((d) => [
          d,
          [
            { start: '08:00', end: '14:00' },
            { start: '15:00', end: '18:00' },
          ],
        ]),
      ),
      holidays: [{ date: '2026-02-05' }],
      isDefault: true,
    });
    const recompute = await db.query<{ id: string }>(
      `SELECT id FROM jobs WHERE org_id = $1 AND kind = $2 AND status = 'queued'`,
      [org.orgId, repo.RECOMPUTE_JOB],
    );
    expect(recompute.rows).toHaveLength(1);
    const first = await svc.recomputeOrg(db, org.orgId, { now: ms('2026-03-02T08:00:00Z') });
    expect(first.changed).toBeGreaterThan(0);
    const second = await svc.recomputeOrg(db, org.orgId, { now: ms('2026-03-02T08:00:00Z') });
    expect(second.changed).toBe(0);
    const after = await targets(id);
    // Received Mon 09:00 CET with 480 -> 540 min days: resolution 960 = Mon 540 (09-14 = 300,
    // 15-18 = 180 -> 480 from 09:00) ... from 09:00 Mon: 300 + 180 = 480; Tue 08-14 = 360 (840),
    // 15:00 + 120 = 17:00 CET = 16:00Z.
    expect(iso(after.resolution?.dueAt ?? null)).toBe('2026-03-03T16:00:00.000Z');
    expect(after.first_response?.version).toBe(before?.version); // unchanged instant, same version
    // The superseded resolution timer was removed from the queue; a copy already claimed
    // elsewhere would find itself stale.
    const nowJobs = await queuedTimers(id);
    expect(nowJobs).toHaveLength(2);
    const oldRes = oldJobs.find((j) => j.payload.target === 'resolution');
    expect(nowJobs.some((j) => j.id === oldRes?.id)).toBe(false);
    const stale = await runTimer(
      deps,
      org.orgId,
      { caseId: id, target: 'resolution', version: oldRes?.payload.version as number },
      ms('2026-03-03T17:00:00Z'),
    );
    expect(stale.outcome).toBe('stale');
  });
});

describe('compliance', () => {
  it('counts met, late, overdue, pending and paused targets per severity', async () => {
    const o = await createOrg(db, 'Compliance');
    const mk = async (received: string, severity: string, set: Record<string, string | null>) => {
      const r = await db.query<{ id: string }>(
        `INSERT INTO complaints (org_id, reference, channel, subject, description, severity, received_at,
           first_response_at, responded_at, status, waiting_since)
         VALUES ($1, $2, 'web', 's', 'd', $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          o.orgId,
          `C-${Math.random().toString(36).slice(2, 10)}`,
          severity,
          received,
          set.first ?? null,
          set.responded ?? null,
          set.responded ? 'responded' : 'investigating',
          set.waiting ?? null,
        ],
      );
      const id = (r.rows[0] as { id: string }).id;
      await svc.recomputeCase(db, o.orgId, id, ms('2026-01-20T12:00:00Z'));
    };
    // Built-in calendar (Madrid, Mon-Fri 09-18) and built-in policies:
    // critical first response 60, resolution 480; medium 480 / 2400.
    // A: critical, received Mon 12 Jan 09:00 CET, first response 09:30 (met), responded 15:00 (met).
    await mk('2026-01-12T08:00:00Z', 'critical', {
      first: '2026-01-12T08:30:00Z',
      responded: '2026-01-12T14:00:00Z',
    });
    // B: critical, same start, first response 11:00 CET (late: due 10:00 CET), still open:
    // resolution due Mon 18:00 CET, overdue at 20 Jan.
    await mk('2026-01-12T08:00:00Z', 'critical', { first: '2026-01-12T10:00:00Z' });
    // C: medium, received Tue 20 Jan 09:00 CET, nothing yet at 20 Jan 12:00Z: both pending.
    await mk('2026-01-20T08:00:00Z', 'medium', {});
    // D: medium, received Tue 20 Jan 09:00 CET, waiting for the customer since 09:30 CET: paused.
    await mk('2026-01-20T08:00:00Z', 'medium', { waiting: '2026-01-20T08:30:00Z' });
    const { figures } = await svc.complianceReport(db, o.orgId, {}, ms('2026-01-20T12:00:00Z'));
    const f = (target: string, severity: string | null) =>
      figures.find((x) => x.target === target && x.severity === severity);
    expect(f('first_response', null)).toMatchObject({
      total: 4,
      met: 1,
      metLate: 1,
      breachedOpen: 0,
      pending: 1,
      paused: 1,
      compliance: 0.5,
    });
    expect(f('resolution', 'critical')).toMatchObject({
      total: 2,
      met: 1,
      metLate: 0,
      breachedOpen: 1,
      compliance: 0.5,
    });
    expect(f('resolution', 'medium')).toMatchObject({ total: 2, pending: 1, paused: 1 });
    expect(f('resolution', 'medium')?.compliance).toBeNull();
    // The date filter keeps only the 20 Jan cases.
    const later = await svc.complianceReport(
      db,
      o.orgId,
      { from: '2026-01-20' },
      ms('2026-01-20T12:00:00Z'),
    );
    expect(later.figures.find((x) => x.target === 'first_response' && !x.severity)?.total).toBe(2);
  });
});
