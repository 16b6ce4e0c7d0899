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

// Row collapsing uses open-addressing hash tables in typed arrays (no Map, no strings): a fresh
// process runs it in V8's first, unoptimised tiers, where a Map look-up per row and column was
// most of a cold fit's collapsing. The hash is arithmetic on the values themselves (no calls,
// no bit views; cheap in the interpreter); collisions are resolved by comparing the values, so
// its quality only matters for speed.

/** Slots of a table for up to n keys: a power of two ≥ 2·n. */
function slotsFor(n: number): number {
  let s = 16;
  while (s < 2 * n) s *= 2;
  return s;
}

const HM = 0x9e3779b1;

/** A column's distinct values (in order of first appearance) and each row's index among them. */
export function codeColumn(v: Float64Array): TColumnCode {
  const n = v.length;
  const mask = slotsFor(n) - 1;
  const table = new Int32Array(mask + 1); // code + 1; 0 = empty
  const vals = new Float64Array(n);
  const idx = new Int32Array(n);
  let nv = 0;
  for (let i = 0; i < n; i++) {
    const val = v[i]!;
    let h = (Math.imul(((val * 1048573) % 4294967291) | 0, HM) >>> 7) & mask;
    for (;;) {
      const e = table[h]!;
      if (e === 0) {
        table[h] = ++nv;
        vals[nv - 1] = val;
        idx[i] = nv - 1;
        break;
      }
      if (vals[e - 1] === val) {
        idx[i] = e - 1;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  return { vals: vals.slice(0, nv), idx };
}

/** Distinct (x, t_x, T) rows in order of first appearance with their counts (one pass, one
 *  hash probe per row), then each column numbered over the distinct rows only. */
export function compressCoded(s: TSummaryArrays): TCoded {
  const n = s.x.length;
  const X = s.x;
  const TX = s.tx;
  const TT = s.T;
  const mask = slotsFor(n) - 1;
  const table = new Int32Array(mask + 1); // distinct row + 1; 0 = empty
  const dx = new Float64Array(n);
  const dt = new Float64Array(n);
  const dT = new Float64Array(n);
  const w = new Float64Array(n);
  let nd = 0;
  for (let i = 0; i < n; i++) {
    const x = X[i]!;
    const tx = TX[i]!;
    const T = TT[i]!;
    const key = ((x * 131 + tx) * 1048573 + T * 8191) % 4294967291;
    let h = (Math.imul(key | 0, HM) >>> 7) & mask;
    for (;;) {
      const e = table[h]!;
      if (e === 0) {
        table[h] = nd + 1;
        dx[nd] = x;
        dt[nd] = tx;
        dT[nd] = T;
        w[nd] = 1;
        nd++;
        break;
      }
      const k = e - 1;
      if (dx[k] === x && dt[k] === tx && dT[k] === T) {
        w[k]!++;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const x = dx.slice(0, nd);
  const tx = dt.slice(0, nd);
  const T = dT.slice(0, nd);
  return {
    x,
    tx,
    T,
    w: w.slice(0, nd),
    codes: { x: codeColumn(x), tx: codeColumn(tx), T: codeColumn(T) },
  };
}

export function compress(s: TSummaryArrays): TWeighted {
  const { x, tx, T, w } = compressCoded(s);
  return { x, tx, T, w };
}

/** A fit that did not converge must never be returned as if it had. */
export class ClvFitError extends Error {}
