// An accepted response is durable before the 2xx: a server killed with SIGKILL right after
// answering keeps every response it acknowledged (PGlite on disk; PostgreSQL commits likewise).
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { testEngine } from '../../../test/harness';
import { serverSrc, startKillableServer } from '../../../test/killable';
import { openDb } from '../../db/client';

it.runIf(testEngine() === 'pglite')(
  'keeps every acknowledged response after kill -9 of the server',
  async () => {
    const server = await startKillableServer(
      `const { ensureSurveyFromTemplate } = await import(${serverSrc('modules/surveys/service.ts')});
await ensureSurveyFromTemplate(db, orgId, 'nps_relational', 'Kill', { slug: 'kill-test' });`,
    );
    const acked: string[] = [];
    // Concurrent submissions; the kill lands right after the last acknowledgement.
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          const id = randomUUID();
          const r = await fetch(`${server.url}/api/public/surveys/kill-test/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id, status: 'complete', answers: { nps: (w + i) % 11 } }),
          });
          if (r.status === 201) acked.push(id);
        }
      }),
    );
    await server.kill();
    expect(acked).toHaveLength(40);
    const db = await openDb({ dataDir: server.dir });
    const r = await db.query<{ id: string; n: number }>(
      `SELECT r.id, (SELECT count(*)::int FROM survey_answers a
                      WHERE a.org_id = r.org_id AND a.response_id = r.id) AS n
         FROM survey_responses r WHERE r.id = ANY($1::uuid[])`,
      [acked],
    );
    expect(r.rows).toHaveLength(40);
    expect(r.rows.every((x) => x.n === 1)).toBe(true);
    await db.close();
    server.cleanup();
  },
  180_000, // spawns a server (tsx + PGlite on disk): slow on a loaded machine
);
