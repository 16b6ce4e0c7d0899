import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { countLines, csvRowEstimate, importRun } from './run';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('import run frame', () => {
  it('estimates CSV rows as lines minus the header, with or without a final newline', () => {
    expect(countLines(bytes(''))).toBe(0);
    expect(countLines(bytes('a'))).toBe(1);
    expect(countLines(bytes('a\nb\n'))).toBe(2);
    expect(countLines(bytes('a\r\nb\r\nc'))).toBe(3);
    expect(csvRowEstimate(bytes('h\n1\n2\n'), 'csv')).toBe(2);
    expect(csvRowEstimate(bytes(''), 'csv')).toBe(0);
    expect(csvRowEstimate(bytes('h\n1\n'), 'xlsx')).toBe(0);
  });

  const setter = () => {
    const calls: [string, unknown[] | undefined][] = [];
    return { calls, set: async (sql: string, p?: unknown[]) => void calls.push([sql, p]) };
  };
  const log = pino({ level: 'silent' });

  it('records an AppError as failed with its code, no retry', async () => {
    const s = setter();
    const out = await importRun(
      {
        importId: 'i',
        set: s.set,
        run: { log, lastAttempt: false },
        expectedMessage: 'x',
        failedCode: 'X_FAILED',
        onFailed: () => 'failed',
      },
      async () => {
        throw new AppError('X_FORMAT');
      },
    );
    expect(out).toBe('failed');
    expect(s.calls).toEqual([[`status = 'failed', error = $3, finished_at = now()`, ['X_FORMAT']]]);
  });

  it('requeues an unexpected error and rethrows it; failed only on the last attempt', async () => {
    const boom = async () => {
      throw new Error('db down');
    };
    const o = (lastAttempt: boolean, set: (sql: string, p?: unknown[]) => Promise<void>) => ({
      importId: 'i',
      set,
      run: { log, lastAttempt },
      expectedMessage: 'x',
      failedCode: 'X_FAILED',
      onFailed: () => 'failed',
    });
    const a = setter();
    await expect(importRun(o(false, a.set), boom)).rejects.toThrow('db down');
    expect(a.calls).toEqual([[`status = 'queued'`, undefined]]);
    const b = setter();
    await expect(importRun(o(true, b.set), boom)).rejects.toThrow('db down');
    expect(b.calls).toEqual([[`status = 'failed', error = $3, finished_at = now()`, ['X_FAILED']]]);
  });

  it('without a job context records every failure instead of throwing', async () => {
    const s = setter();
    const out = await importRun(
      {
        importId: 'i',
        set: s.set,
        run: undefined,
        expectedMessage: 'x',
        failedCode: 'X_FAILED',
        onFailed: () => 0,
      },
      async () => {
        throw new Error('db down');
      },
    );
    expect(out).toBe(0);
    expect(s.calls[0]?.[1]).toEqual(['X_FAILED']);
  });

  it('answers what the body answers when it succeeds', async () => {
    const s = setter();
    const opts = {
      importId: 'i',
      set: s.set,
      run: undefined,
      expectedMessage: 'x',
      failedCode: 'X_FAILED',
      onFailed: () => -1,
    };
    expect(await importRun(opts, async () => 42)).toBe(42);
    expect(s.calls).toEqual([]);
  });
});
