// In-process worker: claims one ready job at a time with FOR UPDATE SKIP LOCKED (safe with
// several server processes on PostgreSQL; trivially serial on PGlite), runs its handler, and
// records done / retry with backoff / failed. Expired locks (crashed process) are reclaimed.
// Every failure is logged (a job's failure is otherwise only a row nobody reads): unexpected ones
// at error with the stack, expected ones (PermanentJobError) at warn.
import pino, { type Logger } from 'pino';
import type { Db } from '../db/client';
import { startPolling, type TPolling } from '../lib/poll';
import { type JobRow, jobHandler, jobKinds, PermanentJobError, parsePayload } from './queue';

const LOCK_SECONDS = 300;
const silent = pino({ level: 'silent' });

export async function claimJob(db: Db): Promise<JobRow | null> {
  const kinds = jobKinds();
  if (!kinds.length) return null;
  const r = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = now(),
            locked_until = now() + make_interval(secs => ${LOCK_SECONDS})
      WHERE id = (SELECT id FROM jobs
                   WHERE kind = ANY($1::text[])
                     AND ((status = 'queued' AND run_at <= now())
                       OR (status = 'running' AND locked_until < now()))
                   ORDER BY run_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING *`,
    [kinds],
  );
  return r.rows[0] ?? null;
}

/** Claims and runs one job; returns false when nothing was ready. */
export async function runOne(db: Db, logger: Logger = silent): Promise<boolean> {
  const job = await claimJob(db);
  if (!job) return false;
  const handler = jobHandler(job.kind);
  const log = logger.child({
    job: job.id,
    kind: job.kind,
    orgId: job.org_id,
    attempt: job.attempts,
  });
  try {
    if (!handler) throw new Error(`no handler for ${job.kind}`);
    const result = await handler(parsePayload(job.kind, job.payload), {
      id: job.id,
      orgId: job.org_id,
      attempt: job.attempts,
      lastAttempt: job.attempts >= job.max_attempts,
      log,
      progress: async (p) => {
        await db.query(
          `UPDATE jobs SET progress = $3::jsonb, updated_at = now(),
                  locked_until = now() + make_interval(secs => ${LOCK_SECONDS})
            WHERE org_id = $1 AND id = $2`,
          [job.org_id, job.id, JSON.stringify(p)],
        );
      },
    });
    await db.query(
      `UPDATE jobs SET status = 'done', result = $3::jsonb, locked_until = NULL, updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [job.org_id, job.id, JSON.stringify(result ?? null)],
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const permanent = e instanceof PermanentJobError;
    const retry = !permanent && job.attempts < job.max_attempts;
    const delay = retry ? 2 ** job.attempts : 0;
    if (permanent) log.warn({ reason: msg }, 'job failed (permanent, not retried)');
    else
      log.error(
        { err: e, maxAttempts: job.max_attempts, retryInSeconds: retry ? delay : null },
        retry ? 'job failed; will retry' : 'job failed; no attempts left',
      );
    await db.query(
      `UPDATE jobs SET status = $3, last_error = $4, locked_until = NULL, updated_at = now(),
              run_at = now() + make_interval(secs => $5::int)
        WHERE org_id = $1 AND id = $2`,
      [job.org_id, job.id, retry ? 'queued' : 'failed', msg, delay],
    );
  }
  return true;
}

/** Polls every `intervalMs`; stop() stops polling and waits for the job in hand to finish. */
export function startWorker(db: Db, log: Logger = silent, intervalMs = 500): TPolling {
  let stopped = false;
  const polling = startPolling(
    async () => {
      while (!stopped && (await runOne(db, log))) {}
    },
    { intervalMs, onError: (err) => log.error({ err }, 'job worker poll failed') },
  );
  return {
    stop: () => {
      stopped = true; // and no next job in this pass
      return polling.stop();
    },
  };
}
