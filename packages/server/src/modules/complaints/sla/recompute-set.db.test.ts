// The set-based org recomputation (SQL over working intervals) agrees with the per-case one
// (calendar.ts in Node): pauses (overlapping, open), first responses, staff updates, a DST
// change, a holiday, two calendars. Each path, run after the other, finds nothing to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb, type TestOrg } from '../../../../test/harness';
import * as repo from './repo';
import * as svc from './service';

let db: TestDb;
let org: TestOrg;
const OFFICE = [
  { start: '09:00', end: '14:00' },
  { start: '15:00', end: '18:00' },
];
beforeAll(async () => {
  db = await createTestDb();
  org = await createOrg(db, 'SLA set');
  await svc.createCalendar(db, org.orgId, {
    name: 'Madrid',
    timeZone: 'Europe/Madrid',
    week: { '1': OFFICE, '2': OFFICE, '3': OFFICE, '4': OFFICE, '5': OFFICE, '6': OFFICE },
    holidays: [{ date: '2026-03-31' }, { date: '2026-04-01', start: '14:00', end: '24:00' }],
    isDefault: true,
  });
  let seed = 7;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const base = Date.parse('2026-03-25T00:00:00Z');
  for (let i = 0; i < 120; i++) {
    const recv = base + Math.floor(rnd() * 12 * 1440) * 60_000 + (i % 7) * 1000;
    const fr = i % 3 === 0 ? recv + Math.floor(rnd() * 3000) * 60_000 : null;
    const r = await db.query<{ id: string }>(
      `INSERT INTO complaints (org_id, reference, channel, subject, description, severity, unit_id,
         status, received_at, first_response_at)
       VALUES ($1, $2, 'web', 's', 'd', $3, $4, $5, $6, $7) RETURNING id`,
      [
        org.orgId,
        `S-${i}`,
        ['low', 'medium', 'high', 'critical'][i % 4],
        org.companyUnitId,
        i % 11 === 0 ? 'responded' : 'investigating',
        new Date(recv).toISOString(),
        fr === null ? null : new Date(fr).toISOString(),
      ],
    );
    const id = (r.rows[0] as { id: string }).id;
    if (i % 5 === 0) {
      const s = recv + Math.floor(rnd() * 2000) * 60_000;
      for (const [a, b] of [
        [s, s + 600 * 60_000],
        [s + 300 * 60_000, s + 900 * 60_000],
        [s + 2000 * 60_000, s + 2100 * 60_000],
      ])
        await db.query(
          'INSERT INTO complaint_sla_pauses (org_id, complaint_id, start_at, end_at) VALUES ($1, $2, $3, $4)',
          [org.orgId, id, new Date(a as number).toISOString(), new Date(b as number).toISOString()],
        );
    }
    if (i % 13 === 0)
      await db.query(
        'INSERT INTO complaint_sla_pauses (org_id, complaint_id, start_at) VALUES ($1, $2, $3)',
        [org.orgId, id, new Date(recv + 200 * 60_000).toISOString()],
      );
    if (fr !== null && i % 2 === 0)
      await db.query(
        `INSERT INTO complaint_events (org_id, complaint_id, at, actor_id, actor_label, kind, visibility)
         VALUES ($1, $2, $3, $4, 'staff', 'message', 'customer')`,
        [org.orgId, id, new Date(fr + 500 * 60_000).toISOString(), org.users.admin.id],
      );
  }
});
afterAll(async () => {
  await db.close();
});

const snapshot = async () =>
  (
    await db.query<Record<string, unknown>>(
      `SELECT complaint_id, target, due_at, warn_at, met_at, paused, started_at, version
         FROM complaint_sla_targets WHERE org_id = $1 ORDER BY complaint_id, target`,
      [org.orgId],
    )
  ).rows.map((r) => JSON.stringify(r));

describe('set-based org recomputation', () => {
  it('computes what the per-case path computes, and each path then changes nothing', async () => {
    const ids = (
      await db.query<{ id: string }>('SELECT id FROM complaints WHERE org_id = $1', [org.orgId])
    ).rows.map((r) => r.id);
    const now = Date.parse('2026-04-10T00:00:00Z');
    const first = await svc.recomputeOrg(db, org.orgId, { now, batch: 50 });
    expect(first.cases).toBe(120);
    expect(first.changed).toBeGreaterThan(240);
    const bySql = await snapshot();
    const org1 = await svc.loadOrgSla(db, org.orgId);
    const cases = await repo.loadCases(db, org.orgId, { ids });
    expect((await svc.recomputeCases(db, org.orgId, cases, org1)).changed).toBe(0);
    // Now the other way round: the per-case path computes from scratch, the set-based agrees.
    await db.query('DELETE FROM complaint_sla_targets WHERE org_id = $1', [org.orgId]);
    await svc.recomputeCases(db, org.orgId, cases, org1);
    expect(await snapshot()).toEqual(bySql);
    expect((await svc.recomputeOrg(db, org.orgId, { now })).changed).toBe(0);
  });
});
