// Exact value, gradient and Hessian of the BG/NBD mean negative log-likelihood in
// log-parameters u = log(r, α, a, b), for the Newton fit. Per customer (FHL 2005 eq. 6)
//   ℓ = C(x) + r·log α + logaddexp(A3, A4),
//   C(x) = log Γ(r+x)/Γ(r) + log Γ(b+x)Γ(a+b)/(Γ(b)Γ(a+b+x)),
//   A3 = −(r+x)·log(α+T),  A4 = log a − log(b+x−1) − (r+x)·log(α+t_x)  (x > 0 only).
// With weights w3, w4 = softmax(A3, A4): ∇ logaddexp = w3∇A3 + w4∇A4 and
// ∇² logaddexp = w3∇²A3 + w4∇²A4 + w3·w4·(∇A3 − ∇A4)(∇A3 − ∇A4)ᵀ.
// C and its derivatives depend on x only: for integer x they are finite sums over j < x
// (Γ(z+1) = zΓ(z)), otherwise digamma/trigamma differences. Logs of α+T and α+t_x are taken
// once per distinct T and t_x value (day-granular data have few), so one evaluation is one pass
// over the distinct (x, t_x, T) rows with a log1p and an exp each.
import { type TNewtonEval, toLogParams } from './newton';
import { digamma, gammaln, trigamma } from './special';
import type { TCoded } from './types';

/** Per distinct x: C(x) without r·log α, and its θ-derivatives (θ = r, α, a, b). */
interface TXTerms {
  c: Float64Array;
  cr: Float64Array;
  ca: Float64Array;
  cb: Float64Array;
  crr: Float64Array;
  caa: Float64Array;
  cbb: Float64Array;
}

/** Order of the distinct x values for running sums, or null when x is not all small integers
 *  (then the digamma/trigamma path is used). */
function sumOrder(xs: Float64Array): number[] | null {
  let maxX = 0;
  for (const x of xs) {
    if (!Number.isInteger(x)) return null;
    if (x > maxX) maxX = x;
  }
  if (maxX > 1e5) return null;
  return Array.from(xs.keys()).sort((i, j) => (xs[i] ?? 0) - (xs[j] ?? 0));
}

function xTerms(
  xs: Float64Array,
  order: number[] | null,
  r: number,
  a: number,
  b: number,
  out: TXTerms,
): void {
  if (order) {
    // Running sums over j < x, visiting the distinct x in increasing order.
    let j = 0;
    let c = 0;
    let sr1 = 0;
    let sr2 = 0;
    let sb1 = 0;
    let sb2 = 0;
    let sab1 = 0;
    let sab2 = 0;
    for (const k of order) {
      const x = xs[k] ?? 0;
      for (; j < x; j++) {
        const ir = 1 / (r + j);
        const ib = 1 / (b + j);
        const iab = 1 / (a + b + j);
        c += Math.log((r + j) * (b + j) * iab);
        sr1 += ir;
        sr2 += ir * ir;
        sb1 += ib;
        sb2 += ib * ib;
        sab1 += iab;
        sab2 += iab * iab;
      }
      out.c[k] = c;
      out.cr[k] = sr1;
      out.crr[k] = -sr2;
      out.ca[k] = -sab1;
      out.caa[k] = sab2;
      out.cb[k] = sb1 - sab1;
      out.cbb[k] = sab2 - sb2;
    }
    return;
  }
  const dab = digamma(a + b);
  const tab = trigamma(a + b);
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k] ?? 0;
    out.c[k] =
      gammaln(r + x) -
      gammaln(r) +
      gammaln(b + x) +
      gammaln(a + b) -
      gammaln(b) -
      gammaln(a + b + x);
    out.cr[k] = digamma(r + x) - digamma(r);
    out.crr[k] = trigamma(r + x) - trigamma(r);
    out.ca[k] = dab - digamma(a + b + x);
    out.caa[k] = tab - trigamma(a + b + x);
    out.cb[k] = (out.ca[k] ?? 0) + digamma(b + x) - digamma(b);
    out.cbb[k] = (out.caa[k] ?? 0) + trigamma(b + x) - trigamma(b);
  }
}

/** Per-eval tables: per distinct x (C terms, log a − log(b+x−1), 1/(b+x−1)), per distinct T
 *  and t_x (log and reciprocal of α + value). */
interface TTables extends TXTerms {
  lbx: Float64Array;
  ibx: Float64Array;
  lT: Float64Array;
  iT: Float64Array;
  lTx: Float64Array;
  iTx: Float64Array;
}

function logAndInverse(vals: Float64Array, alpha: number, l: Float64Array, inv: Float64Array) {
  for (let k = 0; k < vals.length; k++) {
    l[k] = Math.log(alpha + vals[k]!);
    inv[k] = 1 / (alpha + vals[k]!);
  }
}

/** The pass over the rows: accumulates ℓ, its θ-gradient and θ-Hessian (without the r·log α
 *  term) into acc = [ℓ, g_r, g_α, g_a, g_b, H_rr, H_rα, H_ra, H_rb, H_αα, H_αa, H_αb, H_aa,
 *  H_ab, H_bb] (zeroed by the caller). A top-level function with typed-array arguments and no
 *  branches on the log-sum-exp, so V8 optimises it early. The sums live in acc, not in locals
 *  stored after the loop: V8 compiles the long loop on the stack (OSR) during the first pass,
 *  when code after the loop has never run and so has no type feedback, and its first exit then
 *  threw the compiled code away (measured: one deoptimisation and recompile per fresh fit). */
function rowPass(
  w: Float64Array,
  xi: Int32Array,
  ti: Int32Array,
  txi: Int32Array,
  xv: Float64Array,
  t: TTables,
  r: number,
  a: number,
  acc: Float64Array,
): void {
  const ia = 1 / a;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    const kx = xi[i]!;
    const kT = ti[i]!;
    const kTx = txi[i]!;
    const x = xv[kx]!;
    const lt = t.lT[kT]!;
    const it = t.iT[kT]!;
    const ltx = t.lTx[kTx]!;
    const itx = t.iTx[kTx]!;
    const ib = t.ibx[kx]!;
    const rx = r + x;
    const a3 = -rx * lt;
    // For x = 0 there is no A4 term: its weight must be exactly 0.
    const a4 = x > 0 ? t.lbx[kx]! - rx * ltx : Number.NEGATIVE_INFINITY;
    const mx = Math.max(a3, a4);
    const e3 = Math.exp(a3 - mx);
    const e4 = Math.exp(a4 - mx);
    const sum = e3 + e4;
    const w3 = e3 / sum;
    const w4 = e4 / sum;
    acc[0]! += wi * (t.c[kx]! + mx + Math.log(sum));
    acc[1]! += wi * (t.cr[kx]! - w3 * lt - w4 * ltx);
    const mi = w3 * it + w4 * itx;
    acc[2]! -= wi * rx * mi;
    acc[3]! += wi * (t.ca[kx]! + w4 * ia);
    acc[4]! += wi * (t.cb[kx]! - w4 * ib);
    // C'' + w3∇²A3 + w4∇²A4 …
    acc[5]! += wi * t.crr[kx]!;
    acc[6]! -= wi * mi;
    acc[9]! += wi * rx * (w3 * it * it + w4 * itx * itx);
    acc[12]! += wi * (t.caa[kx]! - w4 * ia * ia);
    acc[13]! += wi * t.caa[kx]!;
    acc[14]! += wi * (t.cbb[kx]! + w4 * ib * ib);
    // … + w3·w4·DDᵀ with D = ∇A3 − ∇A4.
    const v = wi * w3 * w4;
    const Dr = ltx - lt;
    const Dal = -rx * (it - itx);
    acc[5]! += v * Dr * Dr;
    acc[6]! += v * Dr * Dal;
    acc[7]! -= v * Dr * ia;
    acc[8]! += v * Dr * ib;
    acc[9]! += v * Dal * Dal;
    acc[10]! -= v * Dal * ia;
    acc[11]! += v * Dal * ib;
    acc[12]! += v * ia * ia;
    acc[13]! -= v * ia * ib;
    acc[14]! += v * ib * ib;
  }
}

/** Prepared evaluator of −ℓ/n, its gradient and Hessian in u = log(r, α, a, b). */
export function bgnbdNewtonObjective(d: TCoded): (u: Float64Array) => TNewtonEval {
  const X = d.codes.x;
  const TT = d.codes.T;
  const TX = d.codes.tx;
  const nx = X.vals.length;
  const order = sumOrder(X.vals);
  const mk = () => new Float64Array(nx);
  const t: TTables = {
    c: mk(),
    cr: mk(),
    ca: mk(),
    cb: mk(),
    crr: mk(),
    caa: mk(),
    cbb: mk(),
    lbx: mk(),
    ibx: mk(),
    lT: new Float64Array(TT.vals.length),
    iT: new Float64Array(TT.vals.length),
    lTx: new Float64Array(TX.vals.length),
    iTx: new Float64Array(TX.vals.length),
  };
  const acc = new Float64Array(15);
  let wsum = 0;
  for (const w of d.w) wsum += w;
  return (u) => {
    const r = Math.exp(u[0]!);
    const alpha = Math.exp(u[1]!);
    const a = Math.exp(u[2]!);
    const b = Math.exp(u[3]!);
    xTerms(X.vals, order, r, a, b, t);
    for (let k = 0; k < nx; k++) {
      const x = X.vals[k]!;
      t.lbx[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
      t.ibx[k] = x > 0 ? 1 / (b + x - 1) : 0;
    }
    logAndInverse(TT.vals, alpha, t.lT, t.iT);
    logAndInverse(TX.vals, alpha, t.lTx, t.iTx);
    acc.fill(0);
    rowPass(d.w, X.idx, TT.idx, TX.idx, X.vals, t, r, a, acc);
    // r·log α for every customer.
    const la = Math.log(alpha);
    const ll = acc[0]! + wsum * r * la;
    const gt = [acc[1]! + wsum * la, acc[2]! + (wsum * r) / alpha, acc[3]!, acc[4]!];
    const Ht = [
      [acc[5]!, acc[6]! + wsum / alpha, acc[7]!, acc[8]!],
      [0, acc[9]! - (wsum * r) / (alpha * alpha), acc[10]!, acc[11]!],
      [0, 0, acc[12]!, acc[13]!],
      [0, 0, 0, acc[14]!],
    ];
    return toLogParams(ll, gt, Ht, [r, alpha, a, b], wsum);
  };
}
