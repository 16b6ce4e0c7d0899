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

/** Correlation matrix of the columns of `x` (rows = observations, complete cases). */
export function correlationMatrix(x: readonly (readonly number[])[]): TMatrix {
  // Typed arrays and one centred row at a time: the drivers' bootstrap calls this 200 times
  // over up to 5,000 rows. The arithmetic (means as Σ x/n, then Σ centred products in row
  // order) is the same as before, so the results are too, bit for bit.
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const means = new Float64Array(k);
  for (const row of x)
    for (let j = 0; j < k; j++) means[j] = (means[j] as number) + (row[j] ?? 0) / n;
  const cov = new Float64Array(k * k);
  const d = new Float64Array(k);
  for (const row of x) {
    for (let j = 0; j < k; j++) d[j] = (row[j] ?? 0) - (means[j] as number);
    for (let i = 0; i < k; i++) {
      const di = d[i] as number;
      const o = i * k;
      for (let j = i; j < k; j++) cov[o + j] = (cov[o + j] as number) + di * (d[j] as number);
    }
  }
  const r: TMatrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v =
        (cov[i * k + j] as number) /
        Math.sqrt((cov[i * k + i] as number) * (cov[j * k + j] as number));
      (r[i] as number[])[j] = v;
      (r[j] as number[])[i] = v;
    }
  }
  return r;
}
