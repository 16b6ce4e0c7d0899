// Minimiser for the CLV likelihoods on unconstrained (log) parameters: a coarse Nelder–Mead from
// several starts (so a bad start cannot silently return a local optimum), then a BFGS polish with
// numeric gradients from the best one; convergence is certified by a small gradient. If BFGS
// cannot certify it, restarted Nelder–Mead takes over and reports its own convergence.

export interface TMinimizeResult {
  x: number[];
  value: number;
  converged: boolean;
  iterations: number;
}

export interface TMinimizeOptions {
  maxIter?: number;
  tol?: number;
  /** BFGS stops when max |gradient| is below this (default 1e-7). */
  gradTol?: number;
}

function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  maxIter: number,
  tol: number,
  xtol = 1e-7,
) {
  const n = x0.length;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = (p[i] ?? 0) + 0.5;
    pts.push(p);
  }
  let vals = pts.map(f);
  let it = 0;
  let converged = false;
  const at = (k: number): number[] => pts[k] ?? [];
  for (; it < maxIter; it++) {
    const order = vals.map((_, i) => i).sort((i, j) => (vals[i] ?? 0) - (vals[j] ?? 0));
    const sorted = order.map((i) => at(i));
    vals = order.map((i) => vals[i] ?? Number.POSITIVE_INFINITY);
    for (let i = 0; i <= n; i++) pts[i] = sorted[i] ?? [];
    const best = vals[0] ?? 0;
    const worst = vals[n] ?? 0;
    let spread = 0;
    for (let i = 1; i <= n; i++)
      for (let d = 0; d < n; d++)
        spread = Math.max(spread, Math.abs((at(i)[d] ?? 0) - (at(0)[d] ?? 0)));
    if (Math.abs(worst - best) <= tol * (1 + Math.abs(best)) && spread < xtol) {
      converged = true;
      break;
    }
    const c = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let d = 0; d < n; d++) c[d] = (c[d] ?? 0) + (at(i)[d] ?? 0) / n;
    const w = at(n);
    const mv = (t: number) => c.map((cd, d) => cd + t * (cd - (w[d] ?? 0)));
    const xr = mv(1);
    const fr = f(xr);
    if (fr < best) {
      const xe = mv(2);
      const fe = f(xe);
      if (fe < fr) {
        pts[n] = xe;
        vals[n] = fe;
      } else {
        pts[n] = xr;
        vals[n] = fr;
      }
    } else if (fr < (vals[n - 1] ?? 0)) {
      pts[n] = xr;
      vals[n] = fr;
    } else {
      const xc = fr < worst ? mv(0.5) : mv(-0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, worst)) {
        pts[n] = xc;
        vals[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          const p = at(i).map((v, d) => (at(0)[d] ?? 0) + 0.5 * (v - (at(0)[d] ?? 0)));
          pts[i] = p;
          vals[i] = f(p);
        }
      }
    }
  }
  return { x: at(0), value: vals[0] ?? Number.POSITIVE_INFINITY, converged, iterations: it };
}

/** Minimises f from each start; NaN/Inf values are treated as +Inf so the simplex walks away. */
export function minimize(
  fRaw: (x: number[]) => number,
  starts: number[][],
  opts: TMinimizeOptions = {},
): TMinimizeResult {
  const f = (x: number[]) => {
    const v = fRaw(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const maxIter = opts.maxIter ?? 5000;
  const tol = opts.tol ?? 1e-12;
  // Phase 1: a coarse search from every start; phase 2: polish only the best one, restarting the
  // simplex from the optimum until the value stops moving (cures NM's premature collapse).
  let best: TMinimizeResult | null = null;
  for (const s of starts) {
    const r = nelderMead(f, s, maxIter, 1e-5, 2e-2);
    if (best === null || r.value < best.value) best = r;
  }
  if (best === null) throw new Error('minimize: no starting point');
  const polished = bfgs(f, best.x, 200, opts.gradTol ?? 1e-7);
  if (polished.converged) return { ...polished, iterations: polished.iterations + best.iterations };
  // BFGS could not certify a stationary point: fall back to restarted Nelder–Mead.
  let r = polished.value < best.value ? polished : best;
  let iterations = best.iterations + polished.iterations;
  for (let k = 0; k < 8; k++) {
    const r2 = nelderMead(f, r.x, maxIter, tol);
    iterations += r2.iterations;
    const moved = r.value - r2.value;
    r = r2;
    if (moved <= 1e-10 * (1 + Math.abs(r.value)) && r2.converged) break;
  }
  return { ...r, iterations };
}

/** Central-difference gradient; the objectives are smooth and O(1) (mean log-likelihood), so
 *  h = 1e-5 gives ~1e-10 accuracy, far below what the default stopping rule needs. For tighter
 *  stopping rules (gradTol < 1e-8, used to cross-check Newton's optimum) the 5-point stencil with
 *  h = 2e-4 gives ~1e-11 (truncation O(h⁴), rounding O(ε/h)). */
function gradient(f: (x: number[]) => number, x: number[], fine: boolean): number[] {
  const at = (i: number, d: number) => {
    const y = x.slice();
    y[i] = (y[i] ?? 0) + d;
    return f(y);
  };
  return x.map((_, i) => {
    if (fine) {
      const h = 2e-4 * (1 + Math.abs(x[i] ?? 0));
      return (at(i, -2 * h) - 8 * at(i, -h) + 8 * at(i, h) - at(i, 2 * h)) / (12 * h);
    }
    const h = 1e-5 * (1 + Math.abs(x[i] ?? 0));
    return (at(i, h) - at(i, -h)) / (2 * h);
  });
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

/** BFGS with backtracking (Armijo) line search. Converged = max |gradient| < gtol. */
function bfgs(
  f: (x: number[]) => number,
  x0: number[],
  maxIter: number,
  gtol: number,
): TMinimizeResult {
  const n = x0.length;
  let x = x0.slice();
  let fx = f(x);
  const fine = gtol < 1e-8;
  let g = gradient(f, x, fine);
  let H: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  const gnorm = (v: number[]) => Math.max(...v.map(Math.abs));
  for (let it = 0; it < maxIter; it++) {
    if (gnorm(g) < gtol) return { x, value: fx, converged: true, iterations: it };
    let d = H.map((row) => -dot(row, g));
    let slope = dot(g, d);
    if (!(slope < 0)) {
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = g.map((v) => -v);
      slope = dot(g, d);
    }
    let step = 1;
    let xn = x;
    let fn = fx;
    let ok = false;
    for (let k = 0; k < 50; k++) {
      xn = x.map((v, i) => v + step * (d[i] ?? 0));
      fn = f(xn);
      if (fn <= fx + 1e-4 * step * slope) {
        ok = true;
        break;
      }
      step /= 2;
    }
    let gn: number[] | null = null;
    if (!ok && fine) {
      // Near the optimum f changes by less than its rounding, so Armijo cannot see progress;
      // with the accurate gradient, the full quasi-Newton step is taken if it lowers |g|.
      xn = x.map((v, i) => v + (d[i] ?? 0));
      gn = gradient(f, xn, fine);
      fn = f(xn);
      ok = gnorm(gn) < gnorm(g) && Number.isFinite(fn);
    }
    if (!ok) return { x, value: fx, converged: gnorm(g) < 10 * gtol, iterations: it };
    gn ??= gradient(f, xn, fine);
    const sv = xn.map((v, i) => v - (x[i] ?? 0));
    const yv = gn.map((v, i) => v - (g[i] ?? 0));
    const sy = dot(sv, yv);
    if (sy > 1e-14) {
      const Hy = H.map((row) => dot(row, yv));
      const yHy = dot(yv, Hy);
      H = H.map((row, i) =>
        row.map(
          (h, j) =>
            h +
            ((sy + yHy) * (sv[i] ?? 0) * (sv[j] ?? 0)) / (sy * sy) -
            ((Hy[i] ?? 0) * (sv[j] ?? 0) + (sv[i] ?? 0) * (Hy[j] ?? 0)) / sy,
        ),
      );
    }
    x = xn;
    fx = fn;
    g = gn;
  }
  return { x, value: fx, converged: gnorm(g) < gtol, iterations: maxIter };
}
