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

/** Per-eval tables: per distinct T and t_x value, log and reciprocal of α + value. */
function logAndInverse(vals: Float64Array, alpha: number, l: Float64Array, inv: Float64Array) {
  for (let k = 0; k < vals.length; k++) {
    const v = alpha + vals[k]!;
    l[k] = Math.log(v);
    inv[k] = 1 / v;
  }
}

/** Number of per-group sums written by groupPass. */
const NS = 11;

/** The pass over the rows of one x > 0 group (same x, so r + x and log a − log(b+x−1) are
 *  constants here). Per row, with lt = log(α+T), ltx = log(α+t_x), it, itx their α-derivative
 *  factors 1/(α+·), Dl = ltx − lt, Di = itx − it and d = A4 − A3 = lbx − (r+x)·Dl:
 *  logaddexp(A3, A4) = A3 + max(d, 0) + log1p(e^−|d|), w4 = softmax weight of A4 and
 *  v = w3·w4. Everything that depends on T alone (A3 and its derivatives, for every customer
 *  including x = 0) is summed per distinct T by the caller, so a row costs one exp, one log1p
 *  and eleven weighted sums, written into acc[0..10] (zeroed by the caller):
 *  [Σ max(d,0)+log1p, Σ w4, Σ w4·Dl, Σ w4·Di, Σ w4·(itx²−it²), Σ v, Σ v·Dl, Σ v·Di, Σ v·Dl²,
 *  Σ v·Dl·Di, Σ v·Di²], each weighted by the row's count. A small top-level function with
 *  typed-array arguments, accumulating into acc inside the loop (V8 compiles long loops on the
 *  stack during their first run; locals stored after the loop had no type feedback then and
 *  the compiled loop was thrown away at its first exit). */
function groupPass(
  w: Float64Array,
  ti: Int32Array,
  txi: Int32Array,
  from: number,
  to: number,
  lT: Float64Array,
  iT: Float64Array,
  lTx: Float64Array,
  iTx: Float64Array,
  rx: number,
  lbx: number,
  acc: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const wi = w[i]!;
    const kT = ti[i]!;
    const kTx = txi[i]!;
    const it = iT[kT]!;
    const itx = iTx[kTx]!;
    const Dl = lTx[kTx]! - lT[kT]!;
    const Di = itx - it;
    const d = lbx - rx * Dl;
    const e = Math.exp(-Math.abs(d));
    const s = 1 / (1 + e);
    const w4 = d > 0 ? s : e * s;
    const v = wi * e * s * s;
    const ww = wi * w4;
    acc[0]! += wi * (Math.max(d, 0) + Math.log1p(e));
    acc[1]! += ww;
    acc[2]! += ww * Dl;
    acc[3]! += ww * Di;
    acc[4]! += ww * Di * (itx + it);
    acc[5]! += v;
    acc[6]! += v * Dl;
    acc[7]! += v * Di;
    acc[8]! += v * Dl * Dl;
    acc[9]! += v * Dl * Di;
    acc[10]! += v * Di * Di;
  }
}

/** Prepared evaluator of −ℓ/n, its gradient and Hessian in u = log(r, α, a, b). */
export function bgnbdNewtonObjective(d: TCoded): (u: Float64Array) => TNewtonEval {
  const X = d.codes.x;
  const TT = d.codes.T;
  const TX = d.codes.tx;
  const nx = X.vals.length;
  const nT = TT.vals.length;
  const nd = d.w.length;
  const order = sumOrder(X.vals);
  // Rows grouped by x code (counting sort), with each group's weight; per distinct T the
  // weight and the weighted x of its rows (for the A3 terms, which every row has).
  const gStart = new Int32Array(nx + 1);
  const gW = new Float64Array(nx);
  const WT = new Float64Array(nT);
  const XWT = new Float64Array(nT);
  let wsum = 0;
  for (let i = 0; i < nd; i++) {
    const k = X.idx[i]!;
    const wi = d.w[i]!;
    gStart[k + 1]!++;
    gW[k]! += wi;
    WT[TT.idx[i]!]! += wi;
    XWT[TT.idx[i]!]! += wi * X.vals[k]!;
    wsum += wi;
  }
  for (let k = 0; k < nx; k++) gStart[k + 1]! += gStart[k]!;
  const fill = gStart.slice(0, nx);
  const sw = new Float64Array(nd);
  const sT = new Int32Array(nd);
  const sTx = new Int32Array(nd);
  for (let i = 0; i < nd; i++) {
    const j = fill[X.idx[i]!]!++;
    sw[j] = d.w[i]!;
    sT[j] = TT.idx[i]!;
    sTx[j] = TX.idx[i]!;
  }
  const mk = () => new Float64Array(nx);
  const t: TXTerms = { c: mk(), cr: mk(), ca: mk(), cb: mk(), crr: mk(), caa: mk(), cbb: mk() };
  const lT = new Float64Array(nT);
  const iT = new Float64Array(nT);
  const lTx = new Float64Array(TX.vals.length);
  const iTx = new Float64Array(TX.vals.length);
  const acc = new Float64Array(NS);
  return (u) => {
    const r = Math.exp(u[0]!);
    const alpha = Math.exp(u[1]!);
    const a = Math.exp(u[2]!);
    const b = Math.exp(u[3]!);
    const la = Math.log(alpha);
    const ia = 1 / a;
    xTerms(X.vals, order, r, a, b, t);
    logAndInverse(TT.vals, alpha, lT, iT);
    logAndInverse(TX.vals, alpha, lTx, iTx);
    // A3 = −(r+x)·log(α+T) for every customer, summed per distinct T.
    let sA3 = 0;
    let sLt = 0;
    let sRxIt = 0;
    let sIt = 0;
    let sRxIt2 = 0;
    for (let k = 0; k < nT; k++) {
      const rw = r * WT[k]! + XWT[k]!;
      sA3 -= rw * lT[k]!;
      sLt += WT[k]! * lT[k]!;
      sRxIt += rw * iT[k]!;
      sIt += WT[k]! * iT[k]!;
      sRxIt2 += rw * iT[k]! * iT[k]!;
    }
    let ll = sA3 + wsum * r * la;
    let gr = -sLt + wsum * la;
    let gal = -sRxIt + (wsum * r) / alpha;
    let ga = 0;
    let gb = 0;
    let hrr = 0;
    let hral = -sIt + wsum / alpha;
    let hra = 0;
    let hrb = 0;
    let halal = sRxIt2 - (wsum * r) / (alpha * alpha);
    let hala = 0;
    let halb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let k = 0; k < nx; k++) {
      const W = gW[k]!;
      ll += W * t.c[k]!;
      gr += W * t.cr[k]!;
      ga += W * t.ca[k]!;
      gb += W * t.cb[k]!;
      hrr += W * t.crr[k]!;
      haa += W * t.caa[k]!;
      hab += W * t.caa[k]!;
      hbb += W * t.cbb[k]!;
      const x = X.vals[k]!;
      if (!(x > 0) || W === 0) continue;
      const rx = r + x;
      const ib = 1 / (b + x - 1);
      acc.fill(0);
      groupPass(
        sw,
        sT,
        sTx,
        gStart[k]!,
        gStart[k + 1]!,
        lT,
        iT,
        lTx,
        iTx,
        rx,
        Math.log(a * ib),
        acc,
      );
      const sw4 = acc[1]!;
      const sw4Di = acc[3]!;
      const sv = acc[5]!;
      const svDl = acc[6]!;
      const svDi = acc[7]!;
      ll += acc[0]!;
      gr -= acc[2]!;
      gal -= rx * sw4Di;
      ga += ia * sw4;
      gb -= ib * sw4;
      hrr += acc[8]!;
      hral += rx * acc[9]! - sw4Di;
      hra -= ia * svDl;
      hrb += ib * svDl;
      halal += rx * (acc[4]! + rx * acc[10]!);
      hala -= ia * rx * svDi;
      halb += ib * rx * svDi;
      haa += ia * ia * (sv - sw4);
      hab -= ia * ib * sv;
      hbb += ib * ib * (sw4 + sv);
    }
    const Ht = [
      [hrr, hral, hra, hrb],
      [0, halal, hala, halb],
      [0, 0, haa, hab],
      [0, 0, 0, hbb],
    ];
    return toLogParams(ll, [gr, gal, ga, gb], Ht, [r, alpha, a, b], wsum);
  };
}
