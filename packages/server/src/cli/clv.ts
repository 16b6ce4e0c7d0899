import { readFileSync } from 'node:fs';
import {
  bgnbdConditionalExpected,
  bgnbdPAlive,
  ClvFitError,
  clvValue,
  fitBgNbd,
  fitGammaGamma,
  ggConditionalExpectedSpend,
  summarizeTransactions,
  type TBgNbdParams,
  type TGammaGammaParams,
  type TRfmSummary,
  toArrays,
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

export function registerClv(program: Command): void {
  const clv = program.command('clv').description('Customer lifetime value (BG/NBD + Gamma-Gamma)');
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
