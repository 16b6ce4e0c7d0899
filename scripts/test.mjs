#!/usr/bin/env node
// `npm test`: every tier in order — typecheck, lint, unit, db on PGlite, db on PostgreSQL,
// fuzz (generated requests from the OpenAPI document, on PGlite), e2e.
// Fails if any tier fails or runs no test. A throwaway PostgreSQL cluster is started for the
// postgres tier unless TEST_DATABASE_URL points at one (see scripts/pg-cluster.mjs).
// Usage: node scripts/test.mjs [tier ...]   (tiers: typecheck lint unit pglite postgres fuzz e2e)
// The fuzz tier's seed and budget: FUZZ_SEED (default 13013), FUZZ_RUNS (default 5000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from './pg-cluster.mjs';

const ALL = ['typecheck', 'lint', 'unit', 'pglite', 'postgres', 'fuzz', 'e2e'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const t of wanted) if (!ALL.includes(t)) throw new Error(`unknown tier ${t}; one of ${ALL}`);

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(`${name} (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

function vitest(name, project, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fidelia-vitest-'));
  const report = join(dir, 'report.json');
  run(
    name,
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    if (j.numTotalTests === 0) failures.push(`${name} ran no test`);
    console.log(`--- ${name}: ${j.numPassedTests} passed, ${j.numFailedTests} failed`);
  } catch {
    failures.push(`${name} produced no report`);
  }
  rmSync(dir, { recursive: true, force: true });
}

const workspaces = [
  'packages/stats',
  'packages/contracts',
  'packages/server',
  'packages/web',
  'e2e',
  'bench',
];
for (const tier of wanted) {
  if (tier === 'typecheck')
    for (const w of workspaces) run(`typecheck ${w}`, 'npx', ['tsc', '-p', `${w}/tsconfig.json`]);
  if (tier === 'lint') run('lint', 'npx', ['biome', 'check', '.']);
  if (tier === 'unit') vitest('unit', 'unit');
  if (tier === 'pglite') vitest('db on PGlite', 'db', { FIDELIA_TEST_ENGINE: 'pglite' });
  if (tier === 'postgres') {
    let cluster;
    try {
      cluster = process.env.TEST_DATABASE_URL ? null : await startCluster();
      const url = process.env.TEST_DATABASE_URL ?? cluster.url;
      vitest('db on PostgreSQL', 'db', { FIDELIA_TEST_ENGINE: 'postgres', TEST_DATABASE_URL: url });
    } catch (e) {
      failures.push(`postgres tier could not start PostgreSQL: ${e.message}`);
    } finally {
      cluster?.stop();
    }
  }
  if (tier === 'fuzz') vitest('fuzz', 'fuzz', { FIDELIA_TEST_ENGINE: 'pglite' });
  if (tier === 'e2e') {
    // The e2e tier drives the production bundle, so build it first.
    if (run('build web', 'npm', ['run', 'build', '-w', '@fidelia/web'])) vitest('e2e', 'e2e');
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failures.length) {
  console.error(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
