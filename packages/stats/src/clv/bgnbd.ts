// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"). Equations cited by
// number from the paper and from the note "Computing P(alive) using the BG/NBD model".
import { bgnbdNewtonObjective } from './bgnbd-newton';
import { newtonFromStarts } from './newton';
import { minimize, type TMinimizeResult } from './optimize';
import { betaln, gammaln, hyp2f1, logAddExp } from './special';
import {
  ClvFitError,
  compressCoded,
  type TFitInfo,
  type TFitOptions,
  type TSummaryArrays,
} from './types';

export interface TBgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Log-likelihood of one customer (eq. 6), computed in logs for large x. */
export function bgnbdLogLikOne(p: TBgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 =
    x > 0
      ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx)
      : Number.NEGATIVE_INFINITY;
  return a1 + a2 + logAddExp(a3, a4);
}

/** Total log-likelihood. The gammaln terms depend on x only, and x takes few distinct integer
 *  values, so they are computed once per distinct x per call (the fit's hot loop). */
export function bgnbdLogLik(p: TBgNbdParams, s: TSummaryArrays & { w?: Float64Array }): number {
  const { r, alpha, a, b } = p;
  let maxX = 0;
  let ints = true;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] ?? 0;
    if (x > maxX) maxX = x;
    if (!Number.isInteger(x)) ints = false;
  }
  if (!ints || maxX > 1e5) {
    let ll = 0;
    for (let i = 0; i < s.x.length; i++)
      ll += (s.w ? (s.w[i] ?? 1) : 1) * bgnbdLogLikOne(p, s.x[i] ?? 0, s.tx[i] ?? 0, s.T[i] ?? 0);
    return ll;
  }
  // c[x] = A1 + A2 without the time terms; recurrences keep it exact: Γ(z+1) = zΓ(z).
  const c = new Float64Array(maxX + 1);
  const base = r * Math.log(alpha);
  c[0] = base;
  for (let x = 1; x <= maxX; x++) {
    c[x] = (c[x - 1] ?? 0) + Math.log(r + x - 1) + Math.log(b + x - 1) - Math.log(a + b + x - 1);
  }
  const la = Math.log(a);
  let ll = 0;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] ?? 0;
    const a3 = -(r + x) * Math.log(alpha + (s.T[i] ?? 0));
    let v = a3;
    if (x > 0) {
      const a4 = la - Math.log(b + x - 1) - (r + x) * Math.log(alpha + (s.tx[i] ?? 0));
      v = a3 > a4 ? a3 + Math.log1p(Math.exp(a4 - a3)) : a4 + Math.log1p(Math.exp(a3 - a4));
    }
    ll += (s.w ? (s.w[i] ?? 1) : 1) * ((c[x] ?? 0) + v);
  }
  return ll;
}

/** Prepared log-likelihood for repeated evaluation in the fit: x, T and t_x take few distinct
 *  values (integer counts, whole days / 7), so every special function and log is computed per
 *  distinct value, and the per-customer work is a log-sum-exp of two cached terms. */
export function bgnbdObjective(
  d: TSummaryArrays & { w: Float64Array },
): (p: TBgNbdParams) => number {
  const n = d.x.length;
  const index = (v: Float64Array) => {
    const vals: number[] = [];
    const map = new Map<number, number>();
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = v[i] ?? 0;
      let k = map.get(key);
      if (k === undefined) {
        k = vals.length;
        map.set(key, k);
        vals.push(key);
      }
      idx[i] = k;
    }
    return { vals: Float64Array.from(vals), idx };
  };
  const X = index(d.x);
  const TT = index(d.T);
  const TX = index(d.tx);
  const cx = new Float64Array(X.vals.length);
  const lbx = new Float64Array(X.vals.length);
  const lT = new Float64Array(TT.vals.length);
  const lTx = new Float64Array(TX.vals.length);
  return (p) => {
    const { r, alpha, a, b } = p;
    const base = r * Math.log(alpha) + gammaln(a + b) - gammaln(b) - gammaln(r);
    for (let k = 0; k < X.vals.length; k++) {
      const x = X.vals[k] ?? 0;
      cx[k] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
      lbx[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
    }
    for (let k = 0; k < TT.vals.length; k++) lT[k] = Math.log(alpha + (TT.vals[k] ?? 0));
    for (let k = 0; k < TX.vals.length; k++) lTx[k] = Math.log(alpha + (TX.vals[k] ?? 0));
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const kx = X.idx[i] ?? 0;
      const x = X.vals[kx] ?? 0;
      const a3 = -(r + x) * (lT[TT.idx[i] ?? 0] ?? 0);
      let v = a3;
      if (x > 0) {
        const a4 = (lbx[kx] ?? 0) - (r + x) * (lTx[TX.idx[i] ?? 0] ?? 0);
        v = a3 > a4 ? a3 + Math.log1p(Math.exp(a4 - a3)) : a4 + Math.log1p(Math.exp(a3 - a4));
      }
      ll += (d.w[i] ?? 1) * ((cx[kx] ?? 0) + v);
    }
    return ll;
  };
}

const fromLog = (v: number[]): TBgNbdParams => ({
  r: Math.exp(v[0] ?? 0),
  alpha: Math.exp(v[1] ?? 0),
  a: Math.exp(v[2] ?? 0),
  b: Math.exp(v[3] ?? 0),
});

/** Maximum likelihood on log-parameters (keeps them positive) from several starts: Newton with
 *  the exact gradient and Hessian (bgnbd-newton.ts); if it converges from no start, or with
 *  `method: 'nelder-mead-bfgs'` (the previous optimiser, kept as a cross-check), Nelder–Mead +
 *  numeric-gradient BFGS. Throws ClvFitError when no start converges or the optimum runs off to
 *  a boundary (e.g. a → 0 or b → ∞ on data with no repeat buyers), because such parameters are
 *  not meaningful. */
export function fitBgNbd(s: TSummaryArrays, opts: TFitOptions = {}): TBgNbdParams & TFitInfo {
  const data = compressCoded(s);
  let n = 0;
  let meanT = 0;
  for (let i = 0; i < data.w.length; i++) {
    n += data.w[i] ?? 0;
    meanT += (data.w[i] ?? 0) * (data.T[i] ?? 0);
  }
  if (n === 0) throw new ClvFitError('BG/NBD: no customers to fit');
  meanT /= n;
  const la = Math.log(Math.max(meanT, 1));
  const starts = [
    [0, la, 0, 0],
    [Math.log(0.3), la, Math.log(0.8), Math.log(2.5)],
    [Math.log(2), la + 1, Math.log(2), Math.log(5)],
  ];
  let res: TMinimizeResult | null = null;
  if (opts.method !== 'nelder-mead-bfgs')
    res = newtonFromStarts(bgnbdNewtonObjective(data), starts);
  if (res === null) {
    const obj = bgnbdObjective(data);
    res = minimize((v: number[]) => -obj(fromLog(v)) / n, starts, { gradTol: opts.gradTol });
  }
  const p = fromLog(res.x);
  const atBoundary = res.x.some((v) => Math.abs(v) > 18);
  if (!res.converged || atBoundary || !Number.isFinite(res.value)) {
    throw new ClvFitError(
      `BG/NBD fit did not converge (parameters ${JSON.stringify(p)}); the data may have too few repeat purchases`,
    );
  }
  return { ...p, logLik: -res.value * n, converged: true, iterations: res.iterations };
}

/** P(alive | x, t_x, T) (FHL 2005 note, eq. 1). One-time buyers (x = 0) are alive for sure. */
export function bgnbdPAlive(p: TBgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const lt =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(lt));
}

/** E[X(t)] for a randomly chosen customer (eq. 9). */
export function bgnbdExpectedPurchases(p: TBgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z));
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] (eq. 10). */
export function bgnbdConditionalExpected(
  p: TBgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const h = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const num = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * h);
  const den =
    x > 0
      ? 1 +
        Math.exp(
          Math.log(a) -
            Math.log(b + x - 1) +
            (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)),
        )
      : 1;
  // For t → 0 the bracket is 1 − (1 − O(t)) and rounding can make it −1e-16: the exact value
  // is ≥ 0, so clamp (found by the property test at t ≈ 1e-14).
  return Math.max(0, num / den);
}

/** P(X(t) = n) for a randomly chosen customer (eq. 8). */
export function bgnbdProbN(p: TBgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lq = Math.log(alpha / (alpha + t));
  const lz = Math.log(t / (alpha + t));
  const lnb = (j: number) =>
    gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lq + (j > 0 ? j * lz : 0);
  let v = Math.exp(betaln(a, b + n) - betaln(a, b) + lnb(n));
  if (n > 0) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(lnb(j));
    v += Math.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * (1 - sum);
  }
  return v;
}
