import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../test/harness';
import { enqueue, getJob, registerJob } from './queue';
import { runOne } from './worker';

let db: TestDb;
let orgId: string;
beforeAll(async () => {
  db = await createTestDb();
  orgId = (await createOrg(db)).orgId;
});
afterAll(() => db.close());

it('runs a job with progress and result', async () => {
  registerJob('test.ok', async (payload, ctx) => {
    await ctx.progress({ done: 1 });
    return { echo: payload };
  });
  const id = await enqueue(db, { orgId, kind: 'test.ok', payload: { n: 1 } });
  expect(await runOne(db)).toBe(true);
  const j = await getJob(db, orgId, id);
  expect(j).toMatchObject({ status: 'done', progress: { done: 1 }, result: { echo: { n: 1 } } });
});

it('retries then fails, and reclaims jobs locked by a crashed process', async () => {
  registerJob('test.fail', async () => {
    throw new Error('boom');
  });
  const id = await enqueue(db, { orgId, kind: 'test.fail', maxAttempts: 2 });
  await runOne(db);
  expect(await getJob(db, orgId, id)).toMatchObject({
    status: 'queued',
    attempts: 1,
    last_error: 'boom',
  });
  await db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
  await runOne(db);
  expect(await getJob(db, orgId, id)).toMatchObject({ status: 'failed', attempts: 2 });

  const stuck = await enqueue(db, { orgId, kind: 'test.ok' });
  await db.query(
    `UPDATE jobs SET status = 'running', locked_until = now() - interval '1 minute' WHERE id = $1`,
    [stuck],
  );
  expect(await runOne(db)).toBe(true);
  expect(await getJob(db, orgId, stuck)).toMatchObject({ status: 'done' });
});
