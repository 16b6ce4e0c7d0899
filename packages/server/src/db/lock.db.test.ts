// Two real processes on one PGlite DATA_DIR: while a server runs, a `fidelia` command refuses to
// open it (naming the server's pid, exit code non-zero, nothing written); after the server is
// killed with SIGKILL the lock it left is stale and the same command succeeds and releases it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testEngine } from '../../test/harness';
import { startKillableServer } from '../../test/killable';
import { openDb } from './client';
import { LOCK_FILE } from './lock';

const bin = new URL('../../bin/fidelia.mjs', import.meta.url).pathname;

function fidelia(dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
}

const createUser = (dir: string) =>
  fidelia(dir, ['user', 'create', '--org', 'k', '--email', 'ops@example.test', '--role', 'admin']);

async function users(dir: string): Promise<number> {
  const db = await openDb({ dataDir: dir });
  try {
    const r = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE email = 'ops@example.test'",
    );
    return r.rows[0]?.n ?? -1;
  } finally {
    await db.close();
  }
}

it.runIf(testEngine() === 'pglite')(
  'a second process cannot open a DATA_DIR the server holds, and a kill -9 leaves no stale lock',
  async () => {
    const server = await startKillableServer();
    let killed = false;
    try {
      const refused = await createUser(server.dir);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toContain(`is in use by`);
      expect(refused.out).toContain(`(pid ${server.pid} `);
      expect(refused.out).toContain('stop that process first');
      expect(refused.out).not.toMatch(/\n\s+at /); // one clear line, no stack trace
      const migrate = await fidelia(server.dir, ['migrate']);
      expect(migrate.code).not.toBe(0);
      expect(migrate.out).toContain(`(pid ${server.pid} `);
      // this test process is a second process too
      await expect(openDb({ dataDir: server.dir })).rejects.toThrow(`pid ${server.pid}`);

      await server.kill(); // SIGKILL: the lock file stays behind, its pid is gone
      killed = true;
      expect(existsSync(join(server.dir, LOCK_FILE))).toBe(true);
      expect(await users(server.dir)).toBe(0); // the refused command changed nothing
      const created = await createUser(server.dir);
      expect(created.out).toContain('created ops@example.test');
      expect(created.code).toBe(0);
      expect(await users(server.dir)).toBe(1);
      expect(existsSync(join(server.dir, LOCK_FILE))).toBe(false); // released on normal exit
    } finally {
      if (!killed) await server.kill();
      server.cleanup();
    }
  },
  300_000, // spawns a server and three CLI processes (tsx + PGlite on disk): slow on a loaded machine
);
