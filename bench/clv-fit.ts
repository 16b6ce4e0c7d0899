// BG/NBD + Gamma-Gamma fit on the full CDNOW_master calibration (23,570 customers, calibration
// end 1997-09-30 = the 39 weeks used by Fader, Hardie & Lee for the sample) against scipy BFGS
// with the exact analytic gradient (bench/clv-fit.py; numpy 2.4, scipy 1.17 on the python3 found
// on PATH, run as its real interpreter binary so that no pyenv shim start-up is charged to it).
//   npx tsx bench/clv-fit.ts [pairs=7] [--nm]
// Every measurement is a fresh process, alternating fidelia / scipy, so both sides see the same
// machine load; figures are medians over the pairs, plus the median of the per-pair ratios.
// - fit: in-memory summary → fitted parameters of both models (CSV read excluded on both
//   sides); fidelia's is the first fit in its process (cold JIT, what the command pays).
// - whole command: wall time of `fidelia clv fit --summary FILE --json` through the real bin
//   (the compiled bundle, staleness check included) vs the whole scipy script (python
//   start-up, numpy/scipy imports, np.loadtxt, fit, print); and the same from the transactions
//   (`--transactions CDNOW_master.txt --format cdnow --calibration-end 1997-09-30` vs
//   `clv-fit.py --transactions …`: read, merge same-day purchases, summarise, fit, print).
// --nm adds one run each of the Nelder–Mead lines: fidelia's previous optimiser and scipy NM.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDay, parseTransactions } from '../packages/server/src/cli/clv/parse';
import { summarizeTransactions } from '../packages/stats/src/index';

const root = resolve(import.meta.dirname, '..');
const PAIRS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 7);
const NM = process.argv.includes('--nm');
const out = resolve(root, 'bench/out');
mkdirSync(out, { recursive: true });

const txs = parseTransactions(resolve(root, '../shared/datasets/CDNOW_master.txt'), 'cdnow');
const rows = summarizeTransactions(txs, parseDay('1997-09-30') ?? 0);
const csv = join(out, 'clv-summary.csv');
writeFileSync(
  csv,
  `frequency,recency,T,monetary_value\n${rows.map((r) => `${r.frequency},${r.recency},${r.T},${r.monetaryValue ?? 0}`).join('\n')}\n`,
);

const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
  encoding: 'utf8',
}).trim();
const PY = [python, resolve(root, 'bench/clv-fit.py')];
const CHILD = [process.execPath, '--import', 'tsx', resolve(root, 'bench/clv-fit-child.ts')];
const BIN = [process.execPath, resolve(root, 'packages/server/bin/fidelia.mjs')];
const FIT = ['clv', 'fit', '--summary', csv, '--json'];
const MASTER = resolve(root, '../shared/datasets/CDNOW_master.txt');
const FIT_TX = [
  'clv',
  'fit',
  '--transactions',
  MASTER,
  '--format',
  'cdnow',
  '--calibration-end',
  '1997-09-30',
  '--json',
];

/** Runs a command, returns its wall time in ms and its stdout. */
function run(cmd: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd[0] ?? '', cmd.slice(1), { encoding: 'utf8', cwd: root });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

interface TFitJson {
  ms: number;
  cpuMs: number;
  warmMs?: number;
  bgnbd: number[];
  bgLogLik: number;
  gg: number[];
  ggLogLik: number;
  bgOk?: boolean;
  ggOk?: boolean;
}
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? (s[k] ?? 0) : ((s[k - 1] ?? 0) + (s[k] ?? 0)) / 2;
};

// Untimed: rebuilds the bundle first if a source is newer, so no timed run pays for a build.
run(BIN.concat('--help'));

const m: Record<string, number[]> = {};
const add = (k: string, v: number) => {
  m[k] ??= [];
  m[k].push(v);
};
let ours: TFitJson | null = null;
let py: TFitJson | null = null;
let binOut = '';
const load0 = loadavg()[0] ?? 0;
for (let i = 0; i < PAIRS; i++) {
  // Alternate which side goes first in each pair.
  const steps: (() => void)[] = [
    () => {
      ours = JSON.parse(run(CHILD.concat(csv)).stdout) as TFitJson;
      add('fitOurs', ours.ms);
      add('fitOursCpu', ours.cpuMs);
      add('fitOursWarm', ours.warmMs ?? 0);
      const b = run(BIN.concat(FIT));
      binOut = b.stdout;
      add('binOurs', b.ms);
      add('binTxOurs', run(BIN.concat(FIT_TX)).ms);
    },
    () => {
      const r = run(PY.concat(csv));
      py = JSON.parse(r.stdout) as TFitJson;
      add('fitPy', py.ms);
      add('fitPyCpu', py.cpuMs);
      add('wholePy', r.ms);
      add('wholeTxPy', run(PY.concat('--transactions', MASTER, '1997-09-30')).ms);
    },
  ];
  if (i % 2) steps.reverse();
  for (const s of steps) s();
  const k = (m.fitOurs?.length ?? 1) - 1;
  add('ratioFit', (m.fitPy?.[k] ?? 0) / (m.fitOurs?.[k] ?? 1));
  add('ratioBin', (m.wholePy?.[k] ?? 0) / (m.binOurs?.[k] ?? 1));
  add('ratioTx', (m.wholeTxPy?.[k] ?? 0) / (m.binTxOurs?.[k] ?? 1));
}
const load1 = loadavg()[0] ?? 0;
const o = ours as unknown as TFitJson;
const p = py as unknown as TFitJson;
const relDiff = (a: number[], b: number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v / (b[i] ?? 0) - 1)));
const f1 = (v: number) => v.toFixed(1);
const med = (k: string) => median(m[k] ?? []);

console.log(
  `customers ${rows.length}; ${PAIRS} alternating pairs; load average ${f1(load0)} → ${f1(load1)}; ${python}`,
);
console.log(`fidelia BG/NBD r, α, a, b = ${o.bgnbd.join(', ')}; logLik ${o.bgLogLik}`);
console.log(`scipy   BG/NBD r, α, a, b = ${p.bgnbd.join(', ')}; logLik ${p.bgLogLik}`);
console.log(`fidelia GG p, q, γ = ${o.gg.join(', ')}; logLik ${o.ggLogLik}`);
console.log(
  `scipy   GG p, q, γ = ${p.gg.join(', ')}; logLik ${p.ggLogLik} (scipy success: BG/NBD ${p.bgOk}, GG ${p.ggOk})`,
);
console.log(
  `max relative parameter difference fidelia vs scipy BFGS: BG/NBD ${relDiff(o.bgnbd, p.bgnbd).toExponential(1)}, GG ${relDiff(o.gg, p.gg).toExponential(1)}`,
);
const binFit = JSON.parse(binOut) as { bgnbd: { r: number } };
if (Math.abs(binFit.bgnbd.r / (o.bgnbd[0] ?? 0) - 1) > 1e-12)
  throw new Error('bin and child fits differ');
console.log(
  `fit (median ms): fidelia ${f1(med('fitOurs'))} (CPU ${f1(med('fitOursCpu'))}, warm ${f1(med('fitOursWarm'))}), scipy BFGS ${f1(med('fitPy'))} (CPU ${f1(med('fitPyCpu'))})`,
);
console.log(
  `  ratio of medians ${(med('fitPy') / med('fitOurs')).toFixed(2)}x, median per-pair ${med('ratioFit').toFixed(2)}x, CPU ${(med('fitPyCpu') / med('fitOursCpu')).toFixed(2)}x`,
);
console.log(
  `whole command, summary CSV (median ms): fidelia bin ${f1(med('binOurs'))}, scipy script ${f1(med('wholePy'))}; ratio ${(med('wholePy') / med('binOurs')).toFixed(2)}x (per-pair ${med('ratioBin').toFixed(2)}x)`,
);
console.log(
  `whole command, CDNOW_master transactions (median ms): fidelia bin ${f1(med('binTxOurs'))}, scipy script ${f1(med('wholeTxPy'))}; ratio ${(med('wholeTxPy') / med('binTxOurs')).toFixed(2)}x (per-pair ${med('ratioTx').toFixed(2)}x)`,
);
if (NM) {
  const a = JSON.parse(run(CHILD.concat(csv, 'nelder-mead-bfgs')).stdout) as TFitJson;
  const b = JSON.parse(run(PY.concat(csv, 'nm')).stdout) as TFitJson;
  console.log(
    `Nelder–Mead lines (one run each): fidelia previous NM+BFGS ${f1(a.ms)} ms (params vs Newton ${relDiff(a.bgnbd, o.bgnbd).toExponential(1)}), scipy NM ${f1(b.ms)} ms (vs fidelia ${relDiff(b.bgnbd, o.bgnbd).toExponential(1)})`,
  );
}
