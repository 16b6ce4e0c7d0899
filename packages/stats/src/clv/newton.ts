// Damped Newton minimiser for the CLV likelihoods on log-parameters, used when the analytic
// gradient and Hessian are available (BG/NBD, Gamma-Gamma). Newton converges quadratically, so
// ~10 passes over the data reach the optimum to machine precision, where Nelder–Mead needs
// hundreds and BFGS with numeric gradients dozens. Far from the optimum the Hessian may be
// indefinite: a multiple of the identity is added until it is positive definite
// (Levenberg–Marquardt style), steps are capped and an Armijo backtracking search guards the
// decrease, so every step goes downhill.
import type { TMinimizeResult } from './optimize';

/** Value, gradient and Hessian (row-major n×n) of the function to minimise at v. */
export interface TNewtonEval {
  f: number;
  g: Float64Array;
  H: Float64Array;
}

/** Turns ℓ, its gradient gt and Hessian Ht (upper triangle used) in the parameters θ into the
 *  evaluation of −ℓ/n in u = log θ: ∂u = θ∂θ, ∂²u = θiθj∂²θ + δij·θi∂θi. */
export function toLogParams(
  ll: number,
  gt: readonly number[],
  Ht: readonly (readonly number[])[],
  th: readonly number[],
  n: number,
): TNewtonEval {
  const k = th.length;
  const g = new Float64Array(k);
  const H = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    g[i] = (-th[i]! * gt[i]!) / n;
    for (let j = 0; j < k; j++) {
      const hij = i <= j ? Ht[i]![j]! : Ht[j]![i]!;
      H[i * k + j] = -(th[i]! * th[j]! * hij + (i === j ? th[i]! * gt[i]! : 0)) / n;
    }
  }
  return { f: -ll / n, g, H };
}

/** Cholesky solve of (H + λI) d = −g; null if not positive definite. */
function newtonStep(H: Float64Array, g: Float64Array, lambda: number): Float64Array | null {
  const n = g.length;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (H[i * n + j] ?? 0) + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) s -= (L[i * n + k] ?? 0) * (L[j * n + k] ?? 0);
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / (L[j * n + j] ?? 1);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = -(g[i] ?? 0);
    for (let k = 0; k < i; k++) s -= (L[i * n + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (L[i * n + i] ?? 1);
  }
  const d = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] ?? 0) * (d[k] ?? 0);
    d[i] = s / (L[i * n + i] ?? 1);
  }
  return d;
}

const maxAbs = (v: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] ?? 0));
  return m;
};

/** Largest step in any log-parameter (a factor e³ ≈ 20): keeps far starts from overflowing. */
const MAX_STEP = 3;

/** Minimises from x0. Converged = a full, undamped Newton step smaller than 1e-9 in every
 *  log-parameter (the error left after it is of the order of its square), or a gradient below
 *  1e-10 when rounding stops the line search. Non-finite values count as uphill. The
 *  functions minimised here are mean negative log-likelihoods (O(1) values). */
export function newtonMinimize(
  evaluate: (v: Float64Array) => TNewtonEval,
  x0: readonly number[],
  maxIter = 100,
): TMinimizeResult {
  let x = Float64Array.from(x0);
  let cur = evaluate(x);
  const done = (converged: boolean, it: number): TMinimizeResult => ({
    x: Array.from(x),
    value: cur.f,
    converged,
    iterations: it,
  });
  if (!Number.isFinite(cur.f)) return done(false, 0);
  for (let it = 0; it < maxIter; it++) {
    let diag = 0;
    for (let i = 0; i < x.length; i++)
      diag = Math.max(diag, Math.abs(cur.H[i * x.length + i] ?? 0));
    let lambda = 0;
    let d = newtonStep(cur.H, cur.g, 0);
    while (d === null && lambda < 1e12 * (1 + diag)) {
      lambda = lambda === 0 ? 1e-8 * (1 + diag) : lambda * 10;
      d = newtonStep(cur.H, cur.g, lambda);
    }
    if (d === null) return done(false, it);
    const big = maxAbs(d);
    // Near the optimum (small undamped step) the change in f is at rounding level, so a line
    // search could wrongly reject it: take the full step, which converges quadratically there.
    if (lambda === 0 && big < 1e-4) {
      for (let i = 0; i < x.length; i++) x[i] = (x[i] ?? 0) + (d[i] ?? 0);
      cur = evaluate(x);
      if (!Number.isFinite(cur.f)) return done(false, it + 1);
      if (big < 1e-9) return done(true, it + 1);
      continue;
    }
    let step = big > MAX_STEP ? MAX_STEP / big : 1;
    let slope = 0;
    for (let i = 0; i < x.length; i++) slope += (cur.g[i] ?? 0) * (d[i] ?? 0);
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const xn = x.map((v, i) => v + step * (d?.[i] ?? 0));
      const next = evaluate(xn);
      if (Number.isFinite(next.f) && next.f <= cur.f + 1e-4 * step * slope) {
        x = xn;
        cur = next;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) return done(maxAbs(cur.g) < 1e-10, it);
  }
  return done(false, maxIter);
}

/** Newton from the first start, then from the next ones only if it did not converge. (The
 *  Nelder–Mead path searched from every start because the simplex can stall far from the
 *  optimum; a damped Newton run that certifies convergence has found a stationary point with a
 *  positive definite Hessian, i.e. a local maximum of the likelihood, and on the CDNOW data
 *  every start reaches the same one.) Null if no start converged. */
export function newtonFromStarts(
  evaluate: (v: Float64Array) => TNewtonEval,
  starts: readonly (readonly number[])[],
): TMinimizeResult | null {
  let iterations = 0;
  for (const s of starts) {
    const r = newtonMinimize(evaluate, s);
    iterations += r.iterations;
    if (r.converged) return { ...r, iterations };
  }
  return null;
}
