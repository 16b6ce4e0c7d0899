// GET /api/analytics/surveys/:id/internal (issue 11, internal customers): the unit-to-unit
// matrix from the internal-customer template's tags, checked against means worked out by hand;
// provider names matched to units whatever the accents/case, unknown providers kept as typed,
// cells under the minimum n without a mean. PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { nameKey } from './internal';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let north: string;
let centre: string;
let accounts: string;
let survey: string;

const get = (url: string, s: Session = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...s.headers, 'accept-language': lang } });

async function unit(name: string): Promise<string> {
  const r = await t.db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, 'team') RETURNING id`,
    [org.orgId, org.companyUnitId, name],
  );
  return (r.rows[0] as { id: string }).id;
}

async function create(template: string): Promise<string> {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: `S ${template}`, template },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: owner.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

const answer = (provider: string, r: [number, number, number, number]) => ({
  provider,
  internal: { timeliness: r[0], accuracy: r[1], communication: r[2], helpfulness: r[3] },
});

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Cliente interno');
  owner = await login(t.app, org.users.owner);
  north = await unit('Sucursal Norte');
  centre = await unit('Sucursal Centro');
  accounts = await unit('Contabilidad Central');
  survey = await create('internal_customer');
  // Sucursal Norte rates Contabilidad 5 times (respondent means 4, 3, 5, 4.5, 3.5 -> 4.0);
  // Sucursal Centro rates it twice (2, 3 -> 2.5, under the minimum of 5);
  // one "Informática" answer from Norte (no such unit: kept as typed).
  const rows: [string, string, [number, number, number, number]][] = [
    [north, 'Contabilidad Central', [4, 4, 4, 4]],
    [north, 'contabilidad  central', [3, 3, 3, 3]],
    [north, 'CONTABILIDAD CENTRAL', [5, 5, 5, 5]],
    [north, 'Contabilidad Central', [5, 4, 5, 4]],
    [north, 'Contabilidád Central', [3, 4, 3, 4]],
    [centre, 'Contabilidad Central', [2, 2, 2, 2]],
    [centre, 'Contabilidad Central', [3, 3, 3, 3]],
    [north, 'Informática', [1, 2, 3, 4]],
  ];
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${survey}/entries/batch`,
    headers: owner.headers,
    payload: {
      items: rows.map(([u, p, x]) => ({
        id: randomUUID(),
        channel: 'phone',
        orgUnitId: u,
        answers: answer(p, x),
      })),
    },
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().rejected, r.body).toBe(0);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('internal customer matrix', () => {
  it('answers rows = serving unit, columns = customer unit, hand-computed means', async () => {
    const res = await get(`/api/analytics/surveys/${survey}/internal`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.applicable).toBe(true);
    expect(b.n).toBe(8);
    expect(b.minN).toBe(5);
    expect(b.rows.map((x: { name: string; n: number }) => [x.name, x.n])).toEqual([
      ['Contabilidad Central', 7],
      ['Informática', 1],
    ]);
    const acc = b.rows[0];
    expect(acc.unitId).toBe(accounts);
    // (4 + 3 + 5 + 4.5 + 3.5 + 2 + 3) / 7 = 25 / 7
    expect(acc.mean).toBeCloseTo(25 / 7, 12);
    expect(b.rows[1]).toMatchObject({ unitId: null, mean: 2.5 });
    expect(b.columns.map((x: { name: string }) => x.name)).toEqual([
      'Sucursal Centro',
      'Sucursal Norte',
    ]);
    const cell = (row: string, col: string) =>
      b.cells.find((c: { row: string; column: string }) => c.row === row && c.column === col);
    expect(cell(accounts, north)).toEqual({ row: accounts, column: north, n: 5, mean: 4 });
    // two answers: shown as "not enough data"
    expect(cell(accounts, centre)).toEqual({ row: accounts, column: centre, n: 2, mean: null });
    expect(b.items.map((x: { tag: string }) => x.tag)).toEqual([
      'internal:timeliness',
      'internal:accuracy',
      'internal:communication',
      'internal:helpfulness',
    ]);
    const items = Object.fromEntries(
      b.items.map((x: { tag: string; mean: number }) => [x.tag, x.mean]),
    );
    // timeliness: 4+3+5+5+3+2+3+1 = 26 / 8
    expect(items['internal:timeliness']).toBeCloseTo(26 / 8, 12);
    expect(items['internal:helpfulness']).toBeCloseTo((4 + 3 + 5 + 4 + 4 + 2 + 3 + 4) / 8, 12);
  });

  it('filters by unit (the respondents of that unit)', async () => {
    const b = (await get(`/api/analytics/surveys/${survey}/internal?unitId=${centre}`)).json();
    expect(b.n).toBe(2);
    expect(b.columns).toHaveLength(1);
    expect(b.rows[0].mean).toBe(2.5);
  });

  it('a survey without the provider question is not applicable; bad input is a 4xx', async () => {
    const nps = await create('nps_relational');
    const b = (await get(`/api/analytics/surveys/${nps}/internal`)).json();
    expect(b).toMatchObject({ applicable: false, n: 0, rows: [], cells: [] });
    expect((await get(`/api/analytics/surveys/${randomUUID()}/internal`)).statusCode).toBe(404);
    const bad = await get(`/api/analytics/surveys/${survey}/internal?from=2026-02-30`, owner, 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Invalid date.');
  });

  it('matches names without accents, case or extra spaces', () => {
    expect(nameKey('  Contabilidád   CENTRAL ')).toBe(nameKey('contabilidad central'));
  });
});
