// Boot to first 200 on GET /api/health, as `npm start` runs the server (node --import tsx
// packages/server/src/main.ts), on an empty database (first start: create, migrate, seed the
// demo org), on a restart of that database, and on a database holding 100,000 customers.
// Baseline, measured in the same run: a bare node:http server started the same way (spawn to
// first 200), so the ratio says what the product's start-up costs on top of starting Node.
//   npx tsx bench/boot.ts            (PGlite in DATA_DIR, the default engine)
//   npx tsx bench/boot.ts postgres   (a throwaway PostgreSQL cluster via scripts/pg-cluster.mjs)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Db, openDb } from '../packages/server/src/db/client';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const ENGINE = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const ROOT = resolve(import.meta.dirname, '..');
const CUSTOMERS = 100_000;

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

/** CPU time (user + system) a live process has used so far, in ms; less disturbed than wall
 *  time by other load on a shared machine. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // fields 14, 15 in clock ticks (100/s)
}

interface Boot {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

/** Spawns `args`, polls GET /api/health every 20 ms, returns the time to the first 200. */
async function boot(args: string[], env: Record<string, string>): Promise<Boot> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.status === 200) {
          const ms = performance.now() - t0;
          return { ms, cpuMs: cpuMs(child.pid as number), rssMb: peakRssMb(child.pid as number) };
        }
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')`;
const bare = () => boot(['-e', BARE], {});
const fidelia = (env: Record<string, string>) =>
  boot(['--import', 'tsx', 'packages/server/src/main.ts'], env);

/** Adds 100,000 customers to the demo org with one set-based INSERT. */
async function addCustomers(db: Db): Promise<void> {
  const org = await db.query<{ id: string }>('SELECT id FROM orgs LIMIT 1');
  await db.query(
    `INSERT INTO customers (org_id, external_id, name, email, consent_email, consent_survey)
     SELECT $1, 'B' || lpad(g::text, 7, '0'), 'Cliente ' || g, 'cliente' || g || '@example.es',
            g % 3 = 0, g % 2 = 0
       FROM generate_series(1, $2::int) g`,
    [org.rows[0]?.id, CUSTOMERS],
  );
  await db.query('ANALYZE customers');
}

const rows: [string, Boot][] = [];
const base = await bare();
rows.push(['bare node:http server (baseline)', base]);

let cluster: { url: string; stop: () => void } | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'fidelia-boot-'));
try {
  let env: Record<string, string> = { DATA_DIR: dataDir };
  if (ENGINE === 'postgres') {
    cluster = await startCluster();
    env = { ...env, DATABASE_URL: (cluster as { url: string }).url };
  }
  rows.push(['empty database (first start: create, migrate, seed demo)', await fidelia(env)]);
  rows.push(['restart (migrated, demo data)', await fidelia(env)]);
  const db = await openDb(
    ENGINE === 'postgres'
      ? { databaseUrl: (cluster as { url: string }).url, dataDir }
      : { databaseUrl: undefined, dataDir },
  );
  await addCustomers(db);
  const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
  await db.close();
  rows.push([`restart with ${n.rows[0]?.n.toLocaleString('en')} customers`, await fidelia(env)]);
} finally {
  cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `\nBoot to first 200 on /api/health — engine ${ENGINE}, ${new Date().toISOString()}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('| start | time to first 200 | ratio to bare node | CPU time | peak RSS |');
console.log('|---|---|---|---|---|');
for (const [name, b] of rows) {
  console.log(
    `| ${name} | ${(b.ms / 1000).toFixed(2)} s | ${(b.ms / base.ms).toFixed(1)}x | ${(b.cpuMs / 1000).toFixed(2)} s | ${b.rssMb.toFixed(0)} MB |`,
  );
}
