// A real server process on PGlite on disk that a test can kill -9: the durability tests
// (surveys, complaints) send requests, kill it right after the last acknowledgement and reopen
// the data directory to check that everything acknowledged is there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from './harness';

const src = (p: string) => JSON.stringify(new URL(p, import.meta.url).pathname);

export interface KillableServer {
  url: string;
  dir: string;
  pid: number;
  kill(): Promise<void>;
  cleanup(): void;
}

/**
 * `setup` is module code run after migrations with `db` and `orgId` (org slug 'k') in scope,
 * e.g. to create a survey; it may import from the server's src via absolute paths.
 */
export async function startKillableServer(
  setup = '',
  o: { dir?: string } = {},
): Promise<KillableServer> {
  // o.dir: start again on the data of a killed server (setup is not run twice)
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'fid-kill-'));
  const config = testConfig({
    dataDir: dir,
    rateLimitSurvey: 100_000,
    rateLimitComplaint: 100_000,
  });
  const script = join(dir, 'server.mts');
  writeFileSync(
    script,
    `import { openDb } from ${src('../src/db/client.ts')};
import { migrate } from ${src('../src/db/migrate.ts')};
import { buildApp } from ${src('../src/app.ts')};
const db = await openDb({ dataDir: ${JSON.stringify(dir)} });
await migrate(db);
const old = await db.query("SELECT id FROM orgs WHERE slug = 'k'");
const o = old.rows[0] ?? (await db.query("INSERT INTO orgs (name, slug) VALUES ('K', 'k') RETURNING id")).rows[0];
const orgId = o.id;
${o.dir ? '' : setup}
const app = await buildApp({ config: ${JSON.stringify(config)}, db, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write('port ' + app.server.address().port + '\\n');
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    pid: child.pid as number,
    kill: async () => {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Absolute import path of a server source file, for `setup` code. */
export const serverSrc = (p: string) => src(`../src/${p}`);
