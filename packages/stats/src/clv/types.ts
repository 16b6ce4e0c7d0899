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

export function compress(s: TSummaryArrays): TWeighted {
  const map = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] ?? 0;
    const tx = s.tx[i] ?? 0;
    const T = s.T[i] ?? 0;
    const key = `${x}|${tx}|${T}`;
    const k = map.get(key);
    if (k === undefined) {
      map.set(key, xs.length);
      xs.push(x);
      txs.push(tx);
      Ts.push(T);
      ws.push(1);
    } else ws[k] = (ws[k] ?? 0) + 1;
  }
  return {
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    w: Float64Array.from(ws),
  };
}

/** A fit that did not converge must never be returned as if it had. */
export class ClvFitError extends Error {}
