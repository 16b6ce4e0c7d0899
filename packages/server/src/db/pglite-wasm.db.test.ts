// openDb on the embedded database with PGlite's WebAssembly compiled ahead (as `npm start` does
// through main.ts): the prefetched module is used and the database opens and answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDb } from './client';
import { prefetchedPgliteWasm, prefetchPgliteWasm } from './pglite-wasm';

it('opens the embedded database with the prefetched WebAssembly module', async () => {
  expect(await prefetchedPgliteWasm()).toBeUndefined();
  prefetchPgliteWasm();
  const mod = await prefetchedPgliteWasm();
  expect(mod).toBeDefined();
  expect(Object.prototype.toString.call(mod)).toBe('[object WebAssembly.Module]');
  const dataDir = mkdtempSync(join(tmpdir(), 'fid-wasm-'));
  try {
    const db = await openDb({ dataDir });
    try {
      const r = await db.query<{ n: number }>('SELECT 41 + 1 AS n');
      expect(r.rows[0]?.n).toBe(42);
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
