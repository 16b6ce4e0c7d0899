import { defineConfig } from 'vitest/config';

// Test tiers (see scripts/test.mjs, which runs them in order):
//  unit — pure and in-process tests, no database: *.test.ts
//  db   — tests that need a database: *.db.test.ts; run twice, FIDELIA_TEST_ENGINE=pglite|postgres
//  fuzz — property-based requests from the OpenAPI document: packages/*/test/**/*.fuzz.ts
//  e2e  — real server + Debian Chromium: e2e/**/*.e2e.ts
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/*/src/**/*.db.test.ts', 'packages/*/test/**/*.db.test.ts'],
          // Generous: several files seed the whole demo org (every module) on PGlite, which
          // takes minutes when the 2-core machine is shared; a hang still fails, only later.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // PGlite is single-threaded WASM; on 2 cores two workers is the sweet spot.
          maxWorkers: 2,
        },
      },
      {
        test: {
          // Generated requests from the OpenAPI document (scripts/test.mjs fuzz, on PGlite).
          name: 'fuzz',
          include: ['packages/*/test/**/*.fuzz.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          // seeds the demo once per run; each file's server starts on a copy (e2e/harness.ts)
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
