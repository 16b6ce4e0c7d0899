// `npm start` (scripts/start.mjs) never leaves the server behind: stopped with SIGTERM, with
// SIGINT to its process group (Ctrl-C), killed outright (kill -9, the server's stop signal
// never sent), or npm itself stopped (npm runs the script through `sh -c`, which does not pass
// the signal on), the server shuts down and the port is free again. Real processes on PGlite.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { testEngine } from './harness';
import { freePort } from './net';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fid-start-'));

beforeAll(async () => {
  // An org already there: the server skips the demo seed (minutes on a loaded machine).
  const db = await openDb({ dataDir: dir });
  await migrate(db);
  await db.query("INSERT INTO orgs (name, slug) VALUES ('S', 's')");
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(
  cmd = process.execPath,
  args = ['scripts/start.mjs'],
): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    WEB_DIST: dir, // no web bundle needed: the script must not build one
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  // own process group, as a terminal gives `npm start`
  const child = spawn(cmd, args, {
    cwd: root,
    env,
    detached: true,
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600 || child.exitCode !== null) throw new Error('server did not come up');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, exited };
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** Polls until the port can be bound again, at most `tries` × 200 ms. */
async function portFreed(port: number, tries = 150): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await canListen(port)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

it.runIf(testEngine() === 'pglite')(
  'SIGTERM to the start script stops the server; exit 0',
  async () => {
    const s = await start();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(await portFreed(s.port)).toBe(true);
  },
);

it.runIf(testEngine() === 'pglite')(
  'SIGINT to the process group (Ctrl-C) stops it; exit 0',
  async () => {
    const s = await start();
    process.kill(-(s.child.pid as number), 'SIGINT');
    expect(await s.exited).toBe(0);
    expect(await portFreed(s.port)).toBe(true);
  },
);

it.runIf(testEngine() === 'pglite')(
  'kill -9 of the start script: the server does not outlive it',
  async () => {
    const s = await start();
    s.child.kill('SIGKILL');
    await s.exited;
    expect(await portFreed(s.port)).toBe(true);
  },
);

it.runIf(testEngine() === 'pglite')('SIGTERM to npm (npm start) stops the server', async () => {
  const s = await start('npm', ['start']);
  s.child.kill('SIGTERM');
  await s.exited; // npm answers a signal with its own exit code (143)
  expect(await portFreed(s.port)).toBe(true);
});
