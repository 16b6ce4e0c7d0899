// The submission hot path (submit.ts group commit + repo.insertNewResponses, migration 202):
// many concurrent submissions share statements without losing, duplicating or mixing answers,
// retries of the same id replay, and deleting a response still removes its answers (the trigger
// that replaced the foreign key's ON DELETE CASCADE). Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../../test/harness';
import * as repo from './repo';
import { ensureSurveyFromTemplate } from './service';
import { storeResponse, type TSubmitInput } from './submit';

let db: TestDb;
let survey: repo.TSurveyRow;
let orgId: string;

beforeAll(async () => {
  db = await createTestDb();
  const org = await createOrg(db, 'Cascada');
  orgId = org.orgId;
  const id = await ensureSurveyFromTemplate(db, org.orgId, 'nps_relational', 'NPS', {
    slug: 'cascada-nps',
  });
  survey = (await repo.getSurvey(db, org.orgId, id)) as repo.TSurveyRow;
});
afterAll(async () => {
  await db.close();
});

const input = (id: string, nps: number): TSubmitInput => ({
  id,
  status: 'complete',
  language: 'es',
  answers: { nps, reason: `motivo ${nps}`, satisfaction: 10 - nps },
  channel: 'web',
  customerId: null,
  orgUnitId: null,
  enteredBy: null,
  invitationId: null,
  deviceKey: null,
  startedAt: null,
  page: null,
  raw: { id, nps },
  duplicates: 'off',
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(sql, params)).rows[0]?.n;

it('stores 300 concurrent submissions (50 sent twice) once each, answers with their own response', async () => {
  const ids = Array.from({ length: 250 }, () => randomUUID());
  const calls = ids.map((id, i) => storeResponse(db, survey, input(id, i % 11)));
  // the same bodies again while the first ones are still queued: replays, never new rows
  const again = ids.slice(0, 50).map((id, i) => storeResponse(db, survey, input(id, i % 11)));
  const first = await Promise.all(calls);
  const second = await Promise.all(again);
  // Which of two concurrent copies is stored first is the database's call (its unique key);
  // what matters: each id created exactly once, every other copy a replay of the same response.
  const all = [...first, ...second];
  const created = all.filter((r) => !r.replay).map((r) => r.id);
  expect(created).toHaveLength(250);
  expect(new Set(created).size).toBe(250);
  expect(all.filter((r) => r.replay && r.status === 'complete')).toHaveLength(50);
  expect(await count('SELECT count(*)::int AS n FROM survey_responses')).toBe(250);
  expect(await count('SELECT count(*)::int AS n FROM survey_answers')).toBe(750);
  // every answer row belongs to its own response: the nps value matches the raw body's
  const mixed = await count(
    `SELECT count(*)::int AS n FROM survey_answers a
       JOIN survey_responses r ON r.org_id = a.org_id AND r.id = a.response_id
      WHERE a.question_key = 'nps' AND a.num <> (r.raw->>'nps')::float8`,
  );
  expect(mixed).toBe(0);
  // a different body under a used id is refused, not stored
  await expect(storeResponse(db, survey, input(ids[0] as string, 3))).rejects.toMatchObject({
    code: 'SURVEY_RESPONSE_CONFLICT',
  });
});

it('deleting a response deletes its answers (cascade kept by trigger)', async () => {
  const id = randomUUID();
  await storeResponse(db, survey, input(id, 9));
  expect(
    await count('SELECT count(*)::int AS n FROM survey_answers WHERE response_id = $1', [id]),
  ).toBe(3);
  await db.query('DELETE FROM survey_responses WHERE id = $1', [id]);
  expect(
    await count('SELECT count(*)::int AS n FROM survey_answers WHERE response_id = $1', [id]),
  ).toBe(0);
  expect(await count('SELECT count(*)::int AS n FROM survey_answers')).toBe(750);
});

it('a detractor with a known customer raises a follow-up only while the response is fresh', async () => {
  const c = await db.query<{ id: string }>(
    `INSERT INTO customers (org_id, external_id, name) VALUES ($1, 'C-1', 'Rosa Vidal') RETURNING id`,
    [orgId],
  );
  const customerId = c.rows[0]?.id as string;
  const day = 86_400_000;
  const submit = (daysAgo: number) =>
    storeResponse(db, survey, {
      ...input(randomUUID(), 2),
      customerId,
      channel: 'postal',
      submittedAt: new Date(Date.now() - daysAgo * day).toISOString(),
    });
  const jobs = () =>
    count(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'survey.followup' AND org_id = $1`, [
      orgId,
    ]);
  await submit(45); // a paper form keyed in six weeks late, or an old import: no case now
  expect(await jobs()).toBe(0);
  await submit(3); // last week's form: followed up
  expect(await jobs()).toBe(1);
});
