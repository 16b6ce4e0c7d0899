#!/usr/bin/env node
// Benchmark: `fidelia analyze servqual` on a generated 1,000,000-respondent CSV versus pandas
// (Debian python3) computing the same item gaps, both as child processes in the same run,
// timed with wall clock and peak RSS from /usr/bin/time -v.
// Usage: node bench/analyze-servqual.mjs [respondents=1000000]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2] ?? 1_000_000);
const outDir = join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const csv = join(outDir, `servqual-${n}.csv`);

// Deterministic LCG so the file is the same on every run; ~2 % blanks.
let seed = 12345;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};

async function generate() {
  const header = [
    'respondent_id',
    ...Array.from({ length: 22 }, (_, i) => `E${i + 1}`),
    ...Array.from({ length: 22 }, (_, i) => `P${i + 1}`),
    'W_tangibles,W_reliability,W_responsiveness,W_assurance,W_empathy',
  ].join(',');
  const ws = createWriteStream(csv);
  ws.write(`${header}\n`);
  let buf = '';
  for (let r = 1; r <= n; r++) {
    const cells = [String(r)];
    for (let i = 0; i < 44; i++) cells.push(rnd() < 0.02 ? '' : String(1 + Math.floor(rnd() * 7)));
    cells.push('20,25,15,20,20');
    buf += `${cells.join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await new Promise((res) => ws.once('drain', res));
      buf = '';
    }
  }
  ws.write(buf);
  await new Promise((res) => ws.end(res));
}

function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const kb = Number(
    /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN,
  );
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  // CPU time is reported too: on a shared machine it is less disturbed by other load.
  return { seconds, cpu: user + sys, rssMb: kb / 1024, stdout: r.stdout };
}

const PANDAS = `
import sys, json, pandas as pd
df = pd.read_csv(sys.argv[1])
gaps = []
for i in range(1, 23):
    both = df[[f"E{i}", f"P{i}"]].dropna()
    gaps.append(float((both[f"P{i}"] - both[f"E{i}"]).mean()))
print(json.dumps(gaps))
`;

if (!existsSync(csv)) {
  const t0 = Date.now();
  await generate();
  console.error(`generated ${csv} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
console.error(`file: ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${n} respondents`);
const fideliaArgs = [
  join(root, 'packages/server/bin/fidelia.mjs'),
  'analyze',
  'servqual',
  '--input',
  csv,
  '--json',
];
// Alternate the two tools and keep each one's best run: the machine is shared.
const repeat = Number(process.env.REPEAT ?? 3);
const runs = { fidelia: [], pandas: [] };
for (let k = 0; k < repeat; k++) {
  runs.fidelia.push(timed(process.execPath, fideliaArgs));
  runs.pandas.push(timed('/usr/bin/python3', ['-c', PANDAS, csv]));
}
const best = (rs) => ({
  seconds: Math.min(...rs.map((r) => r.seconds)),
  cpu: Math.min(...rs.map((r) => r.cpu)),
  rssMb: Math.max(...rs.map((r) => r.rssMb)),
  stdout: rs[0].stdout,
});
const fidelia = best(runs.fidelia);
const pandas = best(runs.pandas);
const ours = JSON.parse(fidelia.stdout).items.map((it) => it.gap);
const theirs = JSON.parse(pandas.stdout);
const maxDiff = Math.max(...ours.map((g, i) => Math.abs(g - theirs[i])));
const line = (name, r) =>
  `${name}: best of ${repeat} ${r.seconds.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, peak RSS ${r.rssMb.toFixed(0)} MB`;
console.log(line('fidelia analyze servqual', fidelia));
console.log(line('pandas read_csv + gaps  ', pandas));
console.log(`wall ratio fidelia/pandas: ${(fidelia.seconds / pandas.seconds).toFixed(2)}x`);
console.log(`CPU ratio fidelia/pandas:  ${(fidelia.cpu / pandas.cpu).toFixed(2)}x`);
console.log(`RSS ratio fidelia/pandas:  ${(fidelia.rssMb / pandas.rssMb).toFixed(2)}x`);
console.log(`max |gap difference| over 22 items: ${maxDiff.toExponential(2)}`);
