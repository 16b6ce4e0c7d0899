#!/usr/bin/env node
// Start-up of the `fidelia` command: `fidelia --help` through the real bin (compiled bundle,
// staleness check included) against a bare `node -e 0` (baseline) and the same bin running
// the TypeScript sources through tsx (FIDELIA_TSX=1, how it ran before). Each round runs the
// three back to back as fresh processes; figures are medians over the rounds.
//   node bench/cli-start.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const ROUNDS = Number(process.argv[2] ?? 15);
const root = new URL('..', import.meta.url).pathname;
const bin = 'packages/server/bin/fidelia.mjs';
const cases = [
  ['node -e 0 (baseline)', ['-e', '0'], {}],
  ['fidelia --help, compiled bundle', [bin, '--help'], { FIDELIA_TSX: '0' }],
  ['fidelia --help, tsx sources (before)', [bin, '--help'], { FIDELIA_TSX: '1' }],
];
const times = cases.map(() => []);
const loads = [];
spawnSync(process.execPath, [bin, '--help']); // builds the bundle if stale, outside the timing
for (let r = 0; r < ROUNDS; r++) {
  loads.push(loadavg()[0]);
  cases.forEach(([, args, env], i) => {
    const t = performance.now();
    const p = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    if (p.status !== 0) throw new Error(`${args.join(' ')} failed: ${p.stderr}`);
    times[i].push(performance.now() - t);
  });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(times[0]);
console.log(
  `fidelia start-up, ${ROUNDS} alternating rounds, medians; 1-min load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ${new Date().toISOString()}`,
);
console.log('| command | median wall | min–max | ratio to node -e 0 |');
console.log('|---|---|---|---|');
cases.forEach(([name], i) => {
  const m = median(times[i]);
  console.log(
    `| ${name} | ${m.toFixed(0)} ms | ${Math.min(...times[i]).toFixed(0)}–${Math.max(...times[i]).toFixed(0)} ms | ${(m / base).toFixed(2)}x |`,
  );
});
