// Starts a real Fidelia server (the compiled bundle `npm start` runs, with its Node flags) on a
// free port with an embedded database, and Debian's Chromium through playwright-core. Used by
// the e2e tier.
//
// Seeding the demo organisation takes ~30 s of a first start, and 23 of the 24 files only need
// its data, not the first start itself: e2e/global-setup.ts seeds it once per run and stops
// that server cleanly; each file's server then starts on a copy of that data directory (0.6 s)
// with the credentials the first start printed. `fresh: true` (foundation.e2e.ts) still tests
// a real first start on an empty directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { SERVER_NODE_ARGS } from '../scripts/server-node-args.mjs';

export const repoRoot = resolve(import.meta.dirname, '..');

/** The demo data directory seeded once per run, and the credentials its first start printed. */
export interface TE2eSnapshot {
  dataDir: string;
  adminEmail: string;
  adminPassword: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eSnapshot: TE2eSnapshot;
  }
}

export interface TStartOptions {
  /** an empty data directory: a real first start, which seeds the demo and prints credentials */
  fresh?: boolean;
  /** leave the data directory on disk at stop (the global setup's snapshot) */
  keepData?: boolean;
}

export interface RunningServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** Starts `packages/server/dist/main.js`; resolves once /api/health answers 200. */
export async function startServer(
  env: Record<string, string> = {},
  { fresh = false, keepData = false }: TStartOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fidelia-e2e-'));
  const snapshot = fresh ? null : inject('e2eSnapshot');
  if (snapshot) cpSync(snapshot.dataDir, dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_ARGS, 'packages/server/dist/main.js'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The first start prints the one-time demo admin credentials, then seeds the modules' demo
  // data while already serving; the tests read that data, so wait until it is complete.
  while (/password\s*:/i.test(out) && !out.includes('demo data ready')) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`demo data not seeded in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const email = /(?:email|correo)\s*[:=]\s*(\S+@\S+)/i.exec(out)?.[1] ?? '';
  const password = /(?:password|contraseña)\s*[:=]\s*(\S+)/i.exec(out)?.[1] ?? '';
  return {
    url,
    adminEmail: snapshot?.adminEmail ?? email,
    adminPassword: snapshot?.adminPassword ?? password,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

/** Logs the printed admin in through the Spanish login form; returns the session's CSRF token. */
export async function loginAsAdmin(page: Page, server: RunningServer): Promise<string> {
  await page.goto(server.url);
  await page.getByLabel('Correo electrónico').fill(server.adminEmail);
  await page.getByLabel('Contraseña').fill(server.adminPassword);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const session = await (await page.request.get(`${server.url}/api/auth/session`)).json();
  return (session as { csrfToken?: string }).csrfToken ?? '';
}
