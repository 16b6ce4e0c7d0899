// Job failures are never silent: the worker logs each one through a logger bound to the job
// (job id, kind, org id, attempt). An unexpected error is logged at error with its stack and
// retried up to the job's max attempts; a PermanentJobError at warn, failed at once. A customer
// import that hits an unexpected error is retried the same way (it used to store IMPORT_FAILED
// and log nothing). Runs on PGlite and PostgreSQL.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../test/harness';
import { registerImportJob } from '../modules/customers/import/service';
import { enqueue, getJob, PermanentJobError, registerJob } from './queue';
import { runOne } from './worker';

let db: TestDb;
let orgId: string;
beforeAll(async () => {
  db = await createTestDb();
  orgId = (await createOrg(db)).orgId;
});
afterAll(() => db.close());

interface TLine {
  level: number;
  msg: string;
  job?: string;
  kind?: string;
  orgId?: string;
  attempt?: number;
  err?: { message: string; stack: string };
  importId?: string;
  code?: string;
  reason?: string;
}

function capture() {
  const lines: TLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l) as TLine);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** Runs the job once more now (skips the retry backoff) and tells whether one was claimed. */
async function runNow(log: pino.Logger, id: string) {
  await db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
  return runOne(db, log);
}

it('logs an unexpected failure with the job id and stack and retries up to max attempts', async () => {
  let calls = 0;
  registerJob('test.log.boom', async () => {
    calls++;
    throw new Error('boom');
  });
  const { log, lines } = capture();
  const id = await enqueue(db, { orgId, kind: 'test.log.boom', maxAttempts: 3 });
  for (let i = 0; i < 3; i++) expect(await runNow(log, id)).toBe(true);
  expect(await runNow(log, id)).toBe(false); // no fourth attempt
  expect(calls).toBe(3);
  expect(await getJob(db, orgId, id)).toMatchObject({ status: 'failed', attempts: 3 });
  const mine = lines.filter((l) => l.job === id);
  expect(mine.map((l) => [l.level, l.attempt, l.msg])).toEqual([
    [50, 1, 'job failed; will retry'],
    [50, 2, 'job failed; will retry'],
    [50, 3, 'job failed; no attempts left'],
  ]);
  for (const l of mine) {
    expect(l).toMatchObject({ kind: 'test.log.boom', orgId, err: { message: 'boom' } });
    expect(l.err?.stack).toContain('logging.db.test.ts');
  }
});

it('logs an expected failure at warn and does not retry it', async () => {
  registerJob('test.log.bad', async () => {
    throw new PermanentJobError('file is not a spreadsheet');
  });
  const { log, lines } = capture();
  const id = await enqueue(db, { orgId, kind: 'test.log.bad', maxAttempts: 3 });
  expect(await runNow(log, id)).toBe(true);
  expect(await runNow(log, id)).toBe(false);
  expect(await getJob(db, orgId, id)).toMatchObject({
    status: 'failed',
    attempts: 1,
    last_error: 'file is not a spreadsheet',
  });
  expect(lines.filter((l) => l.job === id)).toMatchObject([
    { level: 40, kind: 'test.log.bad', orgId, msg: 'job failed (permanent, not retried)' },
  ]);
});

it('a customer import that fails unexpectedly is logged and retried, failed when none is left', async () => {
  registerImportJob(db);
  // mapping NULL: the engine cannot run it — an internal error, not a bad file
  const r = await db.query<{ id: string }>(
    `INSERT INTO customer_imports (org_id, file_name, file_format, file_data, encoding, status)
     VALUES ($1, 'c.csv', 'csv', convert_to('id,name\n1,Ana\n', 'UTF8'), 'utf-8', 'queued')
     RETURNING id`,
    [orgId],
  );
  const importId = r.rows[0]?.id as string;
  const { log, lines } = capture();
  const id = await enqueue(db, {
    orgId,
    kind: 'customer-import',
    payload: { importId },
    maxAttempts: 2,
  });
  const status = async () =>
    (
      await db.query<{ status: string; error: string | null }>(
        'SELECT status, error FROM customer_imports WHERE org_id = $1 AND id = $2',
        [orgId, importId],
      )
    ).rows[0];
  expect(await runNow(log, id)).toBe(true);
  expect(await status()).toMatchObject({ status: 'queued' }); // will be retried
  expect(await runNow(log, id)).toBe(true);
  expect(await status()).toMatchObject({ status: 'failed', error: 'IMPORT_FAILED' });
  const mine = lines.filter((l) => l.job === id);
  expect(mine.map((l) => [l.level, l.attempt])).toEqual([
    [50, 1],
    [50, 2],
  ]);
  expect(mine[0]?.err?.stack).toBeTruthy();
});

it('fails a payload that does not match its kind (jobs/kinds.ts) at once, without the handler', async () => {
  const seen: string[] = [];
  registerJob('retention.refit', async ({ runId }) => {
    seen.push(runId);
    return { ok: true };
  });
  const { log, lines } = capture();
  const bad = await enqueue(db, { orgId, kind: 'retention.refit', payload: { run: 'x' } });
  expect(await runNow(log, bad)).toBe(true);
  const j = await getJob(db, orgId, bad);
  expect(j?.status).toBe('failed');
  expect(j?.attempts).toBe(1);
  expect(j?.last_error).toMatch(/invalid retention\.refit payload: runId/);
  expect(seen).toEqual([]);
  const warn = lines.find((l) => l.job === bad);
  expect(warn?.level).toBe(40);
  expect(warn?.reason).toMatch(/runId/);

  const good = await enqueue(db, { orgId, kind: 'retention.refit', payload: { runId: 'r-1' } });
  expect(await runNow(log, good)).toBe(true);
  expect((await getJob(db, orgId, good))?.status).toBe('done');
  expect(seen).toEqual(['r-1']);
});
