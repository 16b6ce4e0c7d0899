// CSAT from the aggregates (score counts solved from n, Σ, Σ² and the top/middle/bottom counts)
// gives the same body as CSAT from the raw answers. The raw path is forced with language=es,
// which every response here has, so both read the same answers. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../../test/harness';
import { ensureSurveyFromTemplate } from '../surveys/service';
import { csatCountsOf } from './reports';
import { csatFromAggregates, csatReportFor, resolveFilter } from './service';

let db: TestDb;
let orgId: string;
let surveyId: string;
let auth: never;
let units: string[];

async function insert(n: number, score: (i: number) => number, seed: number) {
  const ids = Array.from({ length: n }, () => randomUUID());
  const at = ids.map((_, i) => new Date(Date.UTC(2026, 0, 1 + ((i * 7 + seed) % 90), 9)));
  await db.query(
    `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
        org_unit_id, raw, body_hash, submitted_at)
     SELECT $1, u.id, $2, 1, 'complete', (ARRAY['web','phone','postal'])[1 + u.k % 3], 'es',
            ($4::uuid[])[1 + u.k % 3], '{}'::jsonb, 'h', u.at
       FROM unnest($3::uuid[], $5::timestamptz[]) WITH ORDINALITY AS u(id, at, k)`,
    [orgId, surveyId, ids, units, at.map((d) => d.toISOString())],
  );
  await db.query(
    `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num)
     SELECT $1, $2, u.id, 'satisfaction', '', 'csat', u.v FROM unnest($3::uuid[], $4::float8[]) AS u(id, v)`,
    [orgId, surveyId, ids, ids.map((_, i) => score(i))],
  );
}

beforeAll(async () => {
  db = await createTestDb();
  const org = await createOrg(db, 'CSAT agregados');
  orgId = org.orgId;
  auth = {
    orgId,
    userId: org.users.owner.id,
    role: 'owner',
    unitId: null,
    email: 'o@x.test',
  } as never;
  surveyId = await ensureSurveyFromTemplate(db, orgId, 'nps_relational', 'CSAT agregados');
  const u = await db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind)
     SELECT $1, $2, 'Sucursal ' || g, 'branch' FROM generate_series(1, 2) g RETURNING id`,
    [orgId, org.companyUnitId],
  );
  units = [org.companyUnitId, ...u.rows.map((r) => r.id)];
  // Skewed so that every score 1..5 has a different count.
  await insert(
    400,
    (i) => [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5][(i * 11) % 15] as number,
    0,
  );
});
afterAll(async () => {
  await db.close();
});

it('solves the score counts of a row by hand: scores 1, 2, 2, 3, 5, 5, 5', () => {
  // n 7, Σ 23, Σ² 1 + 4 + 4 + 9 + 75 = 93, hi (4-5) 3, mid (3) 1, lo (1-2) 3
  expect(csatCountsOf({ n: 7, sum: 23, sumsq: 93, hi: 3, mid: 1, lo: 3 })).toEqual([1, 2, 1, 0, 3]);
  // a 3.5 among them: no integer solution
  expect(csatCountsOf({ n: 2, sum: 8.5, sumsq: 37.25, hi: 1, mid: 1, lo: 0 })).toBeNull();
});

it('answers the same body from the aggregates as from the raw answers', async () => {
  const queries = [
    {},
    { groupBy: 'unit' as const },
    { groupBy: 'month' as const },
    { groupBy: 'channel' as const },
    { from: '2026-01-10', to: '2026-02-20', groupBy: 'month' as const },
    { unitId: units[1] as string, from: '2026-02-01', to: '2026-02-28' },
  ];
  for (const q of queries) {
    // the aggregate path answers (not a fallback to the raw one)
    const s = await resolveFilter(db, auth, surveyId, q);
    expect(await csatFromAggregates(db, auth, s, q)).not.toBeNull();
    const agg = await csatReportFor(db, auth, surveyId, q);
    const raw = await csatReportFor(db, auth, surveyId, { ...q, language: 'es' });
    expect(agg.n).toBeGreaterThan(0);
    expect(agg).toEqual(raw);
  }
  // Hand check of the whole survey: the 15-cycle above over 400 answers.
  const all = await csatReportFor(db, auth, surveyId, {});
  const want = [0, 0, 0, 0, 0];
  for (let i = 0; i < 400; i++) {
    const v = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5][(i * 11) % 15] as number;
    want[v - 1] = (want[v - 1] ?? 0) + 1;
  }
  expect(all.distribution).toEqual(want);
  expect(all.satisfied).toBe((want[3] ?? 0) + (want[4] ?? 0));
});

it('falls back to the raw answers when a score is not an integer 1..5', async () => {
  await insert(3, () => 3.5, 1);
  const s = await resolveFilter(db, auth, surveyId, {});
  expect(await csatFromAggregates(db, auth, s, { groupBy: 'unit' })).toBeNull();
  const agg = await csatReportFor(db, auth, surveyId, { groupBy: 'unit' });
  const raw = await csatReportFor(db, auth, surveyId, { groupBy: 'unit', language: 'es' });
  expect(agg).toEqual(raw);
  expect(agg.n).toBe(403);
});
