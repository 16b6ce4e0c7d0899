// Exact value, gradient and Hessian of the Gamma-Gamma mean negative log-likelihood in
// log-parameters u = log(p, q, γ), for the Newton fit. Per repeat buyer (x purchases, mean m)
//   ℓ = log Γ(px+q) − log Γ(px) − log Γ(q) + q·log γ + (px−1)·log m + px·log x
//       − (px+q)·log(γ + m·x).
// Everything but the last term depends on x only, and x takes few values: customers are
// grouped by x once, the special functions are evaluated per distinct x, and the per-customer
// work is one log and one division for Σ log(γ+mx), Σ 1/(γ+mx), Σ 1/(γ+mx)² per group.
import { type TNewtonEval, toLogParams } from './newton';
import { digamma, gammaln, trigamma } from './special';
import { codeColumn } from './types';

/** Σ log(γ + mx), Σ 1/(γ + mx), Σ 1/(γ + mx)² over one x group, into out[0..2]. The only
 *  per-customer work, kept in a small top-level function: V8 optimises small functions early and
 *  cheaply, which is most of a fresh process's fit time (the closure below runs few times). */
function groupSums(mx: Float64Array, from: number, to: number, gamma: number, out: Float64Array) {
  let sl = 0;
  let si = 0;
  let si2 = 0;
  for (let i = from; i < to; i++) {
    const v = gamma + mx[i]!;
    const iv = 1 / v;
    sl += Math.log(v);
    si += iv;
    si2 += iv * iv;
  }
  out[0] = sl;
  out[1] = si;
  out[2] = si2;
}

/** xs, ms: repeat buyers only (x > 0, m > 0). */
export function ggNewtonObjective(
  xs: ArrayLike<number>,
  ms: ArrayLike<number>,
): (u: Float64Array) => TNewtonEval {
  const n = xs.length;
  // Group customers by x: x numbered by a typed-array hash (codeColumn), then a counting sort.
  const code = codeColumn(Float64Array.from(xs));
  const gx = code.vals;
  const ng = gx.length;
  const start = new Int32Array(ng + 1);
  for (let i = 0; i < n; i++) start[code.idx[i]! + 1]!++;
  for (let k = 0; k < ng; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, ng);
  const sumLogM = new Float64Array(ng);
  const mx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = code.idx[i]!;
    const m = ms[i]!;
    mx[fill[k]!++] = m * gx[k]!;
    sumLogM[k]! += Math.log(m);
  }
  const sums = new Float64Array(3);
  return (u) => {
    const p = Math.exp(u[0] ?? 0);
    const q = Math.exp(u[1] ?? 0);
    const gamma = Math.exp(u[2] ?? 0);
    const lg = Math.log(gamma);
    const lgq = gammaln(q);
    const dq = digamma(q);
    const tq = trigamma(q);
    let ll = 0;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    let hpp = 0;
    let hpq = 0;
    let hpg = 0;
    let hqq = 0;
    let hqg = 0;
    let hgg = 0;
    for (let k = 0; k < ng; k++) {
      const x = gx[k]!;
      groupSums(mx, start[k]!, start[k + 1]!, gamma, sums);
      const sl = sums[0]!;
      const si = sums[1]!;
      const si2 = sums[2]!;
      const c = (start[k + 1] ?? 0) - (start[k] ?? 0);
      const px = p * x;
      const lx = Math.log(x);
      const slm = sumLogM[k] ?? 0;
      const d1 = digamma(px + q);
      const t1 = trigamma(px + q);
      ll +=
        c * (gammaln(px + q) - gammaln(px) - lgq + q * lg + px * lx) +
        (px - 1) * slm -
        (px + q) * sl;
      gp += x * (c * (d1 - digamma(px) + lx) + slm - sl);
      gq += c * (d1 - dq + lg) - sl;
      gg += (c * q) / gamma - (px + q) * si;
      hpp += c * x * x * (t1 - trigamma(px));
      hpq += c * x * t1;
      hpg -= x * si;
      hqq += c * (t1 - tq);
      hqg += c / gamma - si;
      hgg += (-c * q) / (gamma * gamma) + (px + q) * si2;
    }
    const Ht = [
      [hpp, hpq, hpg],
      [0, hqq, hqg],
      [0, 0, hgg],
    ];
    return toLogParams(ll, [gp, gq, gg], Ht, [p, q, gamma], n);
  };
}
