// Small dense linear algebra for driver analysis (k ≤ ~50 attributes): row-major number[][].

export type TMatrix = number[][];

function at(m: TMatrix, i: number, j: number): number {
  return m[i]?.[j] ?? 0;
}

/** Solves A x = b by Gaussian elimination with partial pivoting; null when singular. */
export function solve(a: TMatrix, b: readonly number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(at(m, r, c)) > Math.abs(at(m, p, c))) p = r;
    if (Math.abs(at(m, p, c)) < 1e-12) return null;
    const tmp = m[c] as number[];
    m[c] = m[p] as number[];
    m[p] = tmp;
    const pivotRow = m[c] as number[];
    for (let r = c + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[c] ?? 0) / (pivotRow[c] ?? 1);
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = at(m, r, n);
    for (let k = r + 1; k < n; k++) s -= at(m, r, k) * (x[k] ?? 0);
    x[r] = s / at(m, r, r);
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues and eigenvectors as columns of `vectors`.
 */
export function symmetricEigen(a: TMatrix): { values: number[]; vectors: TMatrix } {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: TMatrix = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += at(m, i, j) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(m, p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(m, q, q) - at(m, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = at(m, k, p);
          const mkq = at(m, k, q);
          (m[k] as number[])[p] = c * mkp - s * mkq;
          (m[k] as number[])[q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = at(m, p, k);
          const mqk = at(m, q, k);
          (m[p] as number[])[k] = c * mpk - s * mqk;
          (m[q] as number[])[k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = at(v, k, p);
          const vkq = at(v, k, q);
          (v[k] as number[])[p] = c * vkp - s * vkq;
          (v[k] as number[])[q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((_, i) => at(m, i, i)), vectors: v };
}

/**
 * The correlation matrices of many resamples of the same packed rows (the drivers' bootstrap):
 * the data are centred once on their means and each row's k deviations and k(k+1)/2 cross
 * products stored, so one resample (a count per row) is a single weighted sum over rows, where
 * weightedCorrelationMatrix makes two passes (means, then deviations) per call. With S = Σc·d
 * and W = Σc, cov_ab = Σc·d_a·d_b − S_a·S_b / W; centring first keeps that from cancelling
 * (a resample's means sit near the data's). Same matrices as weightedCorrelationMatrix to
 * rounding (quality-reference.test.ts compares the intervals with a refit loop).
 */
export function resampleCorrelations(
  data: Float64Array,
  n: number,
  k: number,
): (counts: Int32Array) => TMatrix {
  const m = k + (k * (k + 1)) / 2;
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) mean[j] = (mean[j] as number) + (data[i * k + j] as number) / n;
  const prod = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let j = 0; j < k; j++) prod[o + j] = (data[i * k + j] as number) - (mean[j] as number);
    let t = o + k;
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) prod[t++] = (prod[o + a] as number) * (prod[o + b] as number);
  }
  const acc = new Float64Array(m);
  return (counts) => {
    acc.fill(0);
    let w = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[i] as number;
      if (c === 0) continue;
      w += c;
      const o = i * m;
      for (let t = 0; t < m; t++) acc[t] = (acc[t] as number) + c * (prod[o + t] as number);
    }
    const cov = new Float64Array(k * k);
    const flat = new Uint8Array(k);
    let t = k;
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) {
        const raw = acc[t++] as number;
        cov[a * k + b] = raw - ((acc[a] as number) * (acc[b] as number)) / w;
        // A column constant within the resample has a variance of 0, which the subtraction
        // leaves as rounding noise: called 0 (and its correlations NaN, as the two-pass 0/0).
        if (a === b && (cov[a * k + a] as number) <= 1e-12 * raw) flat[a] = 1;
      }
    return correlationOfCovariance(cov, k, flat);
  };
}

/** The correlation matrix of an upper-triangular k×k covariance; `flat` columns are NaN. */
function correlationOfCovariance(cov: Float64Array, k: number, flat: Uint8Array | null): TMatrix {
  const r: TMatrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const v =
        flat?.[a] || flat?.[b]
          ? Number.NaN
          : (cov[a * k + b] as number) /
            Math.sqrt((cov[a * k + a] as number) * (cov[b * k + b] as number));
      (r[a] as number[])[b] = v;
      (r[b] as number[])[a] = v;
    }
  }
  return r;
}

/** Correlation matrix of the columns of `x` (rows = observations, complete cases). */
export function correlationMatrix(x: readonly (readonly number[])[]): TMatrix {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const data = new Float64Array(n * k);
  x.forEach((row, i) => {
    for (let j = 0; j < k; j++) data[i * k + j] = row[j] ?? 0;
  });
  return weightedCorrelationMatrix(data, n, k, null);
}

/**
 * Correlation matrix of the rows packed in `data` (n × k, row-major), each counted `counts[i]`
 * times (null: once each; a bootstrap resample passes how often each row was drawn): two passes,
 * means as Σ c·x / n, then Σ c · centred products in row order. Typed arrays and sequential
 * reads: the drivers' bootstrap calls it 200 times over up to 5,000 rows.
 */
export function weightedCorrelationMatrix(
  data: Float64Array,
  n: number,
  k: number,
  counts: Int32Array | null,
): TMatrix {
  const means = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = counts ? (counts[i] as number) : 1;
    if (c === 0) continue;
    const o = i * k;
    for (let j = 0; j < k; j++) means[j] = (means[j] as number) + (c * (data[o + j] as number)) / n;
  }
  const cov = new Float64Array(k * k);
  const d = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = counts ? (counts[i] as number) : 1;
    if (c === 0) continue;
    const o = i * k;
    for (let j = 0; j < k; j++) d[j] = (data[o + j] as number) - (means[j] as number);
    for (let a = 0; a < k; a++) {
      const da = c * (d[a] as number);
      for (let b = a; b < k; b++)
        cov[a * k + b] = (cov[a * k + b] as number) + da * (d[b] as number);
    }
  }
  return correlationOfCovariance(cov, k, null);
}
