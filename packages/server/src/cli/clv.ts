import { readFileSync } from 'node:fs';
import {
  bgnbdConditionalExpected,
  bgnbdPAlive,
  ClvFitError,
  clvValue,
  cohortRetention,
  fitBgNbd,
  fitGammaGamma,
  ggConditionalExpectedSpend,
  holdoutByFrequency,
  splitCalibrationHoldout,
  summarizeTransactions,
  type TBgNbdParams,
  type TGammaGammaParams,
  type TRfmSummary,
  toArrays,
  trackingSeries,
} from '@fidelia/stats';
import type { Command } from 'commander';
import { parseDay, parseSummary, parseTransactions } from './clv/parse';
import { CliError } from './errors';

interface TFitOut {
  customers: number;
  bgnbd: TBgNbdParams & { logLik: number };
  gammaGamma: (TGammaGammaParams & { logLik: number }) | null;
}

function fitAll(rows: TRfmSummary[]): TFitOut {
  try {
    const bg = fitBgNbd(toArrays(rows));
    const nM = rows.filter(
      (r) => r.monetaryValue !== null && r.frequency > 0 && r.monetaryValue > 0,
    ).length;
    const anyM = rows.some((r) => r.monetaryValue !== null);
    let gg: TFitOut['gammaGamma'] = null;
    if (anyM && nM < 2) {
      process.stderr.write(
        `fidelia: warning: ${nM} repeat buyer(s) with spend; Gamma-Gamma not fitted\n`,
      );
    }
    if (nM >= 2) {
      const g = fitGammaGamma(
        rows.map((r) => r.frequency),
        rows.map((r) => r.monetaryValue ?? 0),
      );
      gg = { p: g.p, q: g.q, gamma: g.gamma, logLik: g.logLik };
    }
    return {
      customers: rows.length,
      bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLik: bg.logLik },
      gammaGamma: gg,
    };
  } catch (e) {
    if (e instanceof ClvFitError) throw new CliError(e.message);
    throw e;
  }
}

function loadRows(o: {
  transactions?: string;
  summary?: string;
  format?: string;
  calibrationEnd?: string;
}) {
  if (o.summary && o.transactions)
    throw new CliError('give either --transactions or --summary, not both');
  if (o.summary) return parseSummary(o.summary);
  if (!o.transactions) throw new CliError('--transactions FILE or --summary FILE is required');
  const fmt = o.format ?? 'csv';
  if (fmt !== 'csv' && fmt !== 'cdnow')
    throw new CliError(`--format must be csv or cdnow (got ${fmt})`);
  if (!o.calibrationEnd)
    throw new CliError('--calibration-end YYYY-MM-DD is required with --transactions');
  const end = parseDay(o.calibrationEnd);
  if (end === null) throw new CliError(`--calibration-end: not a date: ${o.calibrationEnd}`);
  const txs = parseTransactions(o.transactions, fmt);
  const rows = summarizeTransactions(txs, end);
  const later = txs.filter((t) => t.day > end).length;
  if (later > 0)
    process.stderr.write(
      `fidelia: ${later} transactions after ${o.calibrationEnd} ignored (holdout)\n`,
    );
  if (rows.length === 0)
    throw new CliError(`${o.transactions}: no purchases on or before ${o.calibrationEnd}`);
  return rows;
}

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** `clv validate`: fit on the calibration period, compare with the holdout (docs/cli-clv.md). */
function validate(o: {
  transactions: string;
  format?: string;
  calibrationEnd: string;
  holdoutEnd?: string;
}) {
  const fmt = o.format ?? 'csv';
  if (fmt !== 'csv' && fmt !== 'cdnow')
    throw new CliError(`--format must be csv or cdnow (got ${fmt})`);
  const end = parseDay(o.calibrationEnd);
  if (end === null) throw new CliError(`--calibration-end: not a date: ${o.calibrationEnd}`);
  let hEnd: number | undefined;
  if (o.holdoutEnd !== undefined) {
    const h = parseDay(o.holdoutEnd);
    if (h === null) throw new CliError(`--holdout-end: not a date: ${o.holdoutEnd}`);
    if (h <= end) throw new CliError('--holdout-end must be after --calibration-end');
    hEnd = h;
  }
  const txs = parseTransactions(o.transactions, fmt);
  if (!txs.some((t) => t.day <= end))
    throw new CliError(`${o.transactions}: no purchases on or before ${o.calibrationEnd}`);
  if (!txs.some((t) => t.day > end))
    throw new CliError(
      `${o.transactions}: no purchases after ${o.calibrationEnd}: the holdout period is empty`,
    );
  const split = splitCalibrationHoldout(txs, end, hEnd);
  let bg: ReturnType<typeof fitBgNbd>;
  try {
    bg = fitBgNbd(toArrays(split.customers));
  } catch (e) {
    if (e instanceof ClvFitError) throw new CliError(e.message);
    throw e;
  }
  const params = { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b };
  const freq = holdoutByFrequency(params, split);
  const tr = trackingSeries(params, split);
  return {
    customers: split.customers.length,
    calibrationEnd: isoDay(end),
    holdoutEnd: isoDay(split.holdoutEndDay),
    holdoutWeeks: split.holdoutWeeks,
    bgnbd: { ...params, logLik: bg.logLik },
    byFrequency: freq.rows,
    total: { actual: freq.total.actual, predicted: freq.total.predicted },
    tracking: tr.weeks.map((w) => ({
      week: w.week,
      endDate: isoDay(w.endDay),
      holdout: w.holdout,
      actual: w.actual,
      expected: w.expected,
      cumulativeActual: w.cumulativeActual,
      cumulativeExpected: w.cumulativeExpected,
    })),
  };
}

export function registerClv(program: Command): void {
  const clv = program.command('clv').description('Customer lifetime value (BG/NBD + Gamma-Gamma)');
  clv
    .command('cohorts')
    .description('Retention curves by first-purchase month (share buying in month k after)')
    .requiredOption('--transactions <file>', 'transactions file')
    .option('--format <fmt>', 'csv (customer_id,date,amount) or cdnow', 'csv')
    .option('--as-of <date>', 'last observed day (default: last purchase day)')
    .option('--partial', 'count the month containing --as-of even if incomplete')
    .option('--max-months <n>', 'longest month offset shown')
    .option('--json', 'print JSON')
    .action((o) => {
      const fmt = o.format ?? 'csv';
      if (fmt !== 'csv' && fmt !== 'cdnow')
        throw new CliError(`--format must be csv or cdnow (got ${fmt})`);
      const asOf = o.asOf === undefined ? undefined : parseDay(o.asOf);
      if (asOf === null) throw new CliError(`--as-of: not a date: ${o.asOf}`);
      const maxMonths = o.maxMonths === undefined ? undefined : Number(o.maxMonths);
      if (maxMonths !== undefined && !(Number.isInteger(maxMonths) && maxMonths >= 0))
        throw new CliError(`--max-months: not an integer ≥ 0: ${o.maxMonths}`);
      const txs = parseTransactions(o.transactions, fmt);
      if (txs.length === 0) throw new CliError(`${o.transactions}: no purchases`);
      const r = cohortRetention(txs, {
        asOfDay: asOf,
        includePartialMonth: !!o.partial,
        maxMonths,
      });
      const out = { asOf: isoDay(r.asOfDay), cohorts: r.cohorts, average: r.average };
      if (o.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const pct = (v: number | undefined) => (v === undefined ? '' : `${(100 * v).toFixed(1)}%`);
      const width = Math.max(0, ...r.cohorts.map((c) => c.activeRate.length));
      const lines = [
        `active share by month since first purchase (as of ${out.asOf})`,
        ['cohort', 'size', ...Array.from({ length: width }, (_, k) => `m${k}`)].join('\t'),
        ...r.cohorts.map((c) => [c.cohort, c.size, ...c.activeRate.map(pct)].join('\t')),
        ['average', '', ...r.average.map((a) => pct(a.activeRate))].join('\t'),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  clv
    .command('validate')
    .description('Calibration/holdout validation: predicted vs actual holdout purchases')
    .requiredOption('--transactions <file>', 'transactions file')
    .option('--format <fmt>', 'csv (customer_id,date,amount) or cdnow', 'csv')
    .requiredOption('--calibration-end <date>', 'last day of the calibration period (inclusive)')
    .option('--holdout-end <date>', 'last day of the holdout (default: last transaction day)')
    .option('--json', 'print JSON')
    .action((o) => {
      const v = validate(o);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(v)}\n`);
        return;
      }
      const f = (x: number) => x.toFixed(3);
      const b = v.bgnbd;
      const lines = [
        `customers ${v.customers}  calibration to ${v.calibrationEnd}  holdout to ${v.holdoutEnd} (${f(v.holdoutWeeks)} weeks)`,
        `BG/NBD r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)} logLik=${b.logLik.toFixed(2)}`,
        '',
        'calibration purchases\tcustomers\tactual holdout (mean)\tpredicted (mean)',
        ...v.byFrequency.map((r) => `${r.frequency}\t${r.n}\t${f(r.actual)}\t${f(r.predicted)}`),
        `total\t${v.customers}\t${v.total.actual}\t${f(v.total.predicted)}`,
        '',
        'week\tend date\tactual\texpected\tcumulative actual\tcumulative expected',
        ...v.tracking.map(
          (w) =>
            `${w.week}${w.holdout ? '*' : ''}\t${w.endDate}\t${w.actual}\t${f(w.expected)}\t${w.cumulativeActual}\t${f(w.cumulativeExpected)}`,
        ),
        '(* holdout week)',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  clv
    .command('fit')
    .description('Fit BG/NBD and Gamma-Gamma by maximum likelihood')
    .option('--transactions <file>', 'transactions file')
    .option('--format <fmt>', 'csv (customer_id,date,amount) or cdnow', 'csv')
    .option('--calibration-end <date>', 'last day of the calibration period (inclusive)')
    .option('--summary <file>', 'summary CSV: [id,]frequency,recency,T[,monetary_value]')
    .option('--json', 'print JSON')
    .action((o) => {
      const out = fitAll(loadRows(o));
      if (o.json) process.stdout.write(`${JSON.stringify(out)}\n`);
      else {
        const b = out.bgnbd;
        const lines = [
          `customers  ${out.customers}`,
          `BG/NBD     r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)} logLik=${b.logLik.toFixed(2)}`,
        ];
        const g = out.gammaGamma;
        lines.push(
          g
            ? `GammaGamma p=${g.p.toFixed(4)} q=${g.q.toFixed(4)} gamma=${g.gamma.toFixed(4)} logLik=${g.logLik.toFixed(2)}`
            : 'GammaGamma (no monetary values)',
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      }
    });
  clv
    .command('predict')
    .description('P(alive), expected purchases, spend and CLV per customer')
    .requiredOption('--summary <file>', 'summary CSV')
    .requiredOption('--horizon <weeks>', 'horizon in weeks')
    .option('--params <file>', 'parameters JSON from `clv fit --json`')
    .option('--discount-rate <r>', 'annual discount rate, e.g. 0.1')
    .option('--json', 'print JSON')
    .action((o) => {
      const h = Number(o.horizon);
      if (!Number.isFinite(h) || h < 0)
        throw new CliError(`--horizon: not a number of weeks ≥ 0: ${o.horizon}`);
      const dr = o.discountRate === undefined ? undefined : Number(o.discountRate);
      if (dr !== undefined && (!Number.isFinite(dr) || dr < 0))
        throw new CliError(`--discount-rate: invalid ${o.discountRate}`);
      const rows = parseSummary(o.summary);
      let params: TFitOut;
      if (o.params) {
        try {
          params = JSON.parse(readFileSync(o.params, 'utf8')) as TFitOut;
        } catch (e) {
          throw new CliError(`${o.params}: cannot read parameters (${(e as Error).message})`);
        }
        const b = params.bgnbd;
        if (!b || ![b.r, b.alpha, b.a, b.b].every((v) => typeof v === 'number' && v > 0))
          throw new CliError(`${o.params}: bgnbd.r, alpha, a, b must be positive numbers`);
        const g = params.gammaGamma;
        if (g && ![g.p, g.q, g.gamma].every((v) => typeof v === 'number' && v > 0))
          throw new CliError(
            `${o.params}: gammaGamma.p, q, gamma must be positive numbers (or null)`,
          );
      } else params = fitAll(rows);
      const gg = rows.some((r) => r.monetaryValue !== null) ? params.gammaGamma : null;
      const customers = rows.map((c) => {
        const e = bgnbdConditionalExpected(params.bgnbd, h, c.frequency, c.recency, c.T);
        const spend = gg ? ggConditionalExpectedSpend(gg, c.frequency, c.monetaryValue ?? 0) : null;
        return {
          id: c.id,
          pAlive: bgnbdPAlive(params.bgnbd, c.frequency, c.recency, c.T),
          expectedPurchases: e,
          expectedSpend: spend,
          clv:
            spend === null
              ? null
              : clvValue(params.bgnbd, h, c.frequency, c.recency, c.T, spend, dr),
        };
      });
      if (o.json) process.stdout.write(`${JSON.stringify({ customers })}\n`);
      else {
        const f = (v: number | null) => (v === null ? '-' : v.toFixed(4));
        process.stdout.write('id\tpAlive\texpectedPurchases\texpectedSpend\tclv\n');
        for (const c of customers)
          process.stdout.write(
            `${c.id}\t${f(c.pAlive)}\t${f(c.expectedPurchases)}\t${f(c.expectedSpend)}\t${f(c.clv)}\n`,
          );
      }
    });
}
