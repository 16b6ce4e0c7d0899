// The acceptance path over HTTP: import the CDNOW customer ids from a CSV, import the
// same file again (nothing changes), and find a customer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session } from '../../../test/harness';
import { runOne } from '../../jobs/worker';

const CDNOW = fileURLToPath(
  new URL('../../../../../../shared/datasets/CDNOW_master.txt', import.meta.url),
);

function cdnowCsv(): Buffer {
  const ids = new Set<string>();
  for (const line of readFileSync(CDNOW, 'utf8').split('\n')) {
    const id = line.trim().split(/\s+/)[0];
    if (id && /^\d+$/.test(id)) ids.add(id);
  }
  return Buffer.from(`customer_id\n${[...ids].join('\n')}\n`);
}

describe('CDNOW import over HTTP', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    const org = await createOrg(t.db, 'CDNOW');
    s = await login(t.app, org.users.analyst);
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.db.close();
  });

  async function importOnce(csv: Buffer) {
    const boundary = '----cdnow';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cdnow.csv"\r\n\r\n`,
      ),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/customer-imports',
      headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const pv = up.json() as { id: string; suggestedMapping: Record<string, string | null> };
    expect(pv.suggestedMapping).toEqual({ customer_id: 'externalId' });
    const run = await t.app.inject({
      method: 'POST',
      url: `/api/customer-imports/${pv.id}/run`,
      headers: s.headers,
      payload: { mapping: pv.suggestedMapping, dryRun: false },
    });
    expect(run.statusCode).toBe(202);
    while (await runOne(t.db)) {}
    return (
      await t.app.inject({
        method: 'GET',
        url: `/api/customer-imports/${pv.id}`,
        headers: s.headers,
      })
    ).json();
  }

  it('imports 23,570 ids, re-import changes nothing, and a customer can be found', async () => {
    const csv = cdnowCsv();
    expect(await importOnce(csv)).toMatchObject({
      status: 'done',
      total: 23570,
      inserted: 23570,
      rejected: 0,
    });
    expect(await importOnce(csv)).toMatchObject({
      status: 'done',
      inserted: 0,
      updated: 0,
      unchanged: 23570,
      rejected: 0,
    });
    const found = (
      await t.app.inject({ method: 'GET', url: '/api/customers?q=01234', headers: s.headers })
    ).json() as { items: Array<{ externalId: string }>; total: number };
    expect(found.items.map((c) => c.externalId)).toContain('01234');
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/customers?limit=1', headers: s.headers })
    ).json() as {
      total: number;
    };
    expect(all.total).toBe(23570);
  });
});
