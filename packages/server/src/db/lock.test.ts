// The data-directory lock within one process: held once, taken over when its owner is gone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './lock';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fid-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fake = (pid: number, start: string | null = null) =>
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid, start, holder: 'the Fidelia server', host: 'h', since: 'then' }),
  );

it('refuses a second open in the same process and allows it after release', () => {
  const lock = lockDataDir(dir, 'first');
  expect(() => lockDataDir(dir, 'second')).toThrow(DataDirLockedError);
  lock.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  lockDataDir(dir, 'second').release();
});

it('names a live holder', () => {
  fake(process.ppid); // alive, and not this process
  expect(() => lockDataDir(dir, 'cli')).toThrow(
    `is in use by the Fidelia server (pid ${process.ppid} on h, since then)`,
  );
});

it('takes over the lock of a process that is gone', () => {
  const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
  fake(dead);
  const lock = lockDataDir(dir, 'cli');
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
  lock.release();
});

it.runIf(existsSync('/proc/self/stat'))('takes over a lock whose pid was reused', () => {
  fake(process.ppid, '1'); // alive, but started at another time than the lock's owner
  lockDataDir(dir, 'cli').release();
});

it('takes over an unreadable lock file', () => {
  writeFileSync(join(dir, LOCK_FILE), '');
  lockDataDir(dir, 'cli').release();
});
