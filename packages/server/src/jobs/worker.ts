// In-process worker: claims one ready job at a time with FOR UPDATE SKIP LOCKED (safe with
// several server processes on PostgreSQL; trivially serial on PGlite), runs its handler, and
// records done / retry with backoff / failed. Expired locks (crashed process) are reclaimed.
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { type JobRow, jobHandler, jobKinds } from './queue';

const LOCK_SECONDS = 300;

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
export async function runOne(db: Db, log?: Pick<Logger, 'error'>): Promise<boolean> {
  const job = await claimJob(db);
  if (!job) return false;
  const handler = jobHandler(job.kind);
  try {
    if (!handler) throw new Error(`no handler for ${job.kind}`);
    const result = await handler(job.payload, {
      id: job.id,
      orgId: job.org_id,
      attempt: job.attempts,
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
    log?.error({ err: e, job: job.id, kind: job.kind }, 'job failed');
    const retry = job.attempts < job.max_attempts;
    await db.query(
      `UPDATE jobs SET status = $3, last_error = $4, locked_until = NULL, updated_at = now(),
              run_at = now() + make_interval(secs => $5::int)
        WHERE org_id = $1 AND id = $2`,
      [job.org_id, job.id, retry ? 'queued' : 'failed', msg, retry ? 2 ** job.attempts : 0],
    );
  }
  return true;
}

export function startWorker(db: Db, log?: Pick<Logger, 'error'>, intervalMs = 500) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    running = (async () => {
      try {
        while (!stopped && (await runOne(db, log))) {}
      } catch (err) {
        log?.error({ err }, 'job worker poll failed');
      }
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    /** Stops polling and waits for the job in hand to finish. */
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
