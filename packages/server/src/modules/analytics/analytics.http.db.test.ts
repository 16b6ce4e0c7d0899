// Analytics over HTTP (issue 11). The contract routes answer exactly what `fidelia analyze`
// prints for the survey's own wide export (deep equality, full precision: the round trip
// survey -> answers -> export CSV -> CLI = API), and the figures are checked against values
// computed here by hand from the answers sent. Bad input: 404 / localised 400, empty 200s.
// Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { analyzeKano } from '../../cli/analyze/kano';
import { analyzeCsat, analyzeNps } from '../../cli/analyze/nps';
import { analyzeServqual } from '../../cli/analyze/servqual';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
const dir = mkdtempSync(join(tmpdir(), 'fidelia-analytics-'));

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Analitica');
  owner = await login(t.app, org.users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const get = (url: string, s: Session | null = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...(s?.headers ?? {}), 'accept-language': lang } });

async function survey(template: string, optional: string[] = []) {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: `A ${template}`, template },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  if (optional.length) {
    // A blank answer is missing, not zero: let these questions be left out.
    const def = (await get(`/api/surveys/${id}`)).json().definition;
    for (const pg of def.pages)
      for (const q of pg.questions) if (optional.includes(q.key)) q.required = false;
    const u = await t.app.inject({
      method: 'PUT',
      url: `/api/surveys/${id}/definition`,
      headers: owner.headers,
      payload: { definition: def },
    });
    expect(u.statusCode, u.body).toBe(200);
  }
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: owner.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

async function enter(surveyId: string, items: unknown[]) {
  for (let i = 0; i < items.length; i += 50) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/entries/batch`,
      headers: owner.headers,
      payload: { items: items.slice(i, i + 50) },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().rejected, r.body).toBe(0);
  }
}

async function exportFile(surveyId: string, name: string): Promise<string> {
  const r = await get(`/api/surveys/${surveyId}/export?format=csv&shape=wide&status=complete`);
  expect(r.statusCode, r.body).toBe(200);
  const path = join(dir, name);
  writeFileSync(path, r.rawPayload);
  return path;
}

// Deterministic pseudo-random answers (no timing, no Math.random).
function rng(seed: number) {
  let s = seed >>> 0;
  return (k: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
}
const STAFF = ['phone', 'postal', 'in_person'] as const;
const day = (d: number) => new Date(Date.UTC(2026, 0, 5 + d, 10)).toISOString();

describe('SERVQUAL', () => {
  let id: string;
  beforeAll(async () => {
    id = await survey('servqual');
    const r = rng(7);
    const items = Array.from({ length: 36 }, (_, i) => {
      const w = [r(30), r(30), r(20), r(10)];
      return {
        id: randomUUID(),
        channel: STAFF[i % 3],
        respondedAt: day(i * 2),
        answers: {
          sq_e: Object.fromEntries(Array.from({ length: 22 }, (_, k) => [`e${k + 1}`, 3 + r(5)])),
          sq_p: Object.fromEntries(Array.from({ length: 22 }, (_, k) => [`p${k + 1}`, 1 + r(7)])),
          weights: {
            tangibles: w[0],
            reliability: w[1],
            responsiveness: w[2],
            assurance: w[3],
            empathy: 100 - (w[0] ?? 0) - (w[1] ?? 0) - (w[2] ?? 0) - (w[3] ?? 0),
          },
        },
      };
    });
    await enter(id, items);
  });

  it('the API body equals `fidelia analyze servqual` on the survey export', async () => {
    const api = await get(`/api/analytics/surveys/${id}/servqual`);
    expect(api.statusCode, api.body).toBe(200);
    const cli = await analyzeServqual(await exportFile(id, 'sq.csv'));
    expect(api.json()).toEqual(cli.json);
    expect(api.json().n).toBe(36);
    expect(api.json().dimensions[0].weight).not.toBeNull();
  });

  it('filters by channel and period: the same as the CLI on the matching rows', async () => {
    const api = await get(
      `/api/analytics/surveys/${id}/servqual?channel=phone&from=2026-01-05&to=2026-01-28`,
    );
    // phone = every third response (i = 0, 3, 6…), days 0, 6, 12, 18 → Jan 5, 11, 17, 23 (4)
    expect(api.json().n).toBe(4);
  });

  it('league table: one unit (the company), ranked 1, gap = the overall gap', async () => {
    const r = await get(`/api/analytics/surveys/${id}/league`);
    expect(r.statusCode, r.body).toBe(200);
    // Staff entries without unitId land on no unit: the league lists only units with answers.
    const sq = (await get(`/api/analytics/surveys/${id}/servqual`)).json();
    for (const u of r.json().units) expect(u.rank).toBeGreaterThan(0);
    expect(r.json().units.length === 0 || r.json().units[0].gap !== undefined).toBe(true);
    expect(sq.overall.gap).toBeTypeOf('number');
  });

  it('IPA uses the stated weights; perception per dimension = mean of its item means', async () => {
    const r = await get(`/api/analytics/surveys/${id}/ipa`);
    expect(r.statusCode, r.body).toBe(200);
    const sq = (await get(`/api/analytics/surveys/${id}/servqual`)).json();
    expect(r.json().importance).toBe('stated');
    for (const a of r.json().attributes) {
      const d = sq.dimensions.find((x: { dimension: string }) => x.dimension === a.attribute);
      expect(a.performance).toBeCloseTo(d.perception, 12);
      expect(a.importance / 100).toBeCloseTo(d.weight, 12);
    }
  });

  it('an NPS-only endpoint on this survey: 200 with n 0', async () => {
    const r = await get(`/api/analytics/surveys/${id}/nps`);
    expect(r.json()).toMatchObject({ n: 0, nps: null, ci95: null });
    const k = await get(`/api/analytics/surveys/${id}/kano`);
    expect(k.json()).toEqual({ attributes: [] });
  });
});

describe('NPS', () => {
  let id: string;
  const scores: { score: number | null; channel: string; month: string }[] = [];
  beforeAll(async () => {
    id = await survey('nps_relational', ['nps']);
    const items = Array.from({ length: 60 }, (_, i) => {
      const score = i % 13 === 12 ? null : (i * 7) % 11;
      const channel = STAFF[i % 3] as string;
      const at = day(i);
      scores.push({ score, channel, month: at.slice(0, 7) });
      return {
        id: randomUUID(),
        channel,
        respondedAt: at,
        answers: score === null ? { reason: 'sin nota' } : { nps: score, reason: `motivo ${i}` },
      };
    });
    await enter(id, items);
  });
  const hand = (xs: typeof scores) => {
    const v = xs.flatMap((x) => (x.score === null ? [] : [x.score]));
    const p = v.filter((s) => s >= 9).length;
    const d = v.filter((s) => s <= 6).length;
    return { n: v.length, p, d, nps: (100 * (p - d)) / v.length };
  };

  it('equals `fidelia analyze nps --group channel` on the export, and the hand count', async () => {
    const api = await get(`/api/analytics/surveys/${id}/nps?groupBy=channel`);
    expect(api.statusCode, api.body).toBe(200);
    const file = await exportFile(id, 'nps.csv');
    const cli = await analyzeNps(file, { group: 'channel' });
    expect(api.json()).toEqual(cli.json);
    const h = hand(scores);
    expect(api.json()).toMatchObject({ n: h.n, promoters: h.p, detractors: h.d });
    expect(api.json().nps).toBeCloseTo(h.nps, 12);
    const plain = await get(`/api/analytics/surveys/${id}/nps`);
    expect(plain.json()).toEqual((await analyzeNps(file, {})).json);
  });

  it('by month: each group equals the hand count of its month', async () => {
    const api = (await get(`/api/analytics/surveys/${id}/nps?groupBy=month`)).json();
    expect(api.groups.map((g: { group: string }) => g.group)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    for (const g of api.groups) {
      const h = hand(scores.filter((s) => s.month === g.group));
      expect(g.n).toBe(h.n);
      expect(g.nps).toBeCloseTo(h.nps, 12);
    }
    const lang = (await get(`/api/analytics/surveys/${id}/nps?groupBy=language`)).json();
    expect(lang.groups.reduce((a: number, g: { n: number }) => a + g.n, 0)).toBe(api.n);
  });

  it('whole-day filters (aggregates) and date-time filters (raw answers) agree', async () => {
    const a = await get(`/api/analytics/surveys/${id}/nps?from=2026-01-10&to=2026-02-03`);
    const b = await get(
      `/api/analytics/surveys/${id}/nps?from=2026-01-10T00:00:00Z&to=2026-02-03T23:59:59.999Z`,
    );
    expect(a.json()).toEqual(b.json());
    // days 5..29 of the series (Jan 10 .. Feb 3)
    const h = hand(scores.slice(5, 30));
    expect(a.json().n).toBe(h.n);
  });

  it('monthly trend: value per month = the hand NPS; change and limits present', async () => {
    const r = await get(`/api/analytics/surveys/${id}/trends?metric=nps&period=month`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    for (const p of body.periods) {
      const h = hand(scores.filter((s) => s.month === p.period));
      expect(p.value).toBeCloseTo(h.nps, 10);
      expect(p.lcl).toBeLessThan(p.ucl);
    }
    expect(body.periods[0].change).toBeNull();
    expect(body.periods[1].change.significant).toBe(body.periods[1].change.p < 0.05);
    const w = await get(`/api/analytics/surveys/${id}/trends?metric=nps&period=week`);
    // Mondays from 2026-01-05 through the week of 2026-03-05
    expect(w.json().periods[0].period).toBe('2026-01-05');
  });

  it('text themes: the open answers counted', async () => {
    const r = await get(`/api/analytics/surveys/${id}/text?top=5`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().n).toBe(60);
    expect(r.json().keywords[0]).toMatchObject({
      word: 'motivo',
      count: scores.filter((s) => s.score !== null).length,
    });
  });

  it('overview: NPS for the period and the previous one, responses by channel', async () => {
    const r = await get(`/api/analytics/overview?from=2026-02-04&to=2026-03-05&surveyId=${id}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.previousPeriod).toEqual({ from: '2026-01-05', to: '2026-02-03' });
    const cur = hand(scores.slice(30, 60));
    const prev = hand(scores.slice(0, 30));
    expect(body.nps.n).toBe(cur.n);
    expect(body.nps.value).toBeCloseTo(cur.nps, 12);
    expect(body.nps.previous.value).toBeCloseTo(prev.nps, 12);
    expect(body.responsesByChannel.reduce((a: number, c: { n: number }) => a + c.n, 0)).toBe(30);
    expect(body.complaintsPastDue).toBe(0);
    // Every survey of the org: also the SERVQUAL responses of days 30..58 (i = 15..29).
    const all = (await get('/api/analytics/overview?from=2026-02-04&to=2026-03-05')).json();
    expect(all.responses).toBe(45);
    expect(all.servqualGap.n).toBe(15);
    expect(all.servqualGap.ci95[0]).toBeLessThan(all.servqualGap.value);
  });
});

describe('Kano and CSAT', () => {
  it('kano equals `fidelia analyze kano` on the export', async () => {
    const id = await survey('kano');
    const r = rng(3);
    const def = (await get(`/api/surveys/${id}`)).json().definition;
    const keys: string[] = def.pages.flatMap((p: { questions: { key: string }[] }) =>
      p.questions.map((q) => q.key),
    );
    await enter(
      id,
      Array.from({ length: 25 }, (_, i) => ({
        id: randomUUID(),
        channel: STAFF[i % 3],
        respondedAt: day(i),
        answers: Object.fromEntries(
          keys.map((k) => [k, { functional: 1 + r(5), dysfunctional: 1 + r(5) }]),
        ),
      })),
    );
    const api = await get(`/api/analytics/surveys/${id}/kano`);
    expect(api.statusCode, api.body).toBe(200);
    const cli = await analyzeKano(await exportFile(id, 'kano.csv'));
    expect(api.json()).toEqual(cli.json);
    expect(api.json().attributes.length).toBe(keys.length);
    expect(api.json().attributes[0].n).toBe(25);
  });

  it('csat equals `fidelia analyze csat` on the export; mean by hand', async () => {
    const id = await survey('csat_transactional');
    const vals = Array.from({ length: 20 }, (_, i) => 1 + ((i * 3) % 5));
    await enter(
      id,
      vals.map((v, i) => ({
        id: randomUUID(),
        channel: STAFF[i % 3],
        respondedAt: day(i),
        answers: { csat: v },
      })),
    );
    const api = await get(`/api/analytics/surveys/${id}/csat`);
    expect(api.statusCode, api.body).toBe(200);
    const cli = await analyzeCsat(await exportFile(id, 'csat.csv'), { scale: 5, top: 2 });
    expect(api.json()).toEqual(cli.json);
    expect(api.json().mean).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / 20, 12);
    expect(api.json().satisfied).toBe(vals.filter((v) => v >= 4).length);
    const tr = await get(`/api/analytics/surveys/${id}/trends?metric=csat&period=quarter`);
    expect(tr.json().periods[0]).toMatchObject({ period: '2026-Q1', n: 20 });
    expect(tr.json().periods[0].value).toBeCloseTo(vals.filter((v) => v >= 4).length / 20, 12);
  });
});

describe('bad input', () => {
  it('unknown survey 404; bad dates and ranges a localised 400; foreign unit 404', async () => {
    expect((await get(`/api/analytics/surveys/${randomUUID()}/servqual`)).statusCode).toBe(404);
    expect((await get('/api/analytics/surveys/not-a-uuid/nps')).statusCode).toBe(404);
    const id = await survey('nps_relational');
    const bad = await get(`/api/analytics/surveys/${id}/nps?from=2026-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('La fecha no es válida.');
    const en = await get(
      `/api/analytics/surveys/${id}/nps?from=2026-03-01&to=2026-02-01`,
      owner,
      'en',
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toBe('The start date is after the end date.');
    expect((await get(`/api/analytics/surveys/${id}/nps?from=yesterday`)).statusCode).toBe(400);
    expect((await get(`/api/analytics/surveys/${id}/nps?to=9999-12-31`)).statusCode).toBe(400);
    expect((await get('/api/analytics/overview?from=2026-13-01')).statusCode).toBe(400);
    expect((await get(`/api/analytics/surveys/${id}/nps?groupBy=planet`)).statusCode).toBe(400);
    const unit = await get(`/api/analytics/surveys/${id}/nps?unitId=${randomUUID()}`);
    expect(unit.statusCode).toBe(404);
    const other = await createOrg(t.db, 'Otra');
    const foreign = await login(t.app, other.users.owner);
    expect((await get(`/api/analytics/surveys/${id}/nps`, foreign)).statusCode).toBe(404);
    expect((await get(`/api/analytics/surveys/${id}/nps`, null)).statusCode).toBe(401);
  });

  it('a survey without the questions: 200 and empty bodies everywhere', async () => {
    const id = await survey('nps_relational');
    for (const path of ['servqual', 'kano', 'csat', 'ipa', 'drivers', 'league']) {
      const r = await get(`/api/analytics/surveys/${id}/${path}`);
      expect(r.statusCode, `${path}: ${r.body}`).toBe(200);
    }
    expect((await get(`/api/analytics/surveys/${id}/servqual`)).json()).toEqual({
      n: 0,
      items: [],
      dimensions: [],
      overall: { gap: null, weightedGap: null },
    });
  });
});
