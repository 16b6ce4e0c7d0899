// Key-driver analysis: standardised OLS betas and Johnson's (2000) relative weights, which
// split R² among correlated predictors (betas alone mislead under collinearity), with
// percentile bootstrap intervals from a seeded RNG.
import { isPresent, type TMaybe } from '../core/descriptives';
import {
  resampleCorrelations,
  solve,
  symmetricEigen,
  type TMatrix,
  weightedCorrelationMatrix,
} from '../core/linalg';
import { quantileSorted, seededRandom } from '../core/random';

export interface TDriver {
  attribute: string;
  correlation: number;
  beta: number | null;
  relativeWeight: number;
  /** relativeWeight / R² */
  share: number;
  ci95: [number, number] | null;
}

export interface TDrivers {
  n: number;
  rSquared: number;
  drivers: TDriver[];
}

interface TCore {
  r: number[];
  beta: number[] | null;
  weights: number[];
  rSquared: number;
}

/** Betas and relative weights from a correlation matrix: rows/columns 0..k−1 predictors, k outcome. */
function fitCorrelation(r: TMatrix, k: number): TCore {
  const rxx: TMatrix = r.slice(0, k).map((row) => row.slice(0, k));
  const rxy = r.slice(0, k).map((row) => row[k] ?? 0);
  const beta = solve(rxx, rxy);
  const { values, vectors } = symmetricEigen(rxx);
  // Λ = V·diag(√λ)·Vᵀ is the correlation between X and its orthogonal counterpart Z.
  const lambda: TMatrix = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let c = 0; c < k; c++) {
        s +=
          (vectors[i]?.[c] ?? 0) * Math.sqrt(Math.max(values[c] ?? 0, 0)) * (vectors[j]?.[c] ?? 0);
      }
      return s;
    }),
  );
  const betaZ = solve(lambda, rxy) ?? new Array<number>(k).fill(Number.NaN);
  const weights = Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let c = 0; c < k; c++) s += (lambda[j]?.[c] ?? 0) ** 2 * (betaZ[c] ?? 0) ** 2;
    return s;
  });
  return { r: rxy, beta, weights, rSquared: weights.reduce((a, b) => a + b, 0) };
}

export interface TDriversOptions {
  bootstrap?: number;
  seed?: number;
}

/**
 * x: attribute columns (respondents × attributes), y: outcome. Complete cases only. Null with
 * fewer than k + 2 cases, or when a column or the outcome does not vary (every correlation with
 * it is 0/0: nothing to explain, or nothing to explain it with).
 */
export function driverAnalysis(
  names: readonly string[],
  x: readonly (readonly TMaybe[])[],
  y: readonly TMaybe[],
  options: TDriversOptions = {},
): TDrivers | null {
  const k = names.length;
  const rows: number[][] = [];
  for (let i = 0; i < y.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!xi || !isPresent(yi) || !xi.every(isPresent)) continue;
    rows.push([...(xi as number[]), yi]);
  }
  if (rows.length < k + 2) return null;
  // A column that does not vary has no correlation (0/0; rounding in its mean would make it
  // noise instead): checked on the values, exactly.
  for (let j = 0; j <= k; j++) if (rows.every((row) => row[j] === rows[0]?.[j])) return null;
  // complete cases packed once (columns 0..k−1 predictors, column k outcome): the fit reads
  // them once each, every bootstrap resample as counts over the same array
  const n = rows.length;
  const data = new Float64Array(rows.flat());
  const core = fitCorrelation(weightedCorrelationMatrix(data, n, k + 1, null), k);
  const B = options.bootstrap ?? 0;
  const samples: number[][] = Array.from({ length: k }, () => []);
  if (B > 0) {
    const rnd = seededRandom(options.seed ?? 1);
    const resample = resampleCorrelations(data, n, k + 1);
    const counts = new Int32Array(n);
    for (let b = 0; b < B; b++) {
      // the same draws as picking n rows with replacement, kept as counts over one packed
      // array (not a fresh array of row references per resample)
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rnd() * n);
        counts[at] = (counts[at] as number) + 1;
      }
      const w = fitCorrelation(resample(counts), k).weights;
      w.forEach((v, j) => {
        if (Number.isFinite(v)) samples[j]?.push(v);
      });
    }
  }
  return {
    n: rows.length,
    rSquared: core.rSquared,
    drivers: names.map((attribute, j) => {
      const s = (samples[j] ?? []).sort((a, b) => a - b);
      const w = core.weights[j] ?? 0;
      return {
        attribute,
        correlation: core.r[j] ?? 0,
        beta: core.beta?.[j] ?? null,
        relativeWeight: w,
        share: core.rSquared > 0 ? w / core.rSquared : 0,
        ci95: s.length > 0 ? [quantileSorted(s, 0.025), quantileSorted(s, 0.975)] : null,
      };
    }),
  };
}
