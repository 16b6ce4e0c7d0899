// Churn model on Telco (7,032 customers, 19 attributes → 30 design columns): stratified 5-fold
// CV + final fit with fidelia's analyzeChurn vs the same scikit-learn pipeline
// (bench/churn-fit.py, Debian /usr/bin/python3 + python3-sklearn) in the same run.
//   npx tsx bench/churn-fit.ts [repeats=3]
// Both sides are timed from parsed rows to the CV AUC and the final model (CSV parsing and
// interpreter start-up excluded); the ratio printed is sklearn time / fidelia time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeChurn, type TChurnFeature } from '../packages/stats/src/index';

const root = resolve(import.meta.dirname, '..');
const file = resolve(root, '../shared/datasets/Telco-Customer-Churn.csv');
const REPEATS = Number(process.argv[2] ?? 3);
const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
const header = (lines[0] ?? '').split(',');
const records = lines
  .slice(1)
  .map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i] ?? '', v])));
const target = records.map((r) => (r.Churn === 'Yes' ? 1 : 0));
const NUMERIC = new Set(['tenure', 'MonthlyCharges', 'TotalCharges']);
const features: TChurnFeature[] = header
  .filter((h) => h !== 'customerID' && h !== 'Churn')
  .map((name) => ({ name, kind: NUMERIC.has(name) ? 'numeric' : 'categorical' }));

let best = Number.POSITIVE_INFINITY;
let auc = 0;
for (let i = 0; i < REPEATS; i++) {
  const t0 = performance.now();
  auc = analyzeChurn({ features, records, target }).cv.auc;
  best = Math.min(best, performance.now() - t0);
}
const py = JSON.parse(
  execFileSync('/usr/bin/python3', [resolve(root, 'bench/churn-fit.py'), file, String(REPEATS)], {
    encoding: 'utf8',
  }),
) as { ms: number; auc: number };
console.log(`5-fold AUC: fidelia ${auc.toFixed(6)}, scikit-learn ${py.auc.toFixed(6)}`);
console.log(
  `CV + final fit (best of ${REPEATS}): fidelia ${best.toFixed(0)} ms, scikit-learn ${py.ms.toFixed(0)} ms, ratio sklearn/fidelia ${(py.ms / best).toFixed(2)}x`,
);
