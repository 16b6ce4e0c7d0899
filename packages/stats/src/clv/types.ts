/** One customer's calibration summary (time unit: weeks). */
export interface TRfmSummary {
  id: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number | null;
}

/** Summary arrays in struct-of-arrays layout (fast likelihood loops, no per-customer objects). */
export interface TSummaryArrays {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

export function toArrays(rows: readonly TRfmSummary[]): TSummaryArrays {
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  rows.forEach((r, i) => {
    x[i] = r.frequency;
    tx[i] = r.recency;
    T[i] = r.T;
  });
  return { x, tx, T };
}

/** Which optimiser a fit uses: Newton with exact derivatives (default), or the previous
 *  Nelder–Mead + numeric-gradient BFGS, kept to cross-check the optimum in tests and benches. */
export interface TFitOptions {
  method?: 'newton' | 'nelder-mead-bfgs';
  /** Nelder–Mead + BFGS only: the BFGS stopping gradient (default 1e-7). */
  gradTol?: number;
}

export interface TFitInfo {
  logLik: number;
  converged: boolean;
  iterations: number;
}

/** Distinct (x, t_x, T) triples with counts: the likelihood only depends on these, and real
 *  and synthetic data repeat them heavily (all one-time buyers of a cohort share one triple). */
export interface TWeighted extends TSummaryArrays {
  w: Float64Array;
}

/** A column's distinct values and, per row, the index of its value among them. */
export interface TColumnCode {
  vals: Float64Array;
  idx: Int32Array;
}

/** The compressed rows plus each column's value codes, so the likelihoods can take logs once
 *  per distinct value without indexing the columns again. */
export interface TCoded extends TWeighted {
  codes: { x: TColumnCode; tx: TColumnCode; T: TColumnCode };
}

/** Index of v among a column's distinct values, adding it when new. */
function codeOf(map: Map<number, number>, vals: number[], v: number): number {
  let k = map.get(v);
  if (k === undefined) {
    k = vals.length;
    map.set(v, k);
    vals.push(v);
  }
  return k;
}

export function compressCoded(s: TSummaryArrays): TCoded {
  // One pass: each column's value is numbered (a numeric Map look-up per column) and the row is
  // keyed by its three numbers — several times cheaper than a string key per row, and a single
  // loop for V8 to optimise in a fresh process instead of four.
  const n = s.x.length;
  const mx = new Map<number, number>();
  const mt = new Map<number, number>();
  const mT = new Map<number, number>();
  const vx: number[] = [];
  const vt: number[] = [];
  const vT: number[] = [];
  // Codes are < n, so (a·n + b)·n + c is an exact integer key while n³ < 2⁵³ (n < 208,063);
  // beyond that the key is a string.
  const exact = n * n * n < 2 ** 52;
  const map = new Map<number | string, number>();
  const first: number[] = [];
  const ws: number[] = [];
  const ix: number[] = [];
  const it: number[] = [];
  const iT: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = codeOf(mx, vx, s.x[i]!);
    const b = codeOf(mt, vt, s.tx[i]!);
    const c = codeOf(mT, vT, s.T[i]!);
    const key = exact ? (a * n + b) * n + c : `${a}|${b}|${c}`;
    const k = map.get(key);
    if (k === undefined) {
      map.set(key, first.length);
      first.push(i);
      ws.push(1);
      ix.push(a);
      it.push(b);
      iT.push(c);
    } else ws[k]!++;
  }
  const pick = (v: Float64Array) => Float64Array.from(first, (i) => v[i]!);
  return {
    x: pick(s.x),
    tx: pick(s.tx),
    T: pick(s.T),
    w: Float64Array.from(ws),
    codes: {
      x: { vals: Float64Array.from(vx), idx: Int32Array.from(ix) },
      tx: { vals: Float64Array.from(vt), idx: Int32Array.from(it) },
      T: { vals: Float64Array.from(vT), idx: Int32Array.from(iT) },
    },
  };
}

export function compress(s: TSummaryArrays): TWeighted {
  const { x, tx, T, w } = compressCoded(s);
  return { x, tx, T, w };
}

/** A fit that did not converge must never be returned as if it had. */
export class ClvFitError extends Error {}
