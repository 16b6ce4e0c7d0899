// Starts a throwaway PostgreSQL cluster from Debian's packages (initdb + pg_ctl on a free port)
// for the postgres test tier and benchmarks. PostgreSQL refuses to run as root, so as root the
// cluster runs as the `postgres` user. Returns { url, stop }.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) {
    throw new Error(
      'PostgreSQL is not installed (apt-get install postgresql), or set TEST_DATABASE_URL',
    );
  }
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error(`no initdb under ${root}`);
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startCluster() {
  const bin = binDir();
  const isRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(tmpdir(), 'fidelia-pg-'));
  chmodSync(base, 0o777);
  const data = join(base, 'data');
  const port = await freePort();
  const as = (cmd, args) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  as('initdb', ['-D', data, '-U', 'fidelia', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  as('pg_ctl', ['-D', data, '-o', opts, '-l', join(base, 'log'), '-w', 'start']);
  as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'fidelia', 'fidelia']);
  const url = `postgres://fidelia@127.0.0.1:${port}/fidelia`;
  return {
    url,
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {}
      rmSync(base, { recursive: true, force: true });
    },
  };
}

// `node scripts/pg-cluster.mjs` starts one and keeps it until Ctrl-C (handy for local runs).
if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await startCluster();
  console.log(c.url);
  process.on('SIGINT', () => {
    c.stop();
    process.exit(0);
  });
  setInterval(() => {}, 1 << 30);
}
