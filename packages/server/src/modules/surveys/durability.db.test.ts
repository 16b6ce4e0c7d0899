// An accepted response is durable before the 2xx: a server killed with SIGKILL right after
// answering keeps every response it acknowledged (PGlite on disk; PostgreSQL commits likewise).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testEngine } from '../../../test/harness';
import { openDb } from '../../db/client';

const src = (p: string) => JSON.stringify(new URL(p, import.meta.url).pathname);

it.runIf(testEngine() === 'pglite')(
  'keeps every acknowledged response after kill -9 of the server',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fid-survey-kill-'));
    const script = join(dir, 'server.mts');
    writeFileSync(
      script,
      `import { openDb } from ${src('../../db/client.ts')};
import { migrate } from ${src('../../db/migrate.ts')};
import { buildApp } from ${src('../../app.ts')};
import { ensureSurveyFromTemplate } from ${src('./service.ts')};
const db = await openDb({ dataDir: ${JSON.stringify(dir)} });
await migrate(db);
const o = await db.query("INSERT INTO orgs (name, slug) VALUES ('K', 'k') RETURNING id");
await ensureSurveyFromTemplate(db, o.rows[0].id, 'nps_relational', 'Kill', { slug: 'kill-test' });
const config = { port: 0, host: '127.0.0.1', dataDir: ${JSON.stringify(dir)}, databaseUrl: undefined,
  smtpUrl: undefined, mailFrom: 'x@y', sessionSecret: 'k'.repeat(40), cookieSecure: false,
  logLevel: 'silent', publicUrl: 'http://x', bodyLimit: 1e6, rateLimitAuth: 1e4 };
const app = await buildApp({ config, db, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write('port ' + app.server.address().port + '\\n');
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SURVEY_RATE_LIMIT: '100000' },
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /port (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
    });
    const acked: string[] = [];
    // Concurrent submissions; the kill lands right after the last acknowledgement.
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          const id = randomUUID();
          const r = await fetch(`http://127.0.0.1:${port}/api/public/surveys/kill-test/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id, status: 'complete', answers: { nps: (w + i) % 11 } }),
          });
          if (r.status === 201) acked.push(id);
        }
      }),
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(acked).toHaveLength(40);
    const db = await openDb({ dataDir: dir });
    const r = await db.query<{ id: string; n: number }>(
      `SELECT r.id, (SELECT count(*)::int FROM survey_answers a
                      WHERE a.org_id = r.org_id AND a.response_id = r.id) AS n
         FROM survey_responses r WHERE r.id = ANY($1::uuid[])`,
      [acked],
    );
    expect(r.rows).toHaveLength(40);
    expect(r.rows.every((x) => x.n === 1)).toBe(true);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  },
  180_000, // spawns a server (tsx + PGlite on disk): slow on a loaded machine
);
