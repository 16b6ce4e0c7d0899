// Durable job queue in the `jobs` table. Handlers are registered by kind (registerJob) and run
// by the in-process worker (worker.ts). Jobs survive restarts; a job whose lock expired (its
// process crashed) is picked up again.
import type { Logger } from 'pino';
import type { Sql } from '../db/client';

export interface JobContext {
  id: string;
  orgId: string;
  attempt: number;
  /** No retry follows if this attempt fails (attempt = the job's max attempts). */
  lastAttempt: boolean;
  /** The server's logger, bound to this job (job id, kind, org id, attempt). */
  log: Logger;
  /** Saves progress (shown in the UI) and extends the lock. */
  progress(p: Record<string, unknown>): Promise<void>;
}

/**
 * An expected failure that another attempt cannot fix (a bad file, a missing record): the job
 * is marked failed at once and logged at warn, without a stack. Anything else a handler throws
 * is unexpected: logged at error with its stack and retried up to the job's max attempts.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>;

const handlers = new Map<string, JobHandler>();

export function registerJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}
export const jobHandler = (kind: string) => handlers.get(kind);
export const jobKinds = () => [...handlers.keys()];

export async function enqueue(
  db: Sql,
  job: { orgId: string; kind: string; payload?: unknown; runAt?: Date; maxAttempts?: number },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO jobs (org_id, kind, payload, run_at, max_attempts)
     VALUES ($1, $2, $3::jsonb, COALESCE($4, now()), $5) RETURNING id`,
    [
      job.orgId,
      job.kind,
      JSON.stringify(job.payload ?? {}),
      job.runAt ?? null,
      job.maxAttempts ?? 3,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

/** Drops the queued (not yet picked up) jobs of one kind: e.g. mail the demo seed must not send. */
export async function dropQueued(db: Sql, orgId: string, kind: string): Promise<void> {
  await db.query(`DELETE FROM jobs WHERE org_id = $1 AND kind = $2 AND status = 'queued'`, [
    orgId,
    kind,
  ]);
}

export interface JobRow {
  id: string;
  org_id: string;
  kind: string;
  payload: unknown;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  progress: unknown;
  result: unknown;
  last_error: string | null;
}

export async function getJob(db: Sql, orgId: string, id: string): Promise<JobRow | null> {
  const r = await db.query<JobRow>('SELECT * FROM jobs WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rows[0] ?? null;
}
