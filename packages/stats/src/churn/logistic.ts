// Logistic regression fitted by IRLS (Newton–Raphson) with an optional L2 (ridge) penalty on the
// slopes; the intercept is never penalised (same objective as scikit-learn's
// LogisticRegression(C = 1/l2), or statsmodels' Logit when l2 = 0).
//
//   maximise  Σ [yᵢ ηᵢ − log(1 + e^ηᵢ)] − (l2/2) Σ_{j≥1} βⱼ²,   η = β₀ + Σ βⱼ xᵢⱼ
//
// Standard errors are √diag(H⁻¹) at the optimum, H = XᵀWX + l2·I (slopes). With l2 = 0 they are
// the usual Wald standard errors; with l2 > 0 they are the ridge (Laplace-approximation) ones.

/** The fit failed in a way the caller must report (separation, collinearity, no variation). */
export class ChurnFitError extends Error {}

export interface TLogisticOptions {
  /** L2 penalty on the slopes (not the intercept). Default 0. */
  l2?: number;
  maxIter?: number;
  /** Convergence when the largest Newton step is below this. Default 1e-10. */
  tol?: number;
  /** Starting point [intercept, β…] (e.g. a fit on similar data); default intercept-only. */
  start?: ArrayLike<number>;
  /**
   * `x` holds RAW columns (often sparse: 0/1 dummies) and the model is fitted on the
   * standardised columns (x − mean)/sd without materialising them: XᵀWX and the score are
   * accumulated over the non-zero cells and then transformed, so a row costs (non-zeros)²
   * instead of p². Coefficients and standard errors are on the standardised scale.
   */
  standardize?: { mean: ArrayLike<number>; sd: ArrayLike<number> };
}

export interface TLogisticFit {
  /** [intercept, β₁ … β_p]. */
  coef: number[];
  /** Standard errors, same layout as `coef`. */
  se: number[];
  /** Unpenalised log-likelihood at the optimum. */
  logLik: number;
  iterations: number;
  converged: boolean;
}

/** log(1 + e^x) without overflow. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** In-place Cholesky factor (lower) of a symmetric positive definite k×k matrix; false if not PD. */
function cholesky(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] ?? 0;
    for (let m = 0; m < j; m++) d -= (a[j * k + m] ?? 0) ** 2;
    if (!(d > 1e-13 * Math.max(1, Math.abs(a[j * k + j] ?? 0)))) return false;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] ?? 0;
      for (let m = 0; m < j; m++) s -= (a[i * k + m] ?? 0) * (a[j * k + m] ?? 0);
      a[i * k + j] = s / l;
    }
  }
  return true;
}

function cholSolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i] ?? 0;
    for (let m = 0; m < i; m++) s -= (l[i * k + m] ?? 0) * (z[m] ?? 0);
    z[i] = s / (l[i * k + i] ?? 1);
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i] ?? 0;
    for (let m = i + 1; m < k; m++) s -= (l[m * k + i] ?? 0) * (z[m] ?? 0);
    z[i] = s / (l[i * k + i] ?? 1);
  }
  return z;
}

/**
 * Fits y ~ X. `x` is row-major n×p WITHOUT the intercept column; `y` holds 0/1.
 * Throws ChurnFitError when the Hessian is singular (collinear columns and l2 = 0) or the
 * iterations do not converge (e.g. complete separation without a penalty).
 */
export function fitLogistic(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  opts: TLogisticOptions = {},
): TLogisticFit {
  const l2 = opts.l2 ?? 0;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-10;
  const k = p + 1;
  if (n === 0) throw new ChurnFitError('no rows to fit');
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i] ?? 0;
  if (pos === 0 || pos === n) throw new ChurnFitError('the target has only one class');
  const beta = new Float64Array(k);
  beta[0] = Math.log(pos / (n - pos));
  if (opts.start && opts.start.length === k)
    for (let a = 0; a < k; a++) beta[a] = opts.start[a] ?? 0;
  const eta = new Float64Array(n);
  const objective = (b: Float64Array): number => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      let e = b[0] ?? 0;
      const o = i * p;
      for (let j = 0; j < p; j++) e += (b[j + 1] ?? 0) * (x[o + j] ?? 0);
      eta[i] = e;
      ll += (y[i] ?? 0) * e - log1pExp(e);
    }
    let pen = 0;
    for (let j = 1; j < k; j++) pen += (b[j] ?? 0) ** 2;
    return ll - 0.5 * l2 * pen;
  };
  const h = new Float64Array(k * k);
  const g = new Float64Array(k);
  const row = new Float64Array(k);
  const hessianAt = (): void => {
    h.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i] ?? 0);
      const w = mu * (1 - mu);
      const r = (y[i] ?? 0) - mu;
      row[0] = 1;
      const o = i * p;
      for (let j = 0; j < p; j++) row[j + 1] = x[o + j] ?? 0;
      // Lower triangle of XᵀWX and the score (hot loop: plain indexing, bounds are fixed).
      for (let a = 0; a < k; a++) {
        const ra = row[a]!;
        if (ra === 0) continue;
        g[a]! += r * ra;
        const wa = w * ra;
        const base = a * k;
        for (let c = 0; c <= a; c++) h[base + c]! += wa * row[c]!;
      }
    }
    for (let a = 1; a < k; a++) {
      h[a * k + a] = (h[a * k + a] ?? 0) + l2;
      g[a] = (g[a] ?? 0) - l2 * (beta[a] ?? 0);
    }
    for (let a = 0; a < k; a++) for (let c = a + 1; c < k; c++) h[a * k + c] = h[c * k + a] ?? 0;
  };
  let objectiveFn = objective;
  let hessianFn = hessianAt;
  if (opts.standardize) {
    const mu = new Float64Array(k);
    const sd = new Float64Array(k).fill(1);
    for (let j = 0; j < p; j++) {
      mu[j + 1] = opts.standardize.mean[j] ?? 0;
      sd[j + 1] = opts.standardize.sd[j] ?? 1;
    }
    // CSR of [1, x] (the intercept is raw column 0: mean 0, sd 1).
    let nnz = 0;
    for (let i = 0; i < n * p; i++) if (x[i] !== 0) nnz++;
    const ptr = new Int32Array(n + 1);
    const col = new Int32Array(nnz + n);
    const val = new Float64Array(nnz + n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      ptr[i] = at;
      col[at] = 0;
      val[at++] = 1;
      for (let j = 0; j < p; j++) {
        const v = x[i * p + j]!;
        if (v !== 0) {
          col[at] = j + 1;
          val[at++] = v;
        }
      }
    }
    ptr[n] = at;
    const braw = new Float64Array(k);
    objectiveFn = (b) => {
      let c0 = b[0]!;
      for (let j = 1; j < k; j++) {
        braw[j] = b[j]! / sd[j]!;
        c0 -= braw[j]! * mu[j]!;
      }
      let ll = 0;
      for (let i = 0; i < n; i++) {
        let e = c0;
        for (let q = ptr[i]! + 1; q < ptr[i + 1]!; q++) e += braw[col[q]!]! * val[q]!;
        eta[i] = e;
        ll += y[i]! * e - log1pExp(e);
      }
      let pen = 0;
      for (let j = 1; j < k; j++) pen += b[j]! ** 2;
      return ll - 0.5 * l2 * pen;
    };
    const m = new Float64Array(k * k);
    const v = new Float64Array(k);
    hessianFn = () => {
      m.fill(0);
      v.fill(0);
      for (let i = 0; i < n; i++) {
        const mi = sigmoid(eta[i]!);
        const w = mi * (1 - mi);
        const r = y[i]! - mi;
        const q0 = ptr[i]!;
        const q1 = ptr[i + 1]!;
        for (let qa = q0; qa < q1; qa++) {
          const a = col[qa]!;
          const ra = val[qa]!;
          v[a]! += r * ra;
          const wa = w * ra;
          const base = a * k;
          // Columns are increasing within a row, so col[qc] ≤ a for qc ≤ qa.
          for (let qc = q0; qc <= qa; qc++) m[base + col[qc]!]! += wa * val[qc]!;
        }
      }
      for (let a = 0; a < k; a++) {
        for (let c = 0; c <= a; c++) {
          const hv =
            (m[a * k + c]! - mu[a]! * m[c * k]! - mu[c]! * m[a * k]! + mu[a]! * mu[c]! * m[0]!) /
            (sd[a]! * sd[c]!);
          h[a * k + c] = hv;
          h[c * k + a] = hv;
        }
        g[a] = (v[a]! - mu[a]! * v[0]!) / sd[a]!;
      }
      for (let a = 1; a < k; a++) {
        h[a * k + a]! += l2;
        g[a]! -= l2 * beta[a]!;
      }
    };
  }
  let obj = objectiveFn(beta);
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    hessianFn();
    if (!cholesky(h, k)) {
      // At the start the weights are all ≈ 0.25, so a singular Hessian means collinear
      // columns; later it means the weights collapsed to 0: the classes are separated.
      throw new ChurnFitError(
        it === 0
          ? 'the design matrix is singular (collinear or constant columns); use an L2 penalty or drop columns'
          : 'logistic regression did not converge: the classes are perfectly separated; use an L2 penalty',
      );
    }
    const step = cholSolve(h, k, g);
    let t = 1;
    const next = new Float64Array(k);
    let nextObj = Number.NEGATIVE_INFINITY;
    for (let half = 0; half < 40; half++) {
      for (let a = 0; a < k; a++) next[a] = (beta[a] ?? 0) + t * (step[a] ?? 0);
      nextObj = objectiveFn(next);
      if (nextObj >= obj - 1e-12 * Math.abs(obj)) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let a = 0; a < k; a++) maxStep = Math.max(maxStep, Math.abs(t * (step[a] ?? 0)));
    beta.set(next);
    obj = nextObj;
    if (maxStep < tol) {
      converged = true;
      it++;
      break;
    }
  }
  obj = objectiveFn(beta);
  if (!converged) {
    throw new ChurnFitError(
      `logistic regression did not converge in ${maxIter} iterations (perfectly separated classes?); use an L2 penalty`,
    );
  }
  // Standard errors from the (penalised) Hessian factor of the last Newton step: it was taken
  // at a point less than `tol` away from the optimum, so recomputing it would change nothing.
  const se: number[] = [];
  const e = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    e.fill(0);
    e[a] = 1;
    se.push(Math.sqrt(cholSolve(h, k, e)[a] ?? Number.NaN));
  }
  let ll = 0;
  for (let i = 0; i < n; i++) ll += (y[i] ?? 0) * (eta[i] ?? 0) - log1pExp(eta[i] ?? 0);
  return { coef: Array.from(beta), se, logLik: ll, iterations: it, converged };
}
