// Shared by the export benches (survey responses, complaints): the server as `npm start` runs
// it on an existing database, and one timed download through it with the server's peak RSS and
// /api/health sampled every 50 ms meanwhile.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ensureServerBuild } from '../scripts/build-server.mjs';
import { SERVER_NODE_ARGS } from '../scripts/server-node-args.mjs';

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
    s.on('error', rej);
  });

/** The server as `npm start` runs it (the compiled bundle, the start script's Node flags), on
 * the seeded database; logs in over HTTP. BENCH_SERVER=tsx runs the `serve` child instead. */
export async function serveBuilt(
  engine: string,
  dir: string,
  user: { email: string; password: string },
  env: Record<string, string>,
): Promise<{ c: ChildProcess; port: number; headers: Record<string, string> }> {
  await ensureServerBuild();
  const port = await freePort();
  const c = spawn(
    process.execPath,
    [
      ...SERVER_NODE_ARGS,
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'packages/server/dist/main.js',
    ],
    {
      cwd: resolve(import.meta.dirname, '..'),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        DATA_DIR: dir,
        ...(engine === 'postgres' ? { DATABASE_URL: env.BENCH_DB_URL as string } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (c.exitCode !== null) throw new Error(`server exited ${c.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const m = /fidelia_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '');
  if (r.status !== 200 || !m) {
    c.kill('SIGTERM'); // a failed run leaves no server holding the data directory
    throw new Error(`login failed ${r.status}`);
  }
  return { c, port, headers: { cookie: `fidelia_session=${m[1]}` } };
}

export const rssMb = (pid: number, field: 'VmHWM' | 'VmRSS') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
/** CPU time (user + system) a live process has used so far, in s. */
export const cpuS = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100;
};
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

export interface TDownload {
  ms: number;
  cpuS: number;
  bytes: number;
  lines: number;
  rssBefore: number;
  peakRss: number;
  health: number[];
}

/** GET `path` to its last byte, the server's peak RSS reset first (so it is this download's). */
export async function download(
  pid: number,
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<TDownload> {
  const rssBefore = rssMb(pid, 'VmRSS');
  writeFileSync(`/proc/${pid}/clear_refs`, '5'); // peak RSS := current RSS
  const health: number[] = [];
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${base}/api/health`);
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`health ${r.status}`);
      health.push(performance.now() - t);
      await new Promise((s) => setTimeout(s, 50));
    }
  })();
  const cpu0 = cpuS(pid);
  const t0 = performance.now();
  const r = await fetch(`${base}${path}`, { headers });
  if (r.status !== 200) throw new Error(`${path} ${r.status}: ${await r.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const c of r.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += c.length;
    for (let i = 0; i < c.length; i++) if (c[i] === 10) lines++;
  }
  const ms = performance.now() - t0;
  done = true;
  await sampler;
  return {
    ms,
    cpuS: cpuS(pid) - cpu0,
    bytes,
    lines,
    rssBefore,
    peakRss: rssMb(pid, 'VmHWM'),
    health,
  };
}

export const DOWNLOAD_HEAD =
  '| engine | export | time (server CPU) | size | RSS before | peak RSS during | /api/health p50 / p95 / max (samples) |\n|---|---|---|---|---|---|---|';

/** One table row of a download; `rows`: count its lines (CSV) as data rows. */
export function downloadRow(engine: string, label: string, d: TDownload, rows: boolean): string {
  return `| ${engine} | ${label} | ${(d.ms / 1000).toFixed(1)} s (CPU ${d.cpuS.toFixed(1)} s) | ${(d.bytes / 1e6).toFixed(0)} MB${
    rows ? ` (${d.lines - 1} rows)` : ''
  } | ${d.rssBefore.toFixed(0)} MB | ${d.peakRss.toFixed(0)} MB | ${pct(d.health, 50).toFixed(1)} / ${pct(
    d.health,
    95,
  ).toFixed(1)} / ${Math.max(...d.health).toFixed(1)} ms (${d.health.length}) |`;
}
