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

function codeColumn(v: Float64Array): TColumnCode {
  const map = new Map<number, number>();
  const vals: number[] = [];
  const idx = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const key = v[i] ?? 0;
    let k = map.get(key);
    if (k === undefined) {
      k = vals.length;
      map.set(key, k);
      vals.push(key);
    }
    idx[i] = k;
  }
  return { vals: Float64Array.from(vals), idx };
}

export function compressCoded(s: TSummaryArrays): TCoded {
  // Each column's values are numbered first (three numeric Map look-ups per row), and the triple
  // is keyed by its three numbers: several times cheaper than a string key per row.
  const n = s.x.length;
  const cx = codeColumn(s.x);
  const ct = codeColumn(s.tx);
  const cT = codeColumn(s.T);
  const nt = ct.vals.length;
  const nT = cT.vals.length;
  const exact = cx.vals.length * nt * nT < 2 ** 52;
  const map = new Map<number | string, number>();
  const first: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = cx.idx[i] ?? 0;
    const b = ct.idx[i] ?? 0;
    const c = cT.idx[i] ?? 0;
    const key = exact ? (a * nt + b) * nT + c : `${a}|${b}|${c}`;
    const k = map.get(key);
    if (k === undefined) {
      map.set(key, first.length);
      first.push(i);
      ws.push(1);
    } else ws[k] = (ws[k] ?? 0) + 1;
  }
  const pick = (v: Float64Array) => Float64Array.from(first, (i) => v[i] ?? 0);
  const recode = (c: TColumnCode) => ({
    vals: c.vals,
    idx: Int32Array.from(first, (i) => c.idx[i] ?? 0),
  });
  return {
    x: pick(s.x),
    tx: pick(s.tx),
    T: pick(s.T),
    w: Float64Array.from(ws),
    codes: { x: recode(cx), tx: recode(ct), T: recode(cT) },
  };
}

export function compress(s: TSummaryArrays): TWeighted {
  const { x, tx, T, w } = compressCoded(s);
  return { x, tx, T, w };
}

/** A fit that did not converge must never be returned as if it had. */
export class ClvFitError extends Error {}
