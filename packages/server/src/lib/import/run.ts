// The run frame every file import job shares (customers, retention transactions, survey
// responses) around its row loop (pipeline.ts; the module supplies row rules and batch writer
// and keeps its rejections in its own tables); this file holds what is the same around that:
//  - `csvRowEstimate`: the progress denominator (line count minus the header; quoted newlines
//    make it an upper bound, the final figure replaces it; XLSX reports 0 until done);
//  - `importRun`: the failure rules. An AppError (the file or its target cannot be imported as
//    they are) marks the import failed with its code at once, logged at warn, no retry. Anything
//    else (database, bug) is rethrown so the worker logs it with its stack and retries the job
//    (every import is safe to re-run); the import shows failed only when no attempt is left.
// `set` is the module's own "UPDATE <its imports table> SET <sql> WHERE org_id = $1 AND id = $2"
// (extra parameters from $3), so no SQL here touches another module's table.
import type { JobContext } from '../../jobs/queue';
import { AppError } from '../errors';

export type TImportSet = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Lines in a CSV upload minus its header (an upper bound); 0 for XLSX. */
export function csvRowEstimate(bytes: Uint8Array, format: 'csv' | 'xlsx'): number {
  return format === 'csv' ? Math.max(0, countLines(bytes) - 1) : 0;
}

export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
}

export interface TImportRunOptions<T> {
  importId: string;
  set: TImportSet;
  /** The job's context; without one (a direct call) every failure is recorded, none thrown. */
  run: Pick<JobContext, 'log' | 'lastAttempt'> | undefined;
  /** The warn line for an expected failure, e.g. 'customer import failed: unusable file'. */
  expectedMessage: string;
  /** The error code stored when no attempt is left after unexpected failures. */
  failedCode: string;
  /** What the run answers after a recorded (not rethrown) failure. */
  onFailed: () => T;
}

export async function importRun<T>(o: TImportRunOptions<T>, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof AppError || !o.run) {
      const code = e instanceof AppError ? e.code : o.failedCode;
      o.run?.log.warn({ importId: o.importId, code }, o.expectedMessage);
      await o.set(`status = 'failed', error = $3, finished_at = now()`, [code]).catch(() => {});
      return o.onFailed();
    }
    await (o.run.lastAttempt
      ? o.set(`status = 'failed', error = $3, finished_at = now()`, [o.failedCode])
      : o.set(`status = 'queued'`)
    ).catch(() => {});
    throw e;
  }
}
