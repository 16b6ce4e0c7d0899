// One fresh-process fit for bench/clv-fit.ts: reads the summary CSV with the CLI's own parser
// (not timed, like np.loadtxt on the scipy side), then times BG/NBD + Gamma-Gamma from the
// in-memory arrays. The first fit in the process is the headline (cold JIT, what `fidelia clv
// fit` pays); a second fit in the same process is reported as "warm" for information.
//   npx tsx bench/clv-fit-child.ts summary.csv [newton|nelder-mead-bfgs]
import { parseSummary } from '../packages/server/src/cli/clv/parse';
import { fitBgNbd, fitGammaGamma, toArrays } from '../packages/stats/src/index';

const method = process.argv[3] === 'nelder-mead-bfgs' ? 'nelder-mead-bfgs' : 'newton';
const rows = parseSummary(process.argv[2] ?? '');
const arr = toArrays(rows);
const x = rows.map((r) => r.frequency);
const m = rows.map((r) => r.monetaryValue ?? 0);

function timedFit() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const bg = fitBgNbd(arr, { method });
  const gg = fitGammaGamma(x, m, { method });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, bg, gg };
}
const cold = timedFit();
const warm = timedFit();
process.stdout.write(
  `${JSON.stringify({
    method,
    ms: cold.ms,
    cpuMs: cold.cpuMs,
    warmMs: warm.ms,
    bgnbd: [cold.bg.r, cold.bg.alpha, cold.bg.a, cold.bg.b],
    bgLogLik: cold.bg.logLik,
    gg: [cold.gg.p, cold.gg.q, cold.gg.gamma],
    ggLogLik: cold.gg.logLik,
  })}\n`,
);
