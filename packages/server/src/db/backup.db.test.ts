import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createOrg, createTestDb } from '../../test/harness';
import { seedDemo } from '../demo/seed';
import { enqueue } from '../jobs/queue';
import { backup, restore } from './backup';

async function dumpAll(db: Awaited<ReturnType<typeof createTestDb>>) {
  const t = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
      AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'rate_limits')
      ORDER BY 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { table_name } of t.rows) {
    const r = await db.query(`SELECT * FROM "${table_name}"`);
    out[table_name] = r.rows.map((x) => JSON.stringify(x)).sort();
  }
  return out;
}

it('backup/restore round-trips every table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fid-backup-'));
  const a = await createTestDb();
  const b = await createTestDb();
  try {
    const { orgId } = await seedDemo(a);
    await createOrg(a, 'Otra');
    await enqueue(a, { orgId, kind: 'x', payload: { nested: [1, 'dos', { tres: true }] } });
    await a.query(
      `INSERT INTO api_tokens (org_id, user_id, name, token_hash, scopes)
      SELECT org_id, id, 'tok', 'h', ARRAY['read','write'] FROM users WHERE org_id = $1 LIMIT 1`,
      [orgId],
    );
    const file = join(dir, 'b.jsonl');
    const counts = await backup(a, file);
    expect(counts.org_units).toBeGreaterThan(5);
    // Derived aggregates are not in the file; the round trip below proves restore recomputes them.
    expect(counts).not.toHaveProperty('analytics_daily');
    expect(await a.query('SELECT 1 FROM analytics_daily LIMIT 1')).toMatchObject({ rows: [{}] });
    await restore(b, file);
    const [before, after] = [await dumpAll(a), await dumpAll(b)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // Table by table, so a failure names the table that did not survive.
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    await expect(restore(b, file)).rejects.toThrow(/empty/);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // Seeds the whole demo (every module's tables): minutes on PGlite on a loaded 2-core machine.
}, 300_000);

it('leaves rate-limit counters out of a backup (throw-away, per client address)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fid-backup-'));
  const a = await createTestDb();
  const b = await createTestDb();
  try {
    await createOrg(a, 'Límites');
    await a.query(
      `INSERT INTO rate_limits (key, hits, expires_at) VALUES ('POST/x-1.2.3.4', 3, 60000)`,
    );
    const file = join(dir, 'b.jsonl');
    const counts = await backup(a, file);
    expect(counts.users).toBeGreaterThan(0);
    expect(counts).not.toHaveProperty('rate_limits');
    await restore(b, file);
    expect((await b.query('SELECT * FROM rate_limits')).rows).toEqual([]);
    expect((await b.query('SELECT * FROM users')).rows.length).toBe(counts.users);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
