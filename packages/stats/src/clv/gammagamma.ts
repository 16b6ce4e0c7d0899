// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013 note).
import { ggNewtonObjective } from './gammagamma-newton';
import { newtonFromStarts } from './newton';
import { minimize, type TMinimizeResult } from './optimize';
import { gammaln } from './special';
import { ClvFitError, type TFitInfo, type TFitOptions } from './types';

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

/** Fits on customers with x > 0 and m > 0 (others carry no spend information), by Newton with
 *  exact derivatives (gammagamma-newton.ts), falling back to — or with `method:
 *  'nelder-mead-bfgs'` using — the previous Nelder–Mead + numeric-gradient BFGS. */
export function fitGammaGamma(
  x: ArrayLike<number>,
  m: ArrayLike<number>,
  opts: TFitOptions = {},
): TGammaGammaParams & TFitInfo {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > 0 && m[i]! > 0) n++;
  if (n < 2) throw new ClvFitError('Gamma-Gamma: fewer than two repeat buyers with spend');
  const xs = new Float64Array(n);
  const ms = new Float64Array(n);
  // First start scaled to the data: p = 1, q = 2 and γ = mean spend match the model's mean
  // spend pγ/(q − 1) (saves Newton steps whatever the currency); then the fixed starts.
  let meanM = 0;
  for (let i = 0, j = 0; i < x.length; i++) {
    const xi = x[i]!;
    const mi = m[i]!;
    if (xi > 0 && mi > 0) {
      xs[j] = xi;
      ms[j++] = mi;
      meanM += mi;
    }
  }
  meanM /= n;
  const starts = [
    [0, Math.log(2), Math.log(meanM)],
    [0, 0, 0],
    [Math.log(5), Math.log(3), Math.log(15)],
  ];
  let res: TMinimizeResult | null = null;
  if (opts.method !== 'nelder-mead-bfgs') res = newtonFromStarts(ggNewtonObjective(xs, ms), starts);
  res ??= minimize(ggMeanNll(Array.from(xs), Array.from(ms)), starts, { gradTol: opts.gradTol });
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

/** −ℓ/n in log-parameters for the Nelder–Mead path. Terms depending on x only are computed once
 *  per distinct x per evaluation; log m once. */
function ggMeanNll(xs: number[], ms: number[]): (v: number[]) => number {
  const n = xs.length;
  const distinct = [...new Set(xs)];
  const xIdx = Int32Array.from(xs.map((v) => distinct.indexOf(v)));
  const logM = Float64Array.from(ms.map(Math.log));
  const cx = new Float64Array(distinct.length);
  return (v: number[]) => {
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
}
