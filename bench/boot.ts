// Boot to first 200 on GET /api/health, as `npm start` runs the server (the compiled bundle,
// node packages/server/dist/main.js with scripts/server-node-args.mjs's flags, built by
// scripts/build-server.mjs), against baselines
// measured in the same run:
//  - a bare node:http server spawned the same way (what starting Node itself costs);
//  - the same server from its TypeScript sources through tsx (how it ran before the bundle);
//  - a first start without the embedded database template (initdb + migrations in WASM, as
//    before it), FIDELIA_PGLITE_TEMPLATE=off.
// Rows alternate within each round and each figure is the median over the rounds (the machine
// is shared, so single runs move a lot). A first start also logs in with the printed one-time
// credentials right after the first 200 (they must work at once, while demo data is still
// being written) and waits for "demo data ready"; its peak RSS is read then.
//   npx tsx bench/boot.ts [rounds]            (PGlite in a fresh DATA_DIR, the default engine)
//   npx tsx bench/boot.ts [rounds] postgres   (a throwaway PostgreSQL cluster)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureServerBuild } from '../scripts/build-server.mjs';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import { SERVER_NODE_ARGS } from '../scripts/server-node-args.mjs';

const ROUNDS = Number(process.argv[2] ?? 5);
const ENGINE = process.argv.includes('postgres') ? 'postgres' : 'pglite';
const ROOT = resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
    s.on('error', rej);
  });
}

/** Peak resident set (VmHWM) of a live process, in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU time (user + system) a live process has used so far, in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // fields 14, 15 in clock ticks (100/s)
}

interface Boot {
  ms: number;
  cpuMs: number;
  rssMb: number;
  /** first start: login with the printed credentials right after the first 200 */
  loginMs?: number;
  loginOk?: boolean;
  /** first start: until "demo data ready" */
  readyMs?: number;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function boot(args: string[], env: Record<string, string>, first = false): Promise<Boot> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}\n${out}`);
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const pid = child.pid as number;
    const b: Boot = { ms: performance.now() - t0, cpuMs: cpuMs(pid), rssMb: peakRssMb(pid) };
    if (first) {
      const email = /email:\s*(\S+)/.exec(out)?.[1];
      const password = /password:\s*(\S+)/.exec(out)?.[1];
      const l0 = performance.now();
      const r = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      b.loginMs = performance.now() - l0;
      b.loginOk = r.status === 200;
      while (!out.includes('demo data ready')) {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}\n${out}`);
        if (out.includes('seeding failed') || performance.now() - t0 > 300_000)
          throw new Error(`demo data not seeded\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      b.readyMs = performance.now() - t0;
      b.rssMb = peakRssMb(pid);
      b.cpuMs = cpuMs(pid);
    }
    return b;
  } finally {
    await stopChild(child);
  }
}

const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')`;
// With the Node flags scripts/start.mjs gives it (the tsx row is how it ran before the bundle).
const BUILT = [...SERVER_NODE_ARGS, 'packages/server/dist/main.js'];
const TSX = ['--import', 'tsx', 'packages/server/src/main.ts'];

await ensureServerBuild();
let cluster: { url: string; stop: () => void } | null = null;
if (ENGINE === 'postgres') cluster = await startCluster();

const rows = new Map<string, Boot[]>();
const add = (name: string, b: Boot) => rows.set(name, [...(rows.get(name) ?? []), b]);
const loads: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg()[0] as number);
    add('bare node:http server (baseline)', await boot(['-e', BARE], {}));
    // A fresh data directory (and, on PostgreSQL, a fresh database) per first start.
    const fresh = async (template: boolean) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fidelia-boot-'));
      let env: Record<string, string> = { DATA_DIR: dataDir };
      if (!template) env.FIDELIA_PGLITE_TEMPLATE = 'off';
      if (cluster) {
        const db = `boot_${round}_${template ? 't' : 'n'}_${process.pid}`;
        const admin = new (await import('pg')).default.Client(cluster.url);
        await admin.connect();
        await admin.query(`CREATE DATABASE ${db}`);
        await admin.end();
        const u = new URL(cluster.url);
        u.pathname = `/${db}`;
        env = { ...env, DATABASE_URL: u.toString() };
      }
      return { env, dataDir };
    };
    const a = await fresh(true);
    add('first start, compiled', await boot(BUILT, a.env, true));
    add('restart, compiled', await boot(BUILT, a.env));
    add('restart, tsx sources (before)', await boot(TSX, a.env));
    rmSync(a.dataDir, { recursive: true, force: true });
    if (!cluster) {
      const b = await fresh(false);
      add('first start, compiled, no template (initdb)', await boot(BUILT, b.env, true));
      rmSync(b.dataDir, { recursive: true, force: true });
    }
  }
} finally {
  cluster?.stop();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const base = median((rows.get('bare node:http server (baseline)') ?? []).map((b) => b.ms));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `\nBoot to first 200 on /api/health — engine ${ENGINE}, ${new Date().toISOString()}, ${ROUNDS} alternating rounds, medians; 1-min load average at each round ${loads.map((x) => x.toFixed(1)).join(', ')}`,
);
console.log(
  '| start | time to first 200 | ratio to bare node | CPU at first 200 | peak RSS | first login after health | demo data ready |',
);
console.log('|---|---|---|---|---|---|---|');
for (const [name, bs] of rows) {
  const ms = median(bs.map((b) => b.ms));
  const first = bs[0]?.readyMs !== undefined;
  const logins = bs.filter((b) => b.loginOk).length;
  console.log(
    `| ${name} | ${s(ms)} (${s(Math.min(...bs.map((b) => b.ms)))}–${s(Math.max(...bs.map((b) => b.ms)))}) | ${(ms / base).toFixed(1)}x | ${first ? '–' : s(median(bs.map((b) => b.cpuMs)))} | ${median(bs.map((b) => b.rssMb)).toFixed(0)} MB${first ? ` (max ${Math.max(...bs.map((b) => b.rssMb)).toFixed(0)})` : ''} | ${first ? `${median(bs.map((b) => b.loginMs ?? 0)).toFixed(0)} ms, ${logins}/${bs.length} ok` : '–'} | ${first ? s(median(bs.map((b) => b.readyMs ?? 0))) : '–'} |`,
  );
}
