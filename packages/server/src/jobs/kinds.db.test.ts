// A job whose payload does not match its kind's schema fails at once, logged at warn, and its
// handler never runs. Runs on PGlite and PostgreSQL.
import { Writable } from 'node:stream';
import pino from 'pino';
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

it('fails a bad payload permanently without calling the handler', async () => {
  const seen: string[] = [];
  registerJob('retention.refit', async ({ runId }) => {
    seen.push(runId);
    return { ok: true };
  });
  const lines: { level: number; msg: string; reason?: string; kind?: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  const log = pino({ level: 'info' }, stream);

  const bad = await enqueue(db, { orgId, kind: 'retention.refit', payload: { run: 'x' } });
  expect(await runOne(db, log)).toBe(true);
  const j = await getJob(db, orgId, bad);
  expect(j?.status).toBe('failed');
  expect(j?.attempts).toBe(1);
  expect(j?.last_error).toMatch(/invalid retention\.refit payload: runId/);
  expect(seen).toEqual([]);
  const warn = lines.find((l) => l.kind === 'retention.refit');
  expect(warn?.level).toBe(40);
  expect(warn?.reason).toMatch(/runId/);

  const good = await enqueue(db, { orgId, kind: 'retention.refit', payload: { runId: 'r-1' } });
  expect(await runOne(db, log)).toBe(true);
  expect((await getJob(db, orgId, good))?.status).toBe('done');
  expect(seen).toEqual(['r-1']);
});
