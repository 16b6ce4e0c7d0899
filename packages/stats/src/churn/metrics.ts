// Classifier evaluation: ROC AUC, stratified folds, Brier score, reliability (calibration) table,
// and the two usual recalibrators (isotonic regression by pool-adjacent-violators; Platt-style
// logistic recalibration on the logit).
import { seededRandom } from '../core/random';
import { fitLogistic, sigmoid } from './logistic';

/**
 * Area under the ROC curve = Mann–Whitney U / (n₁n₀) with average ranks for ties (identical to
 * scikit-learn's roc_auc_score). Null when only one class is present.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] ?? 0) - (scores[b] ?? 0),
  );
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1] ?? 0] === scores[idx[i] ?? 0]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) {
      if ((labels[idx[m] ?? 0] ?? 0) === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Fold number (0..k−1) of every row, stratified by the 0/1 label. Without a seed this is exactly
 * scikit-learn's StratifiedKFold(n_splits=k, shuffle=False): each class's rows, in file order,
 * fill the folds in contiguous blocks whose sizes come from dealing the sorted labels round-robin.
 * With a seed each class is shuffled first (reproducibly).
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed?: number): Int32Array {
  const n = labels.length;
  const byClass: number[][] = [[], []];
  for (let i = 0; i < n; i++) byClass[(labels[i] ?? 0) === 1 ? 1 : 0]?.push(i);
  const n0 = byClass[0]?.length ?? 0;
  if (k < 2 || Math.min(n0, n - n0) < k)
    throw new RangeError(`stratified ${k}-fold needs at least ${k} rows of each class`);
  // allocation[f][c] = number of class-c labels among sorted positions f, f+k, f+2k, …
  const alloc = Array.from({ length: k }, () => [0, 0]);
  for (let pos = 0; pos < n; pos++) {
    const a = alloc[pos % k] as number[];
    a[pos < n0 ? 0 : 1] = (a[pos < n0 ? 0 : 1] ?? 0) + 1;
  }
  const folds = new Int32Array(n);
  const rnd = seed === undefined ? null : seededRandom(seed);
  for (let c = 0; c < 2; c++) {
    const rows = (byClass[c] ?? []).slice();
    if (rnd) {
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        const t = rows[i] ?? 0;
        rows[i] = rows[j] ?? 0;
        rows[j] = t;
      }
    }
    let at = 0;
    for (let f = 0; f < k; f++) {
      const size = alloc[f]?.[c] ?? 0;
      for (let m = 0; m < size; m++) folds[rows[at++] ?? 0] = f;
    }
  }
  return folds;
}

/** Mean squared difference between predicted probability and outcome (0 best, 0.25 = coin). */
export function brierScore(prob: ArrayLike<number>, labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < prob.length; i++) s += ((prob[i] ?? 0) - (labels[i] ?? 0)) ** 2;
  return s / prob.length;
}

/** Mean negative log-likelihood (probabilities clipped to [1e-15, 1 − 1e-15]). */
export function logLoss(prob: ArrayLike<number>, labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < prob.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, prob[i] ?? 0));
    s -= (labels[i] ?? 0) === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / prob.length;
}

export interface TReliabilityBin {
  /** Bin bounds: (lo, hi], the first bin also includes 0. */
  lo: number;
  hi: number;
  n: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

/**
 * Reliability table over `bins` equal-width probability bins, binned like scikit-learn's
 * calibration_curve(strategy="uniform"): a probability exactly on an edge goes to the lower bin.
 * Empty bins are kept (n = 0, nulls) so the table always has `bins` rows.
 */
export function reliabilityTable(
  prob: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): TReliabilityBin[] {
  const n = new Array<number>(bins).fill(0);
  const sp = new Array<number>(bins).fill(0);
  const sy = new Array<number>(bins).fill(0);
  const step = 1 / bins;
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i] ?? 0;
    let b = 0;
    while (b < bins - 1 && (b + 1) * step < p) b++;
    n[b] = (n[b] ?? 0) + 1;
    sp[b] = (sp[b] ?? 0) + p;
    sy[b] = (sy[b] ?? 0) + (labels[i] ?? 0);
  }
  return n.map((c, b) => ({
    lo: b * step,
    hi: b === bins - 1 ? 1 : (b + 1) * step,
    n: c,
    meanPredicted: c > 0 ? (sp[b] ?? 0) / c : null,
    observedRate: c > 0 ? (sy[b] ?? 0) / c : null,
  }));
}

/** A fitted recalibration map from raw to calibrated probability (JSON-serialisable). */
export type TCalibrator =
  | { kind: 'none' }
  | { kind: 'platt'; a: number; b: number }
  | { kind: 'isotonic'; x: number[]; y: number[] };

const logit = (p: number) => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/** Platt-style recalibration: P(y = 1) = σ(a·logit(p) + b), fitted by maximum likelihood. */
export function fitPlatt(prob: ArrayLike<number>, labels: ArrayLike<number>): TCalibrator {
  const x = Float64Array.from({ length: prob.length }, (_, i) => logit(prob[i] ?? 0));
  const f = fitLogistic(x, prob.length, 1, labels);
  return { kind: 'platt', a: f.coef[1] ?? 1, b: f.coef[0] ?? 0 };
}

/**
 * Isotonic (non-decreasing) regression of the labels on the probabilities by
 * pool-adjacent-violators; tied probabilities are pooled first. Predictions interpolate
 * linearly between the fitted points and clip outside them (scikit-learn's
 * IsotonicRegression(out_of_bounds="clip")).
 */
export function fitIsotonic(prob: ArrayLike<number>, labels: ArrayLike<number>): TCalibrator {
  const idx = Array.from({ length: prob.length }, (_, i) => i).sort(
    (a, b) => (prob[a] ?? 0) - (prob[b] ?? 0),
  );
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const i of idx) {
    const p = prob[i] ?? 0;
    const yv = labels[i] ?? 0;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === p) {
      const w = (ws[last] ?? 0) + 1;
      ys[last] = (ys[last] ?? 0) + (yv - (ys[last] ?? 0)) / w;
      ws[last] = w;
    } else {
      xs.push(p);
      ys.push(yv);
      ws.push(1);
    }
  }
  // PAV over blocks (value, weight, count of points).
  const bv: number[] = [];
  const bw: number[] = [];
  const bc: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    bv.push(ys[i] ?? 0);
    bw.push(ws[i] ?? 0);
    bc.push(1);
    while (bv.length > 1 && (bv[bv.length - 2] ?? 0) > (bv[bv.length - 1] ?? 0)) {
      const v2 = bv.pop() ?? 0;
      const w2 = bw.pop() ?? 0;
      const c2 = bc.pop() ?? 0;
      const j = bv.length - 1;
      const w = (bw[j] ?? 0) + w2;
      bv[j] = ((bv[j] ?? 0) * (bw[j] ?? 0) + v2 * w2) / w;
      bw[j] = w;
      bc[j] = (bc[j] ?? 0) + c2;
    }
  }
  const fitted: number[] = [];
  bv.forEach((v, j) => {
    for (let m = 0; m < (bc[j] ?? 0); m++) fitted.push(v);
  });
  // Only block end points matter for the interpolation: drop interior points of flat runs.
  const kx: number[] = [];
  const ky: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const v = fitted[i] ?? 0;
    if (i === 0 || i === xs.length - 1 || v !== fitted[i - 1] || v !== fitted[i + 1]) {
      kx.push(xs[i] ?? 0);
      ky.push(v);
    }
  }
  return { kind: 'isotonic', x: kx, y: ky };
}

export function applyCalibrator(c: TCalibrator, p: number): number {
  if (c.kind === 'none') return p;
  if (c.kind === 'platt') return sigmoid(c.a * logit(p) + c.b);
  const { x, y } = c;
  const n = x.length;
  if (n === 0) return p;
  if (p <= (x[0] ?? 0)) return y[0] ?? 0;
  if (p >= (x[n - 1] ?? 0)) return y[n - 1] ?? 0;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] ?? 0) <= p) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] ?? 0;
  const x1 = x[hi] ?? 0;
  const y0 = y[lo] ?? 0;
  const y1 = y[hi] ?? 0;
  return x1 === x0 ? y0 : y0 + ((p - x0) / (x1 - x0)) * (y1 - y0);
}
