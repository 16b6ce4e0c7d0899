// Fieldwork end to end over the HTTP API: checklists, scheduling, the shopper's submit
// (idempotent), scoring = @fidelia/stats scoreAudit, versioning, scopes, photos, actions, import.
import { randomUUID } from 'node:crypto';
import { scoreAudit, scoreAuditVisit } from '@fidelia/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { toStatsChecklist } from './scoring';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
const s = {} as Record<string, Session>;
let norte: string;
let centro: string;
let checklistId: string;
let shopper2: { id: string; session: Session };

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const ITEMS = [
  { key: 'saludo', section: 'acogida', label: 'Saluda al entrar', type: 'yesno', weight: 2 },
  {
    key: 'espera',
    section: 'acogida',
    label: 'Minutos de espera',
    type: 'number',
    max: 10,
    unit: 'min',
  },
  {
    key: 'limpieza',
    section: 'tangibles',
    label: 'Limpieza de la oficina',
    type: 'scale',
    min: 1,
    max: 5,
    pass: 4,
  },
  {
    key: 'identifica',
    section: 'proceso',
    label: 'Verifica la identidad antes de operar',
    type: 'yesno',
    critical: true,
  },
];

async function api(session: Session | null, method: string, url: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: session ? session.headers : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

const times = () => {
  const end = new Date(Date.now() - 60_000);
  return {
    startedAt: new Date(end.getTime() - 20 * 60_000).toISOString(),
    endedAt: end.toISOString(),
  };
};

async function scheduleFor(assigneeId: string, kind = 'mystery', unitId = norte) {
  const id = randomUUID();
  const r = await api(s.admin as Session, 'POST', '/api/fieldwork/visits', {
    visits: [
      kind === 'competitor'
        ? { id, checklistId, kind, competitorName: 'Banco Rival', assigneeId }
        : { id, checklistId, kind, unitId, assigneeId },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Banco');
  other = await createOrg(t.db, 'Otro');
  const mk = async (name: string) =>
    (
      await t.db.query<{ id: string }>(
        `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, 'branch') RETURNING id`,
        [org.orgId, org.companyUnitId, name],
      )
    ).rows[0]?.id as string;
  norte = await mk('Sucursal Norte');
  centro = await mk('Sucursal Centro');
  // the agent audits Sucursal Centro only
  await t.db.query('UPDATE users SET unit_id = $2 WHERE id = $1', [org.users.agent.id, centro]);
  for (const [k, u] of Object.entries(org.users)) s[k] = await login(t.app, u);
  s.otherOwner = await login(t.app, other.users.owner);
  // a second shopper
  const r = await api(s.admin as Session, 'POST', '/api/users', {
    email: `shopper2-${Date.now()}@example.test`,
    name: 'Segunda Cliente',
    role: 'shopper',
    password: 'pw-shopper-2-long-enough',
  });
  expect(r.statusCode, r.body).toBe(201);
  const u = r.json() as { user?: { id: string; email: string }; id?: string; email?: string };
  const user = u.user ?? (u as { id: string; email: string });
  shopper2 = {
    id: user.id,
    session: await login(t.app, { email: user.email, password: 'pw-shopper-2-long-enough' }),
  };
  const c = await api(s.analyst as Session, 'POST', '/api/fieldwork/checklists', {
    name: 'Visita a oficina bancaria',
    items: ITEMS,
  });
  expect(c.statusCode, c.body).toBe(201);
  checklistId = (c.json() as { id: string }).id;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('checklists', () => {
  it('refuses a checklist the scorer cannot use (scale without ends, pass outside)', async () => {
    const r = await api(s.admin as Session, 'POST', '/api/fieldwork/checklists', {
      name: 'Mala',
      items: [{ key: 'x', section: 's', label: 'X', type: 'scale', min: 1, max: 5, pass: 9 }],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('FIELDWORK_CHECKLIST_INVALID');
    const dup = await api(s.admin as Session, 'POST', '/api/fieldwork/checklists', {
      name: 'Dup',
      items: [ITEMS[0], ITEMS[0]],
    });
    expect(dup.statusCode).toBe(400);
  });
});

describe('mystery shopper visit', () => {
  let visitId: string;
  const answers = [
    { key: 'saludo', value: true },
    { key: 'espera', value: 12 },
    { key: 'limpieza', value: 4 },
    { key: 'identifica', value: false, comment: 'No pidió el DNI' },
  ];
  const body = () => ({ answers, ...times() });
  let sent: ReturnType<typeof body>;

  it('the shopper sees only their own assignments and nothing else of the product', async () => {
    visitId = await scheduleFor(org.users.shopper.id);
    const other2 = await scheduleFor(shopper2.id);
    const mine = await api(s.shopper as Session, 'GET', '/api/fieldwork/visits');
    expect(mine.statusCode).toBe(200);
    const ids = (mine.json() as { items: { id: string }[] }).items.map((x) => x.id);
    expect(ids).toContain(visitId);
    expect(ids).not.toContain(other2);
    expect(
      (await api(s.shopper as Session, 'GET', `/api/fieldwork/visits/${other2}`)).statusCode,
    ).toBe(404);
    for (const url of [
      '/api/fieldwork/checklists',
      '/api/fieldwork/actions',
      '/api/customers',
      '/api/org-units',
    ]) {
      expect((await api(s.shopper as Session, 'GET', url)).statusCode, url).toBe(403);
    }
    expect((await api(s.shopper as Session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const detail = await api(s.shopper as Session, 'GET', `/api/fieldwork/visits/${visitId}`);
    expect(detail.statusCode).toBe(200);
    expect((detail.json() as { items: unknown[] }).items).toHaveLength(4);
  });

  it('refuses an answer outside the scale and stores nothing', async () => {
    const r = await api(s.shopper as Session, 'POST', `/api/fieldwork/visits/${visitId}/submit`, {
      answers: [{ key: 'limpieza', value: 7 }],
      ...times(),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('FIELDWORK_ANSWER_INVALID');
    expect(r.json().error.details.item).toBe('limpieza');
    const yes = await api(s.shopper as Session, 'POST', `/api/fieldwork/visits/${visitId}/submit`, {
      answers: [{ key: 'saludo', value: 3 }],
      ...times(),
    });
    expect(yes.statusCode).toBe(400);
    const unknown = await api(
      s.shopper as Session,
      'POST',
      `/api/fieldwork/visits/${visitId}/submit`,
      {
        answers: [{ key: 'nope', value: true }],
        ...times(),
      },
    );
    expect(unknown.json().error.code).toBe('FIELDWORK_ANSWER_UNKNOWN_ITEM');
    const v = await api(s.admin as Session, 'GET', `/api/fieldwork/visits/${visitId}`);
    expect(v.json().status).toBe('scheduled');
  });

  it('scores with scoreAudit: critical failure → final 0, corrective actions opened', async () => {
    const photo = await api(
      s.shopper as Session,
      'POST',
      `/api/fieldwork/visits/${visitId}/photos`,
      {
        id: randomUUID(),
        kind: 'receipt',
        filename: 'ticket.png',
        contentBase64: PNG.toString('base64'),
      },
    );
    expect(photo.statusCode, photo.body).toBe(201);
    sent = body();
    const r = await api(
      s.shopper as Session,
      'POST',
      `/api/fieldwork/visits/${visitId}/submit`,
      sent,
    );
    expect(r.statusCode, r.body).toBe(201);
    const v = (r.json() as { visit: Record<string, unknown> }).visit;
    const expected = scoreAuditVisit(toStatsChecklist((v.items as never[]) ?? []), {
      id: visitId,
      unit: 'Sucursal Norte',
      kind: 'mystery',
      answers: { saludo: true, espera: 12, limpieza: 4, identifica: false },
    });
    // hand check: earned 2 + 0 + 0.75 + 0 = 2.75 of 5
    expect(expected.score).toBeCloseTo(0.55, 12);
    expect(v.score).toBeCloseTo(expected.score as number, 12);
    expect(v.finalScore).toBe(0);
    expect(v.criticalFailed).toEqual(['identifica']);
    expect(v.sections).toEqual(expected.sections);
    const admin = await api(s.admin as Session, 'GET', `/api/fieldwork/visits/${visitId}`);
    const actions = (admin.json() as { actions: { itemKey: string; critical: boolean }[] }).actions;
    expect(actions.map((a) => a.itemKey).sort()).toEqual(['espera', 'identifica']);
    expect(actions.find((a) => a.itemKey === 'identifica')?.critical).toBe(true);
  });

  it('the same submission again replays (200), different answers are a 409, nothing changes', async () => {
    const again = await api(
      s.shopper as Session,
      'POST',
      `/api/fieldwork/visits/${visitId}/submit`,
      sent,
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().replay).toBe(true);
    const changed = await api(
      s.shopper as Session,
      'POST',
      `/api/fieldwork/visits/${visitId}/submit`,
      {
        ...sent,
        answers: [{ key: 'saludo', value: false }],
      },
    );
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('FIELDWORK_ALREADY_SUBMITTED');
    const n = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM fieldwork_actions WHERE visit_id = $1',
      [visitId],
    );
    expect(n.rows[0]?.n).toBe(2);
    const v = await api(s.admin as Session, 'GET', `/api/fieldwork/visits/${visitId}`);
    expect(v.json().answers.find((a: { key: string }) => a.key === 'saludo').value).toBe(true);
  });

  it('a reviewer approves; the published views carry the visit', async () => {
    const r = await api(s.analyst as Session, 'POST', `/api/fieldwork/visits/${visitId}/review`, {
      decision: 'approve',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('approved');
    const pv = await t.db.query<{ critical_failed: boolean; final_score: number }>(
      'SELECT critical_failed, final_score FROM pub_fieldwork_visits WHERE org_id = $1 AND id = $2',
      [org.orgId, visitId],
    );
    expect(pv.rows[0]).toEqual({ critical_failed: true, final_score: 0 });
    const items = await t.db.query<{ item_key: string; met: boolean | null }>(
      'SELECT item_key, met FROM pub_fieldwork_item_results WHERE visit_id = $1 ORDER BY item_key',
      [visitId],
    );
    expect(items.rows).toEqual([
      { item_key: 'espera', met: false },
      { item_key: 'identifica', met: false },
      { item_key: 'limpieza', met: true },
      { item_key: 'saludo', met: true },
    ]);
    const late = await api(
      s.shopper as Session,
      'POST',
      `/api/fieldwork/visits/${visitId}/photos`,
      {
        id: randomUUID(),
        kind: 'evidence',
        filename: 'x.png',
        contentBase64: PNG.toString('base64'),
      },
    );
    expect(late.statusCode).toBe(409);
  });
});

describe('photos', () => {
  it('accepts images only (sniffed), refuses too-large files, flags duplicates across visits', async () => {
    const a = await scheduleFor(shopper2.id);
    const b = await scheduleFor(shopper2.id);
    const up = (visit: string, content: Buffer, filename = 'f.png', id = randomUUID()) =>
      api(shopper2.session, 'POST', `/api/fieldwork/visits/${visit}/photos`, {
        id,
        kind: 'evidence',
        itemKey: 'limpieza',
        filename,
        contentBase64: content.toString('base64'),
      });
    const html = await up(a, Buffer.from('<html><script>alert(1)</script></html>'), 'foto.png');
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('FIELDWORK_PHOTO_TYPE');
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const tooBig = await up(a, big);
    expect(tooBig.statusCode).toBe(413);
    const id = randomUUID();
    expect((await up(a, PNG, 'f.png', id)).statusCode).toBe(201);
    expect((await up(a, PNG, 'f.png', id)).statusCode).toBe(200); // same id, same file: replay
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect((await up(a, jpeg, 'f.jpg', id)).statusCode).toBe(409); // same id, other file
    expect((await up(b, PNG)).statusCode).toBe(201);
    const r = await api(shopper2.session, 'POST', `/api/fieldwork/visits/${b}/submit`, {
      answers: [{ key: 'saludo', value: true }],
      ...times(),
    });
    expect(r.statusCode).toBe(201);
    const v = await api(s.admin as Session, 'GET', `/api/fieldwork/visits/${b}`);
    const codes = (v.json().flags as { code: string }[]).map((f) => f.code);
    expect(codes).toContain('duplicate_photo');
    expect(codes).toContain('no_receipt');
    const served = await api(s.admin as Session, 'GET', `/api/fieldwork/visits/${a}/photos/${id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
  });

  it('flags a visit that took implausibly little time', async () => {
    const v = await scheduleFor(shopper2.id);
    const end = new Date(Date.now() - 1000);
    const r = await api(shopper2.session, 'POST', `/api/fieldwork/visits/${v}/submit`, {
      answers: [{ key: 'saludo', value: true }],
      startedAt: new Date(end.getTime() - 60_000).toISOString(),
      endedAt: end.toISOString(),
    });
    expect(r.statusCode).toBe(201);
    const d = await api(s.admin as Session, 'GET', `/api/fieldwork/visits/${v}`);
    expect((d.json().flags as { code: string }[]).map((f) => f.code)).toContain('too_short');
    const bad = await api(
      shopper2.session,
      'POST',
      `/api/fieldwork/visits/${await scheduleFor(shopper2.id)}/submit`,
      {
        answers: [],
        startedAt: end.toISOString(),
        endedAt: new Date(end.getTime() - 60_000).toISOString(),
      },
    );
    expect(bad.json().error.code).toBe('FIELDWORK_TIMES_INVALID');
  });
});

describe('versions, scopes, isolation', () => {
  it('a checklist edited after visits were made: visits keep their version', async () => {
    const v1 = await scheduleFor(shopper2.id);
    const put = await api(s.admin as Session, 'PUT', `/api/fieldwork/checklists/${checklistId}`, {
      name: 'Visita a oficina bancaria',
      items: [
        ...ITEMS,
        { key: 'despedida', section: 'acogida', label: 'Se despide', type: 'yesno' },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).toBe(2);
    const d = await api(shopper2.session, 'GET', `/api/fieldwork/visits/${v1}`);
    expect(d.json().checklistVersion).toBe(1);
    expect(d.json().items).toHaveLength(4);
    const refused = await api(shopper2.session, 'POST', `/api/fieldwork/visits/${v1}/submit`, {
      answers: [{ key: 'despedida', value: true }],
      ...times(),
    });
    expect(refused.json().error.code).toBe('FIELDWORK_ANSWER_UNKNOWN_ITEM');
    const v2 = await scheduleFor(shopper2.id);
    const d2 = await api(shopper2.session, 'GET', `/api/fieldwork/visits/${v2}`);
    expect(d2.json().checklistVersion).toBe(2);
    expect(d2.json().items).toHaveLength(5);
  });

  it('an auditor of another unit gets a clear 403; inside their unit the audit is stored', async () => {
    const body = (unitId: string) => ({
      id: randomUUID(),
      checklistId,
      kind: 'audit',
      unitId,
      answers: [{ key: 'saludo', value: true }],
      ...times(),
    });
    const out = await api(s.agent as Session, 'POST', '/api/fieldwork/audits', body(norte));
    expect(out.statusCode).toBe(403);
    expect(out.json().error.code).toBe('FIELDWORK_UNIT_SCOPE');
    const inside = body(centro);
    const ok = await api(s.agent as Session, 'POST', '/api/fieldwork/audits', inside);
    expect(ok.statusCode, ok.body).toBe(201);
    const replay = await api(s.agent as Session, 'POST', '/api/fieldwork/audits', inside);
    expect(replay.statusCode).toBe(200);
    const list = await api(s.agent as Session, 'GET', '/api/fieldwork/visits');
    const units = (list.json().items as { unitId: string | null }[]).map((x) => x.unitId);
    expect(units).not.toContain(norte);
  });

  it("another org's users never see or change this org's visits", async () => {
    const v = await scheduleFor(org.users.shopper.id);
    expect(
      (await api(s.otherOwner as Session, 'GET', `/api/fieldwork/visits/${v}`)).statusCode,
    ).toBe(404);
    const r = await api(s.otherOwner as Session, 'POST', `/api/fieldwork/visits/${v}/submit`, {
      answers: [],
      ...times(),
    });
    expect(r.statusCode).toBe(404);
    const taken = await api(s.otherOwner as Session, 'POST', '/api/fieldwork/visits', {
      visits: [{ id: v, checklistId, kind: 'audit', unitId: norte }],
    });
    expect(taken.statusCode).toBeGreaterThanOrEqual(400);
    expect(taken.statusCode).toBeLessThan(500);
  });
});

describe('reports and import', () => {
  it('the checklist report is scoreAudit over the stored visits; competitors apart', async () => {
    const comp = await scheduleFor(shopper2.id, 'competitor');
    const r0 = await api(shopper2.session, 'POST', `/api/fieldwork/visits/${comp}/submit`, {
      answers: [
        { key: 'saludo', value: false },
        { key: 'identifica', value: false },
      ],
      ...times(),
    });
    expect(r0.statusCode).toBe(201);
    const rep = await api(
      s.viewer as Session,
      'GET',
      `/api/fieldwork/checklists/${checklistId}/report`,
    );
    expect(rep.statusCode, rep.body).toBe(200);
    const report = rep.json();
    expect(report.competitors.map((c: { unit: string }) => c.unit)).toEqual(['Banco Rival']);
    expect(report.units.map((u: { unit: string }) => u.unit)).not.toContain('Banco Rival');
    // recompute the version-1 part with the contract's function from the raw rows
    const rows = await t.db.query<{
      id: string;
      unit: string;
      kind: 'audit';
      key: string;
      value: never;
    }>(
      `SELECT v.id, COALESCE(u.name, v.competitor_name) AS unit, v.kind, a.item_key AS key, a.value
         FROM fieldwork_visits v LEFT JOIN org_units u ON u.id = v.unit_id
         LEFT JOIN fieldwork_answers a ON a.visit_id = v.id
        WHERE v.org_id = $1 AND v.checklist_version = 1 AND v.status IN ('submitted','approved')
        ORDER BY v.visited_at, v.id`,
      [org.orgId],
    );
    const visits = new Map<
      string,
      { id: string; unit: string; kind: 'audit'; answers: Record<string, never> }
    >();
    for (const r of rows.rows) {
      const v = visits.get(r.id) ?? { id: r.id, unit: r.unit, kind: r.kind, answers: {} };
      if (r.key) v.answers[r.key] = r.value;
      visits.set(r.id, v);
    }
    const items = (
      await t.db.query<{ items: never[] }>(
        'SELECT items FROM fieldwork_checklist_versions WHERE checklist_id = $1 AND version = 1',
        [checklistId],
      )
    ).rows[0]?.items as never[];
    const expected = scoreAudit(toStatsChecklist(items), [...visits.values()]);
    for (const ev of expected.visits) {
      const got = report.visits.find((x: { visit: string }) => x.visit === ev.visit);
      expect(got).toEqual(ev);
    }
    const sum = await api(s.viewer as Session, 'GET', '/api/fieldwork/summary');
    expect(sum.statusCode).toBe(200);
    expect(sum.json().competitors).toHaveLength(1);
    expect(
      sum.json().items.find((x: { item: string }) => x.item === 'identifica').n,
    ).toBeGreaterThan(0);
  });

  it("imports an agency's CSV with per-row rejections; a second import stores nothing twice", async () => {
    const csv = [
      'visit_id,unit,kind,saludo,espera,limpieza,identifica,despedida',
      'A1,Sucursal Norte,mystery,yes,5,5,yes,yes',
      'A2,Sucursal Centro,audit,no,n/a,3,yes,',
      'A3,Sucursal Sur,mystery,yes,5,5,yes,yes',
      'A4,Sucursal Norte,mystery,yes,5,9,yes,yes',
      'A5,Banco Rival,competitor,yes,20,2,no,no',
      'A1,Sucursal Norte,mystery,yes,5,5,yes,yes',
    ].join('\n');
    const send = () => {
      const boundary = '----fw';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="agencia.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return t.app.inject({
        method: 'POST',
        url: `/api/fieldwork/checklists/${checklistId}/import`,
        headers: {
          ...(s.admin as Session).headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    };
    const r = await send();
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json();
    expect(out.imported).toBe(3);
    expect(out.rejected).toEqual([
      { row: 4, column: 'unit', value: 'Sucursal Sur', reason: 'unknown_unit' },
      { row: 5, column: 'limpieza', value: '9', reason: 'out_of_scale' },
      { row: 7, column: 'visit_id', value: 'A1', reason: 'duplicate_in_file' },
    ]);
    const again = (await send()).json();
    expect(again.imported).toBe(0);
    expect(again.already).toBe(3);
  });

  it('overdue corrective actions: counted for the home tile, owners report, managers verify', async () => {
    const before = await api(s.admin as Session, 'GET', '/api/fieldwork/actions?overdue=true');
    expect(before.json().items).toHaveLength(0);
    await t.db.query(
      `UPDATE fieldwork_actions SET due_date = CURRENT_DATE - 2 WHERE org_id = $1 AND item_key = 'identifica'`,
      [org.orgId],
    );
    const over = await api(s.admin as Session, 'GET', '/api/fieldwork/actions?overdue=true');
    const list = over.json().items as { id: string; overdue: boolean }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a) => a.overdue)).toBe(true);
    const a = list[0] as { id: string };
    const assign = await api(s.analyst as Session, 'PATCH', `/api/fieldwork/actions/${a.id}`, {
      ownerId: org.users.agent.id,
    });
    expect(assign.statusCode, assign.body).toBe(200);
    // the agent is scoped to Centro; this action is in Norte
    const noScope = await api(s.agent as Session, 'PATCH', `/api/fieldwork/actions/${a.id}`, {
      status: 'done',
    });
    expect(noScope.statusCode).toBe(403);
    const verifyEarly = await api(s.analyst as Session, 'PATCH', `/api/fieldwork/actions/${a.id}`, {
      status: 'verified',
    });
    expect(verifyEarly.statusCode).toBe(403);
    expect(
      (
        await api(s.analyst as Session, 'PATCH', `/api/fieldwork/actions/${a.id}`, {
          status: 'done',
          note: 'Formación dada',
        })
      ).statusCode,
    ).toBe(200);
    const ver = await api(s.admin as Session, 'PATCH', `/api/fieldwork/actions/${a.id}`, {
      status: 'verified',
      note: 'Comprobado en la siguiente visita',
    });
    expect(ver.json().status).toBe('verified');
  });
});

describe('builder and scheduling screens (PUT with active, reassign)', () => {
  it('saving items together with `active` (what the builder sends) makes a new version', async () => {
    const cur = (
      await api(s.admin as Session, 'GET', `/api/fieldwork/checklists/${checklistId}`)
    ).json();
    const put = await api(s.admin as Session, 'PUT', `/api/fieldwork/checklists/${checklistId}`, {
      name: cur.name,
      description: cur.description,
      active: true,
      items: [...ITEMS].reverse(),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).toBe(cur.version + 1);
    expect(put.json().items[0].key).toBe('identifica');
  });

  it('a manager reassigns a scheduled visit; done visits and bad assignees are refused', async () => {
    const id = await scheduleFor(org.users.shopper.id);
    const r = await api(s.admin as Session, 'PATCH', `/api/fieldwork/visits/${id}`, {
      assigneeId: shopper2.id,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().assigneeId).toBe(shopper2.id);
    expect((await api(s.shopper as Session, 'GET', `/api/fieldwork/visits/${id}`)).statusCode).toBe(
      404,
    );
    // an agent (not a manager) cannot reassign
    const agent = await api(s.agent as Session, 'PATCH', `/api/fieldwork/visits/${id}`, {
      assigneeId: null,
    });
    expect(agent.statusCode).toBe(403);
    // a shopper cannot take an internal audit
    const audit = await scheduleFor(org.users.admin.id, 'audit');
    const bad = await api(s.admin as Session, 'PATCH', `/api/fieldwork/visits/${audit}`, {
      assigneeId: shopper2.id,
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    // once submitted, the visit keeps its assignee
    const sent = await api(shopper2.session, 'POST', `/api/fieldwork/visits/${id}/submit`, {
      answers: [{ key: 'saludo', value: true }],
      ...times(),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const late = await api(s.admin as Session, 'PATCH', `/api/fieldwork/visits/${id}`, {
      assigneeId: null,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('FIELDWORK_NOT_SCHEDULED');
  });
});
