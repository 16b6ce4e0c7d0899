// One process at a time on an embedded (PGlite) data directory: PGlite has no lock of its own,
// so a second process on the same DATA_DIR would run its own copy of the database and the
// writes of one of them would be lost. The lock is a pid file made atomically (link(2) of a
// complete temp file, so nobody ever reads a half-written one) holding the owner's pid and
// process start time. It is removed on close and at process exit; after kill -9 it stays on
// disk but is recognised as stale because that pid is gone (or now belongs to a process that
// started at another time, as after a container restart). A pid file rather than
// proper-lockfile: that one detects staleness by mtime (a crashed server blocks restarts for
// its stale period and a long synchronous PGlite step can "compromise" a live lock), and it
// cannot say which process holds the directory.

import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'fidelia.lock';

interface TLockInfo {
  pid: number;
  /** Linux: start time of the process (clock ticks since boot); null elsewhere. */
  start: string | null;
  holder: string;
  host: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly info: TLockInfo,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by ${info.holder} (pid ${info.pid} on ${info.host}, since ${info.since}). ` +
        'Only one process may open the embedded database at a time: stop that process first, ' +
        "or do this through the running server's API, or use PostgreSQL (DATABASE_URL) to share " +
        'one database between processes.',
    );
  }
}

function startTime(pid: number): string | null {
  try {
    // /proc/<pid>/stat: field 22 is the start time; the command name (field 2) may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(info: TLockInfo): boolean {
  if (!Number.isInteger(info.pid) || info.pid <= 0) return false; // kill(0) would mean our group
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: gone
  }
  // Same pid, other start time: the pid was reused (container restart) — the owner is gone.
  return !(info.start && startTime(info.pid) !== info.start);
}

function read(file: string): TLockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TLockInfo;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable content cannot come from link(2) of a complete file: treat as stale.
    return { pid: 0, start: null, holder: 'unknown', host: '', since: '' };
  }
}

const held = new Set<string>();

export interface DataDirLock {
  release(): void;
}

/** Takes the data directory's lock or throws DataDirLockedError naming its holder. */
export function lockDataDir(dataDir: string, holder: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const mine: TLockInfo = {
    pid: process.pid,
    start: startTime(process.pid),
    holder,
    host: hostname(),
    since: new Date().toISOString(),
  };
  const text = JSON.stringify(mine);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  try {
    for (;;) {
      try {
        linkSync(tmp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const other = read(file);
      if (!other) continue; // released meanwhile
      // Our own pid: a lock left by an earlier process with this pid, unless this process holds it.
      const ours = other.pid === process.pid && !held.has(file);
      if (!ours && alive(other)) throw new DataDirLockedError(dataDir, other);
      removeStale(file, other);
    }
  } finally {
    unlinkSync(tmp);
  }
  held.add(file);
  const release = () => {
    process.off('exit', release);
    if (!held.delete(file)) return;
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {}
  };
  process.on('exit', release); // also released when the process exits without closing the db
  return { release };
}

// Moves the stale file aside atomically, so that two processes recovering at once cannot both
// delete: if what was moved is not the stale lock we judged (another process took the lock in
// between), it is put back.
function removeStale(file: string, stale: TLockInfo): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = read(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, file);
    } catch {}
  }
  unlinkSync(aside);
}
