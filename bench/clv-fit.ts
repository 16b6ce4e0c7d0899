// BG/NBD + Gamma-Gamma fit on the full CDNOW_master calibration (23,570 customers, calibration
// end 1997-09-30 = the 39 weeks used by Fader, Hardie & Lee for the sample) vs scipy doing the
// same likelihood optimisation in the same run (bench/clv-fit.py, Debian /usr/bin/python3).
//   npx tsx bench/clv-fit.ts [repeats]
// Both sides are timed from an in-memory summary to fitted parameters (file parsing excluded).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDay, parseTransactions } from '../packages/server/src/cli/clv/parse';
import {
  fitBgNbd,
  fitGammaGamma,
  summarizeTransactions,
  toArrays,
} from '../packages/stats/src/index';

const root = resolve(import.meta.dirname, '..');
const REPEATS = Number(process.argv[2] ?? 3);
const txs = parseTransactions(resolve(root, '../shared/datasets/CDNOW_master.txt'), 'cdnow');
const rows = summarizeTransactions(txs, parseDay('1997-09-30') ?? 0);
const arr = toArrays(rows);
const x = rows.map((r) => r.frequency);
const mv = rows.map((r) => r.monetaryValue ?? 0);

let best = Number.POSITIVE_INFINITY;
let bg = fitBgNbd(arr);
let gg = fitGammaGamma(x, mv);
for (let i = 0; i < REPEATS; i++) {
  const t0 = performance.now();
  bg = fitBgNbd(arr);
  gg = fitGammaGamma(x, mv);
  best = Math.min(best, performance.now() - t0);
}
const csv = join(mkdtempSync(join(tmpdir(), 'clvbench-')), 'summary.csv');
writeFileSync(
  csv,
  `frequency,recency,T,monetary_value\n${rows.map((r) => `${r.frequency},${r.recency},${r.T},${r.monetaryValue ?? 0}`).join('\n')}\n`,
);
let pyBest = Number.POSITIVE_INFINITY;
let py: { ms: number; bgnbd: number[]; bgLogLik: number; gg: number[] } = {
  ms: 0,
  bgnbd: [],
  bgLogLik: 0,
  gg: [],
};
for (let i = 0; i < REPEATS; i++) {
  py = JSON.parse(
    execFileSync('/usr/bin/python3', [resolve(root, 'bench/clv-fit.py'), csv], {
      encoding: 'utf8',
    }),
  );
  pyBest = Math.min(pyBest, py.ms);
}
console.log(`customers ${rows.length}`);
console.log(`fidelia BG/NBD r=${bg.r} alpha=${bg.alpha} a=${bg.a} b=${bg.b} logLik=${bg.logLik}`);
console.log(`scipy   BG/NBD [${py.bgnbd.join(', ')}] logLik=${py.bgLogLik}`);
console.log(`fidelia GG p=${gg.p} q=${gg.q} gamma=${gg.gamma}; scipy GG [${py.gg.join(', ')}]`);
console.log(
  `fit time (best of ${REPEATS}): fidelia ${best.toFixed(1)} ms, scipy ${pyBest.toFixed(1)} ms, ratio ${(pyBest / best).toFixed(2)}x`,
);
