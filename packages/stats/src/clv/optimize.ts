// Derivative-free minimiser for the CLV likelihoods. Nelder–Mead on unconstrained (log) parameters,
// restarted from the best point until it stops improving (restarts cure NM's premature collapse),
// and run from several starts so a bad start cannot silently return a local optimum.

export interface TMinimizeResult {
  x: number[];
  value: number;
  converged: boolean;
  iterations: number;
}

export interface TMinimizeOptions {
  maxIter?: number;
  tol?: number;
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
  let r = best;
  let iterations = best.iterations;
  for (let k = 0; k < 8; k++) {
    const r2 = nelderMead(f, r.x, maxIter, tol);
    iterations += r2.iterations;
    const moved = r.value - r2.value;
    r = r2;
    if (moved <= 1e-10 * (1 + Math.abs(r.value)) && r2.converged) break;
  }
  return { ...r, iterations };
}
