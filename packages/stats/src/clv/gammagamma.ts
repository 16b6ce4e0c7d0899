// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013 note).
import { minimize } from './optimize';
import { gammaln } from './special';
import { ClvFitError, type TFitInfo } from './types';

export interface TGammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Log density of the observed mean spend m over x repeat purchases. */
export function ggLogLikOne(pr: TGammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = pr;
  const px = p * x;
  return (
    gammaln(px + q) -
    gammaln(px) -
    gammaln(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + m * x)
  );
}

/** Fits on customers with x > 0 and m > 0 (others carry no spend information). */
export function fitGammaGamma(
  x: ArrayLike<number>,
  m: ArrayLike<number>,
): TGammaGammaParams & TFitInfo {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const mi = m[i] ?? 0;
    if (xi > 0 && mi > 0) {
      xs.push(xi);
      ms.push(mi);
    }
  }
  const n = xs.length;
  if (n < 2) throw new ClvFitError('Gamma-Gamma: fewer than two repeat buyers with spend');
  // Terms depending on x only are computed once per distinct x per evaluation; log m once.
  const distinct = [...new Set(xs)];
  const xIdx = Int32Array.from(xs.map((v) => distinct.indexOf(v)));
  const logM = Float64Array.from(ms.map(Math.log));
  const cx = new Float64Array(distinct.length);
  const f = (v: number[]) => {
    const p = Math.exp(v[0] ?? 0);
    const q = Math.exp(v[1] ?? 0);
    const gamma = Math.exp(v[2] ?? 0);
    const lg = Math.log(gamma);
    const base = -gammaln(q) + q * lg;
    for (let k = 0; k < distinct.length; k++) {
      const px = p * (distinct[k] ?? 0);
      cx[k] = base + gammaln(px + q) - gammaln(px) + px * Math.log(distinct[k] ?? 1);
    }
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const xi = xs[i] ?? 0;
      const px = p * xi;
      ll +=
        (cx[xIdx[i] ?? 0] ?? 0) +
        (px - 1) * (logM[i] ?? 0) -
        (px + q) * Math.log(gamma + (ms[i] ?? 0) * xi);
    }
    return -ll / n;
  };
  const res = minimize(f, [
    [0, 0, 0],
    [Math.log(5), Math.log(3), Math.log(15)],
  ]);
  const out = {
    p: Math.exp(res.x[0] ?? 0),
    q: Math.exp(res.x[1] ?? 0),
    gamma: Math.exp(res.x[2] ?? 0),
  };
  if (!res.converged || res.x.some((v) => Math.abs(v) > 18)) {
    throw new ClvFitError(`Gamma-Gamma fit did not converge (parameters ${JSON.stringify(out)})`);
  }
  return { ...out, logLik: -res.value * n, converged: true, iterations: res.iterations };
}

/** E[M | x, m̄] (eq. 5 of the note): a weighted mean of the population mean and the customer's. */
export function ggConditionalExpectedSpend(pr: TGammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = pr;
  if (x <= 0 || !(m > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
