// Scorecard numbers on hand-made data (expected values computed by hand below), the minimum
// sample rule (no figure, no rank on 3 answers), staff attribution through the `staff` tag,
// retry-safe compliments and nominations, idempotent recognition, and tenant isolation.
// Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import type { AuthContext } from '../../lib/access';
import { caller, ok } from '../complaints/testing';
import { createAndSubmit, createChecklist } from '../fieldwork/service';
import { ensureSurveyFromTemplate } from '../surveys/service';
import { staffOptionValue } from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let call: ReturnType<typeof caller>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let agent: Session;
let analyst: Session;
let otherOwner: Session;
let norte: string;
let centro: string;
let surveyId: string;

// The previous calendar month (UTC) holds the survey answers and compliments.
const now = new Date();
const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const PREV = prev.toISOString().slice(0, 7);
const CUR = now.toISOString().slice(0, 7);
const FROM = `${PREV}-01`;
const TODAY = now.toISOString().slice(0, 10);
const day = (d: number) => `${PREV}-${String(d).padStart(2, '0')}`;

async function respond(
  unitId: string,
  d: number,
  answers: { tag: string; num?: number; txt?: string }[],
) {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
        org_unit_id, raw, body_hash, submitted_at)
     VALUES ($1, $2, $3, 1, 'complete', 'web', 'es', $4, '{}'::jsonb, 'h', $5::timestamptz)`,
    [org.orgId, id, surveyId, unitId, `${day(d)}T10:00:00Z`],
  );
  for (const [i, a] of answers.entries())
    await t.db.query(
      `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num, txt)
       VALUES ($1, $2, $3, $4, '', $5, $6, $7)`,
      [org.orgId, surveyId, id, `q${i}`, a.tag, a.num ?? null, a.txt ?? null],
    );
}

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Rendimiento');
  other = await createOrg(t.db, 'Otra');
  const u = await t.db.query<{ id: string; name: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind)
     VALUES ($1, $2, 'Sucursal Norte', 'branch'), ($1, $2, 'Sucursal Centro', 'branch')
     RETURNING id, name`,
    [org.orgId, org.companyUnitId],
  );
  norte = u.rows.find((x) => x.name === 'Sucursal Norte')?.id as string;
  centro = u.rows.find((x) => x.name === 'Sucursal Centro')?.id as string;
  await t.db.query('UPDATE users SET unit_id = $2 WHERE org_id = $1 AND id = $3', [
    org.orgId,
    centro,
    org.users.agent.id,
  ]);
  surveyId = await ensureSurveyFromTemplate(t.db, org.orgId, 'nps_relational', 'NPS');
  // Norte: 30 answers — 15 promoters (10), 5 passives (8), 10 detractors (3); CSAT 20 × 4 and
  // 10 × 2; SERVQUAL P items: every respondent answers items 1 and 2 with 6 and 4 (mean 5).
  for (let i = 0; i < 30; i++) {
    const nps = i < 15 ? 10 : i < 20 ? 8 : 3;
    const csat = i < 20 ? 4 : 2;
    await respond(norte, 1 + (i % 28), [
      { tag: 'nps', num: nps },
      { tag: 'csat', num: csat },
      { tag: 'servqual:P:1', num: 6 },
      { tag: 'servqual:P:2', num: 4 },
    ]);
  }
  // Centro: 3 answers, all promoters; two of them name the agent (one with a compliment).
  const staff = staffOptionValue(org.users.agent.id);
  await respond(centro, 3, [
    { tag: 'nps', num: 10 },
    { tag: 'staff', txt: staff },
    { tag: 'compliment', txt: 'Carlos me atendió con mucha paciencia.' },
  ]);
  await respond(centro, 4, [
    { tag: 'nps', num: 9 },
    { tag: 'staff', txt: staff },
  ]);
  await respond(centro, 5, [{ tag: 'nps', num: 10 }]);
  // Five mystery visits at Norte serving the agent: final scores 1, 1, 2/3, 2/3 and 0 (a
  // failed critical item), i.e. 12 of 15 checklist items met.
  const auth: AuthContext = {
    orgId: org.orgId,
    userId: org.users.owner.id,
    role: 'owner',
    unitId: null,
    email: org.users.owner.email,
    via: 'session',
    scopes: [],
  };
  const checklist = await createChecklist(t.db, auth, {
    name: 'Visita de cliente misterioso',
    items: [
      { key: 'greet', section: 'Acogida', label: 'Saluda al entrar', type: 'yesno' },
      { key: 'wait', section: 'Espera', label: 'Espera menor de 10 minutos', type: 'yesno' },
      {
        key: 'id_check',
        section: 'Seguridad',
        label: 'Comprueba la identidad',
        type: 'yesno',
        critical: true,
      },
    ],
  });
  const plans: Record<string, boolean>[] = [
    { greet: true, wait: true, id_check: true },
    { greet: true, wait: true, id_check: true },
    { greet: false, wait: true, id_check: true },
    { greet: true, wait: false, id_check: true },
    { greet: true, wait: true, id_check: false },
  ];
  for (const [i, p] of plans.entries())
    await createAndSubmit(t.db, auth, {
      id: randomUUID(),
      checklistId: checklist.id,
      kind: 'mystery',
      unitId: norte,
      staffUserId: org.users.agent.id,
      startedAt: `${day(10 + i)}T10:00:00Z`,
      endedAt: `${day(10 + i)}T10:30:00Z`,
      answers: Object.entries(p).map(([key, value]) => ({ key, value })),
    });
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
  analyst = await login(t.app, org.users.analyst);
  otherOwner = await login(t.app, other.users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

type Metric = {
  n: number;
  value: number | null;
  ci95: [number, number] | null;
  enough: boolean;
};
type Card = {
  surveys: { nps: Metric; csat: Metric; servqual: Metric };
  fieldwork: {
    available: boolean;
    mystery: { score: Metric; critical: Metric };
    compliance: Metric;
    latest: { criticalFailed: boolean; score: number }[];
    actions: { critical: boolean; title: string }[];
  };
  complaints: { received: number; named: number | null };
  compliments: number;
  trend: { month: string; nps: Metric; compliments: number; complaints: number }[];
  compare: {
    kind: string;
    rows: { id: string; name: string; nps: Metric; rank: { nps: number | null } }[];
  } | null;
};

describe('scorecard', () => {
  it('unit figures equal the hand computation', async () => {
    const c = await ok<Card>(
      call(owner, {
        method: 'GET',
        url: `/api/performance/scorecard?unitId=${norte}&from=${FROM}&to=${TODAY}`,
      }),
    );
    // NPS = 100·(15 − 10)/30 = 16.667; se = 100·√((0.5 + 0.3333 − 0.1667²)/30) = 16.3865
    expect(c.surveys.nps.n).toBe(30);
    expect(c.surveys.nps.value).toBeCloseTo(16.6667, 3);
    expect(c.surveys.nps.ci95?.[0]).toBeCloseTo(16.6667 - 1.96 * 16.3865, 2);
    expect(c.surveys.nps.ci95?.[1]).toBeCloseTo(16.6667 + 1.96 * 16.3865, 2);
    expect(c.surveys.nps.enough).toBe(true);
    // CSAT top-2 box = 20/30; Wilson 95 %: centre (p + z²/2n)/(1 + z²/n)
    const z = 1.959964;
    const p = 20 / 30;
    const centre = (p + (z * z) / 60) / (1 + (z * z) / 30);
    const half = (z * Math.sqrt((p * (1 - p)) / 30 + (z * z) / 3600)) / (1 + (z * z) / 30);
    expect(c.surveys.csat.value).toBeCloseTo(p, 6);
    expect(c.surveys.csat.ci95?.[0]).toBeCloseTo(centre - half, 4);
    expect(c.surveys.csat.ci95?.[1]).toBeCloseTo(centre + half, 4);
    // every respondent's perception mean is (6 + 4)/2 = 5, sd 0
    expect(c.surveys.servqual.n).toBe(30);
    expect(c.surveys.servqual.value).toBeCloseTo(5, 9);
    expect(c.trend.map((x) => x.month)).toEqual([PREV, CUR]);
    expect(c.trend[0]?.nps.n).toBe(30);
    expect(c.trend[1]?.nps.n).toBe(0);
    // Mystery final scores 1, 1, 2/3, 2/3, 0: mean 2/3, sd √(6/9 / 4) = 0.408248, t(.975, 4) =
    // 2.776445, half-width 2.776445 · 0.408248 / √5 = 0.506898; the upper end (1.1736) is cut
    // to the scale's 100 %
    const m = c.fieldwork.mystery.score;
    expect(c.fieldwork.available).toBe(true);
    expect(m.n).toBe(5);
    expect(m.enough).toBe(true);
    expect(m.value).toBeCloseTo(2 / 3, 6);
    expect(m.ci95?.[0]).toBeCloseTo(2 / 3 - 0.506898, 4);
    expect(m.ci95?.[1]).toBe(1);
    // 1 critical failure in 5 visits (Wilson), shown beside the survey results
    expect(c.fieldwork.mystery.critical.value).toBeCloseTo(0.2, 9);
    expect(c.fieldwork.latest.filter((v) => v.criticalFailed)).toHaveLength(1);
    // 12 of 15 items met = 0.8, but 15 < 30 items: not enough to compare
    expect(c.fieldwork.compliance.n).toBe(15);
    expect(c.fieldwork.compliance.value).toBeCloseTo(0.8, 9);
    expect(c.fieldwork.compliance.enough).toBe(false);
    // the critical failure opened a corrective action, listed on the scorecard
    expect(c.fieldwork.actions.some((a) => a.critical)).toBe(true);
  });

  it('shows no figure and no rank below the minimum sample', async () => {
    const c = await ok<Card>(
      call(owner, { method: 'GET', url: `/api/performance/scorecard?from=${FROM}&to=${TODAY}` }),
    );
    expect(c.surveys.nps.n).toBe(33);
    const rows = c.compare?.rows ?? [];
    expect(c.compare?.kind).toBe('unit');
    const n = rows.find((r) => r.id === norte);
    const ce = rows.find((r) => r.id === centro);
    expect(n?.nps.enough).toBe(true);
    expect(n?.rank.nps).toBe(1);
    // Centro's NPS is 100 on 3 answers: reported with its n, never ranked above Norte
    expect(ce?.nps.n).toBe(3);
    expect(ce?.nps.value).toBe(100);
    expect(ce?.nps.enough).toBe(false);
    expect(ce?.rank.nps).toBeNull();
  });

  it('attributes responses that name a staff member through the staff tag', async () => {
    const c = await ok<Card>(
      call(agent, {
        method: 'GET',
        url: `/api/performance/scorecard?userId=${org.users.agent.id}&from=${FROM}&to=${TODAY}`,
      }),
    );
    expect(c.surveys.nps.n).toBe(2);
    expect(c.surveys.nps.value).toBe(100);
    expect(c.surveys.nps.enough).toBe(false);
    // an agent may not open a colleague's scorecard
    const r = await call(agent, {
      method: 'GET',
      url: `/api/performance/scorecard?userId=${org.users.analyst.id}`,
    });
    expect(r.statusCode).toBe(403);
  });

  it('counts complaints received in the unit', async () => {
    await ok(
      call(owner, {
        method: 'POST',
        url: '/api/complaints',
        payload: {
          subject: 'Espera larga',
          description: 'Esperé 40 minutos en la oficina.',
          unitId: centro,
        },
      }),
      201,
    );
    const c = await ok<Card>(
      call(owner, {
        method: 'GET',
        url: `/api/performance/scorecard?unitId=${centro}&from=${FROM}&to=${TODAY}`,
      }),
    );
    expect(c.complaints.received).toBe(1);
    expect(c.trend.find((x) => x.month === CUR)?.complaints).toBe(1);
  });

  it('refuses bad periods and other orgs (4xx)', async () => {
    const bad = await call(owner, {
      method: 'GET',
      url: '/api/performance/scorecard?from=2026-05-01&to=2026-04-01',
    });
    expect(bad.statusCode).toBe(400);
    const foreign = await call(otherOwner, {
      method: 'GET',
      url: `/api/performance/scorecard?unitId=${norte}`,
    });
    expect(foreign.statusCode).toBe(404);
    const foreignUser = await call(otherOwner, {
      method: 'GET',
      url: `/api/performance/scorecard?userId=${org.users.agent.id}`,
    });
    expect(foreignUser.statusCode).toBe(404);
  });
});

describe('compliments and recognition', () => {
  const compliment = (id: string, body: string) => ({
    id,
    staffUserId: org.users.agent.id,
    customerName: 'Rosa Martín',
    body,
    channel: 'in_person',
    receivedOn: day(10),
  });

  it('stores a compliment once per client id (201, then 200 replay, 409 on other content)', async () => {
    const id = randomUUID();
    const a = await ok<{ replay: boolean }>(
      call(agent, {
        method: 'POST',
        url: '/api/performance/compliments',
        payload: compliment(id, 'Muy amable'),
      }),
      201,
    );
    expect(a.replay).toBe(false);
    const b = await ok<{ replay: boolean }>(
      call(agent, {
        method: 'POST',
        url: '/api/performance/compliments',
        payload: compliment(id, 'Muy amable'),
      }),
      200,
    );
    expect(b.replay).toBe(true);
    const c = await call(agent, {
      method: 'POST',
      url: '/api/performance/compliments',
      payload: compliment(id, 'Otro texto'),
    });
    expect(c.statusCode).toBe(409);
    // the same id from another org is not a way in
    const d = await call(otherOwner, {
      method: 'POST',
      url: '/api/performance/compliments',
      payload: { ...compliment(id, 'Muy amable'), staffUserId: other.users.agent.id },
    });
    expect(d.statusCode).toBe(409);
    const list = await ok<{ items: unknown[] }>(
      call(otherOwner, { method: 'GET', url: '/api/performance/compliments' }),
    );
    expect(list.items).toHaveLength(0);
    // a viewer may read but not enter compliments
    const viewer = await login(t.app, org.users.viewer);
    const v = await call(viewer, {
      method: 'POST',
      url: '/api/performance/compliments',
      payload: compliment(randomUUID(), 'x'),
    });
    expect(v.statusCode).toBe(403);
  });

  it('awards a rule once per person, rule and month however often it runs', async () => {
    await ok(
      call(agent, {
        method: 'POST',
        url: '/api/performance/compliments',
        payload: compliment(randomUUID(), 'Resolvió mi problema en el acto'),
      }),
      201,
    );
    const rule = await ok<{ id: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/performance/rules',
        payload: {
          nameEs: '3 elogios en un mes',
          nameEn: '3 compliments in a month',
          metric: 'compliments',
          threshold: 3,
          points: 50,
        },
      }),
      201,
    );
    expect(rule.id).toBeTruthy();
    // NPS on 2 answers never rewards, whatever the threshold
    await ok(
      call(owner, {
        method: 'POST',
        url: '/api/performance/rules',
        payload: { nameEs: 'NPS', nameEn: 'NPS', metric: 'nps', threshold: 0, badgeEs: 'NPS' },
      }),
      201,
    );
    // 2 entered + 1 harvested from the survey answer tagged `compliment` = 3
    const first = await ok<{ awarded: number }>(
      call(owner, { method: 'POST', url: '/api/performance/evaluate', payload: { period: PREV } }),
    );
    expect(first.awarded).toBe(1);
    const again = await ok<{ awarded: number }>(
      call(owner, { method: 'POST', url: '/api/performance/evaluate', payload: { period: PREV } }),
    );
    expect(again.awarded).toBe(0);
    const list = await ok<{ items: { source: string }[] }>(
      call(owner, {
        method: 'GET',
        url: `/api/performance/compliments?staffUserId=${org.users.agent.id}`,
      }),
    );
    expect(list.items.filter((x) => x.source === 'survey')).toHaveLength(1);
    const board = await ok<{
      awards: { userId: string; points: number }[];
      leaders: { userId: string; month: number; total: number }[];
    }>(call(agent, { method: 'GET', url: `/api/performance/board?period=${PREV}` }));
    expect(board.awards).toHaveLength(1);
    expect(board.leaders).toEqual([
      expect.objectContaining({ userId: org.users.agent.id, month: 50, total: 50 }),
    ]);
    const otherBoard = await ok<{ awards: unknown[] }>(
      call(otherOwner, { method: 'GET', url: `/api/performance/board?period=${PREV}` }),
    );
    expect(otherBoard.awards).toHaveLength(0);
    const rules = await call(agent, {
      method: 'POST',
      url: '/api/performance/rules',
      payload: { nameEs: 'x', nameEn: 'x', metric: 'compliments', threshold: 1, points: 1 },
    });
    expect(rules.statusCode).toBe(403);
  });

  it('rewards a mystery score at or above the threshold (mean 66.7 %)', async () => {
    for (const threshold of [60, 70])
      await ok(
        call(owner, {
          method: 'POST',
          url: '/api/performance/rules',
          payload: {
            nameEs: `Misterioso ≥ ${threshold}`,
            nameEn: `Mystery ≥ ${threshold}`,
            metric: 'mystery_score',
            threshold,
            badgeEs: `Misterioso ${threshold}`,
          },
        }),
        201,
      );
    const r = await ok<{ awarded: number }>(
      call(owner, { method: 'POST', url: '/api/performance/evaluate', payload: { period: PREV } }),
    );
    expect(r.awarded).toBe(1);
    const board = await ok<{ awards: { titleEs: string; value: number; n: number }[] }>(
      call(agent, { method: 'GET', url: `/api/performance/board?period=${PREV}` }),
    );
    const a = board.awards.find((x) => x.titleEs.startsWith('Misterioso'));
    expect(a?.titleEs).toBe('Misterioso 60');
    expect(a?.value).toBeCloseTo(200 / 3, 6);
    expect(a?.n).toBe(5);
  });

  it('nominations: approval awards the points once; no self-nomination', async () => {
    const id = randomUUID();
    const body = {
      id,
      nomineeId: org.users.viewer.id,
      period: PREV,
      reason: 'Cubrió el turno de una compañera',
      points: 20,
    };
    await ok(
      call(agent, { method: 'POST', url: '/api/performance/nominations', payload: body }),
      201,
    );
    await ok(
      call(agent, { method: 'POST', url: '/api/performance/nominations', payload: body }),
      200,
    );
    const self = await call(agent, {
      method: 'POST',
      url: '/api/performance/nominations',
      payload: { ...body, id: randomUUID(), nomineeId: org.users.agent.id },
    });
    expect(self.statusCode).toBe(400);
    const decide = () =>
      call(analyst, {
        method: 'POST',
        url: `/api/performance/nominations/${id}/decision`,
        payload: { decision: 'approved' },
      });
    expect((await decide()).statusCode).toBe(200);
    expect((await decide()).statusCode).toBe(200);
    const foreign = await call(otherOwner, {
      method: 'POST',
      url: `/api/performance/nominations/${id}/decision`,
      payload: { decision: 'rejected' },
    });
    expect(foreign.statusCode).toBe(404);
    const board = await ok<{ leaders: { userId: string; month: number }[] }>(
      call(agent, { method: 'GET', url: `/api/performance/board?period=${PREV}` }),
    );
    expect(board.leaders.find((x) => x.userId === org.users.viewer.id)?.month).toBe(20);
  });
});
