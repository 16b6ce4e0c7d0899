// An accepted complaint is durable before the 2xx: a server killed with SIGKILL right after
// answering keeps every complaint it acknowledged, each with its queued acknowledgement mail
// (same transaction), and the customer's retry after the crash returns the same case.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { testEngine } from '../../../test/harness';
import { startKillableServer } from '../../../test/killable';
import { openDb } from '../../db/client';

it.runIf(testEngine() === 'pglite')(
  'keeps every acknowledged complaint after kill -9 of the server',
  async () => {
    const server = await startKillableServer();
    const acked = new Map<string, { reference: string; body: string }>();
    const post = (body: string) =>
      fetch(`${server.url}/api/public/complaints/k`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 5; i++) {
          const submissionId = randomUUID();
          const body = JSON.stringify({
            name: `Cliente ${w}-${i}`,
            email: `c${w}${i}@example.test`,
            subject: 'Cobro indebido',
            description: `Caso ${w}-${i}: me cobraron una comisión que no corresponde.`,
            consent: true,
            submissionId,
          });
          const r = await post(body);
          if (r.status === 201) {
            acked.set(submissionId, {
              reference: ((await r.json()) as { reference: string }).reference,
              body,
            });
          }
        }
      }),
    );
    await server.kill();
    expect(acked.size).toBe(20);
    const db = await openDb({ dataDir: server.dir });
    const r = await db.query<{ reference: string; acks: number }>(
      `SELECT c.reference, (SELECT count(*)::int FROM jobs j WHERE j.org_id = c.org_id
                              AND j.kind = 'complaint.mail' AND j.payload->>'caseId' = c.id::text) AS acks
         FROM complaints c WHERE c.source_ref = ANY($1::text[])`,
      [[...acked.keys()]],
    );
    expect(r.rows.map((x) => x.reference).sort()).toEqual(
      [...acked.values()].map((x) => x.reference).sort(),
    );
    expect(r.rows.every((x) => x.acks >= 1)).toBe(true);
    await db.close();

    // the customer's browser retries after the crash: same case, nothing new
    const again = await startKillableServer('', { dir: server.dir });
    const first = [...acked.values()][0] as { reference: string; body: string };
    const retry = await fetch(`${again.url}/api/public/complaints/k`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: first.body,
    });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { reference: string }).reference).toBe(first.reference);
    await again.kill();
    const after = await openDb({ dataDir: server.dir });
    const n = await after.query<{ n: number }>('SELECT count(*)::int AS n FROM complaints');
    expect(n.rows[0]?.n).toBe(20);
    await after.close();
    server.cleanup();
  },
  240_000, // spawns a server twice (tsx + PGlite on disk): slow on a loaded machine
);
