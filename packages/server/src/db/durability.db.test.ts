// Committed writes through PGlite survive kill -9 of the writing process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testEngine } from '../../test/harness';
import { openDb } from './client';

it.runIf(testEngine() === 'pglite')('keeps committed rows after kill -9', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fid-kill-'));
  const script = join(dir, 'writer.mts');
  writeFileSync(
    script,
    `import { openDb } from ${JSON.stringify(new URL('./client.ts', import.meta.url).pathname)};
const db = await openDb({ dataDir: ${JSON.stringify(dir)} });
await db.exec('CREATE TABLE IF NOT EXISTS k (n int)');
for (let i = 1; i <= 20; i++) await db.query('INSERT INTO k VALUES ($1)', [i]);
process.stdout.write('committed\\n');
setInterval(() => {}, 1000);
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('committed') && resolve());
    child.on('exit', (c) => reject(new Error(`writer exited ${c}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const db = await openDb({ dataDir: dir });
  const r = await db.query<{ c: number }>('SELECT count(*)::int AS c FROM k');
  expect(r.rows[0]?.c).toBe(20);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});
