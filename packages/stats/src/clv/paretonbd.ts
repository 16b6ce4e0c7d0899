// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), likelihood in the form of Fader & Hardie's
// note "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005), eq. 22, with
// the A0 term from 2F1 taken on the side where its argument is in [0, 1).
import { minimize } from './optimize';
import { gammaln, hyp2f1, logAddExp } from './special';
import { ClvFitError, compress, type TFitInfo, type TSummaryArrays } from './types';

export interface TParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** log of s/(r+s+x) · ∫_{t_x}^{T} (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ (times (r+s+x)/s). */
function logA0(p: TParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const [mx, t] = alpha < beta ? [beta, r + x] : [alpha, s + 1];
  const d = Math.abs(alpha - beta);
  const rsx = r + s + x;
  const p1 = hyp2f1(rsx, t, rsx + 1, d / (mx + tx));
  const p2 = hyp2f1(rsx, t, rsx + 1, d / (mx + T));
  // p1/(mx+tx)^rsx − p2/(mx+T)^rsx, in logs: the first term is always the larger one.
  const l1 = Math.log(p1) - rsx * Math.log(mx + tx);
  const l2 = Math.log(p2) - rsx * Math.log(mx + T);
  if (l2 >= l1) return Number.NEGATIVE_INFINITY;
  return l1 + Math.log1p(-Math.exp(l2 - l1));
}

export function paretoLogLikOne(p: TParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  const a2 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const a3 = Math.log(s) - Math.log(r + s + x) + logA0(p, x, tx, T);
  return a1 + logAddExp(a2, a3);
}

export function paretoLogLik(
  p: TParetoNbdParams,
  d: TSummaryArrays & { w?: Float64Array },
): number {
  let ll = 0;
  for (let i = 0; i < d.x.length; i++)
    ll += (d.w ? (d.w[i] ?? 1) : 1) * paretoLogLikOne(p, d.x[i] ?? 0, d.tx[i] ?? 0, d.T[i] ?? 0);
  return ll;
}

export function fitParetoNbd(s: TSummaryArrays): TParetoNbdParams & TFitInfo {
  const d = compress(s);
  let n = 0;
  for (const w of d.w) n += w;
  if (n === 0) throw new ClvFitError('Pareto/NBD: no customers to fit');
  const fl = (v: number[]): TParetoNbdParams => ({
    r: Math.exp(v[0] ?? 0),
    alpha: Math.exp(v[1] ?? 0),
    s: Math.exp(v[2] ?? 0),
    beta: Math.exp(v[3] ?? 0),
  });
  const res = minimize(
    (v) => -paretoLogLik(fl(v), d) / n,
    [
      [0, Math.log(10), 0, Math.log(10)],
      [Math.log(0.5), Math.log(5), Math.log(0.5), Math.log(20)],
    ],
  );
  const p = fl(res.x);
  if (!res.converged || res.x.some((v) => Math.abs(v) > 18)) {
    throw new ClvFitError(`Pareto/NBD fit did not converge (parameters ${JSON.stringify(p)})`);
  }
  return { ...p, logLik: -res.value * n, converged: true, iterations: res.iterations };
}

/** P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^{r+x} (β+T)^s A0). */
export function paretoPAlive(p: TParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const l =
    Math.log(s) -
    Math.log(r + s + x) +
    (r + x) * Math.log(alpha + T) +
    s * Math.log(beta + T) +
    logA0(p, x, tx, T);
  return 1 / (1 + Math.exp(l));
}

/** E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}]. */
export function paretoConditionalExpected(
  p: TParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, s, beta } = p;
  const k = ((r + x) * (beta + T)) / ((alpha + T) * (s - 1));
  return paretoPAlive(p, x, tx, T) * k * (1 - ((beta + T) / (beta + T + t)) ** (s - 1));
}
