// Fit + score 1,000,000 synthetic customers generated from the BG/NBD and Gamma-Gamma
// parameters fitted on CDNOW_master (calibration end 1997-09-30), goal < 10 s and < 1 GB RSS.
//   npx tsx bench/clv-score.ts [customers]
// Synthetic data follow the models' own generative story: λ ~ Gamma(r, α), p ~ Beta(a, b),
// Poisson purchases with geometric drop-out after each purchase; first purchases spread over
// the first 12 weeks of a 39-week calibration; times on whole days like real data. Spend per
// purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ). Generation is not timed; summary → fit → score is.
import {
  bgnbdConditionalExpected,
  bgnbdPAlive,
  fitBgNbd,
  fitGammaGamma,
  ggConditionalExpectedSpend,
} from '../packages/stats/src/index';

const N = Number(process.argv[2] ?? 1_000_000);
const P = { r: 0.2516, alpha: 4.789, a: 0.7234, b: 2.161, p: 6.275, q: 3.624, gamma: 14.98 };

let seed = 12345;
const unif = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(1 - unif())) * Math.cos(2 * Math.PI * unif());
function gamma(shape: number): number {
  // Marsaglia–Tsang, with the shape < 1 boost.
  if (shape < 1) return gamma(shape + 1) * unif() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal();
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(unif()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

const x = new Float64Array(N);
const tx = new Float64Array(N);
const T = new Float64Array(N);
const m = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const first = Math.floor(unif() * 84);
  const days = 272 - first;
  T[i] = days / 7;
  const lambda = gamma(P.r) / P.alpha;
  const g1 = gamma(P.a);
  const pDrop = g1 / (g1 + gamma(P.b));
  const nu = gamma(P.q) / P.gamma;
  // First purchase at day 0 (not counted); each later purchase day is a repeat purchase, after
  // which the customer drops out with probability p (x = 0 customers cannot have dropped out).
  let t = 0;
  let k = 0;
  let last = 0;
  let spend = 0;
  for (;;) {
    t += -Math.log(1 - unif()) / lambda;
    const day = Math.floor(t * 7);
    if (day > days) break;
    if (day === last) continue; // same-day purchases are one purchase
    k++;
    last = day;
    spend += gamma(P.p) / nu;
    if (unif() < pDrop) break;
  }
  x[i] = k;
  tx[i] = last / 7;
  m[i] = k > 0 ? spend / k : 0;
}

const rss = () => process.memoryUsage().rss;
let peak = rss();
const t0 = performance.now();
const bg = fitBgNbd({ x, tx, T });
peak = Math.max(peak, rss());
const t1 = performance.now();
const gg = fitGammaGamma(x, m);
const t2 = performance.now();
const pAlive = new Float64Array(N);
const exp = new Float64Array(N);
const clv = new Float64Array(N);
for (let i = 0; i < N; i++) {
  pAlive[i] = bgnbdPAlive(bg, x[i] ?? 0, tx[i] ?? 0, T[i] ?? 0);
  exp[i] = bgnbdConditionalExpected(bg, 52, x[i] ?? 0, tx[i] ?? 0, T[i] ?? 0);
  clv[i] = (exp[i] ?? 0) * ggConditionalExpectedSpend(gg, x[i] ?? 0, m[i] ?? 0);
}
const t3 = performance.now();
peak = Math.max(peak, rss());
let total = 0;
for (const v of clv) total += v;
console.log(`customers ${N}`);
console.log(
  `fitted BG/NBD r=${bg.r.toFixed(4)} alpha=${bg.alpha.toFixed(4)} a=${bg.a.toFixed(4)} b=${bg.b.toFixed(4)} (generating ${P.r}, ${P.alpha}, ${P.a}, ${P.b})`,
);
console.log(
  `fitted GG p=${gg.p.toFixed(3)} q=${gg.q.toFixed(3)} gamma=${gg.gamma.toFixed(3)} (generating ${P.p}, ${P.q}, ${P.gamma})`,
);
console.log(
  `BG/NBD fit ${((t1 - t0) / 1000).toFixed(2)} s, GG fit ${((t2 - t1) / 1000).toFixed(2)} s, score (P(alive), E[52 w], CLV) ${((t3 - t2) / 1000).toFixed(2)} s`,
);
console.log(
  `total fit+score ${((t3 - t0) / 1000).toFixed(2)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB, mean CLV ${(total / N).toFixed(2)}`,
);
